// One project in the marketplace list: what it is, how far its tool and its funding have come, its code, and who
// uses and adapts it.
import { html, nothing, type TemplateResult } from "lit-html";
import { type Project, ProjectStatus } from "../../gen/cofund/v1/common_pb.js";
import { daysLeft, describeDaysLeft } from "../../api/dates.js";
import { fundingProgress } from "../../ui/progress.js";
import { projectStatusTag } from "../../ui/status.js";
import type { Directory } from "../../app/directory.js";
import { built, codeLink, inspectable, reuseFigure, stageTag } from "../../ui/reuse.js";

/** "3 funders". */
export function funders(count: number): string {
  return `${count} ${count === 1 ? "funder" : "funders"}`;
}

/** A project card. */
export function projectCard(project: Project, names: Directory | undefined): TemplateResult {
  const open = project.status === ProjectStatus.OPEN;
  return html`<li class="nhsuk-card app-project-card" data-project-id=${project.id}>
    <div class="nhsuk-card__content">
      <h2 class="nhsuk-card__heading nhsuk-heading-m"><a class="nhsuk-card__link" href="/projects/${project.id}">${project.title}</a></h2>
      <p class="nhsuk-body-s app-card-meta">${projectStatusTag(project.status)} ${stageTag(project.stage)} <span>${project.category}</span> · <span>Led by ${names?.name(project.leadOrganisationCode) ?? project.leadOrganisationCode}</span></p>
      <p class="nhsuk-card__description">${project.summary}</p>
      ${fundingProgress(project)}
      <ul class="app-facts nhsuk-body-s">
        ${open ? html`<li>${describeDaysLeft(daysLeft(project.fundingDeadline))}</li>` : nothing}
        <li>${funders(project.funderCount)}</li>
        ${built(project) || project.adaptationCount > 0 ? html`<li class="app-reuse">${reuseFigure(project)}</li>` : nothing}
        ${project.adaptedFromProjectId ? html`<li>An adaptation of a delivered project</li>` : nothing}
        ${inspectable(project.repositoryUrl) ? html`<li>${codeLink(project)}</li>` : nothing}
      </ul>
    </div>
  </li>`;
}
