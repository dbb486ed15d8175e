// What a project is and how its funding works, in plain words: facts, the funding rule, pledges and adoptions.
import { html, nothing, type TemplateResult } from "lit-html";
import { type Project, ProjectStatus } from "../../gen/cofund/v1/common_pb.js";
import { daysLeft, describeDaysLeft, formatDate } from "../../api/dates.js";
import { formatMoney } from "../../api/money.js";
import type { Directory } from "../../app/directory.js";
import { empty, summaryList } from "../../ui/layout.js";
import { pledgeStatusTag, projectStatusTag } from "../../ui/status.js";
import { funders } from "../marketplace/projectCard.js";
import { built, codeLink, inspectable, reuseFigure, stageTag, usedBy } from "../../ui/reuse.js";

/** The project's facts as a summary list. */
export function projectFacts(project: Project, names: Directory | undefined): TemplateResult {
  const name = (code: string) => names?.name(code) ?? code;
  return summaryList([
    ["Status", html`<span id="project-status">${projectStatusTag(project.status)}</span>`],
    ["Stage", stageTag(project.stage)],
    ["Category", project.category],
    ["Lead organisation", html`<a href="/organisations/${project.leadOrganisationCode}">${name(project.leadOrganisationCode)}</a>`],
    ["Regions that benefit", project.regionCodes.map(name).join(", ") || "Not set"],
    ["Funding deadline", `${formatDate(project.fundingDeadline)}${project.status === ProjectStatus.OPEN ? ` (${describeDaysLeft(daysLeft(project.fundingDeadline)).toLowerCase()})` : ""}`],
    ["Funders", funders(project.funderCount)],
    ["Licence", project.licence],
    ["Code", inspectable(project.repositoryUrl) ? html`${codeLink(project)}<br><span class="nhsuk-body-s app-code-address">${project.repositoryUrl}</span>` : undefined],
    ["Reuse", built(project) || project.adaptationCount > 0 ? html`<span id="reuse">${reuseFigure(project)}</span>` : undefined],
    ["Cost per adopter", project.costPerAdopter ? formatMoney(project.costPerAdopter) : undefined],
  ]);
}

/** The funding rule (DOMAIN.md, "Projects" and "Pledges") for this project, in plain words. */
export function fundingRule(project: Project): TemplateResult {
  const overCap = (project.cap?.minorUnits ?? 0n) > (project.target?.minorUnits ?? 0n);
  return html`<h2 class="nhsuk-heading-m">How funding works for this project</h2>
    <ul class="nhsuk-list nhsuk-list--bullet" id="funding-rule">
      <li>It is funded when the pledges that count reach ${formatMoney(project.target)} from at least ${project.minFunders} ${project.minFunders === 1 ? "organisation" : "different organisations"}, by the end of ${formatDate(project.fundingDeadline)} (UK time).</li>
      <li>A conditional pledge counts only while enough other organisations' pledges count too.</li>
      <li>${overCap ? `Pledges may take it up to its cap of ${formatMoney(project.cap)}; more is refused.` : "Pledges beyond the target are refused."}</li>
      <li>When it is funded, every pledge that counts is committed at once. If the deadline passes first, or it is cancelled, every active pledge goes back to its organisation's budget.</li>
    </ul>`;
}

/** The pledges by organisation, as the project shows them. */
export function pledgesTable(project: Project, names: Directory | undefined): TemplateResult {
  if (project.pledges.length === 0) {
    return html`<h2 class="nhsuk-heading-m">Pledges</h2>${empty("No organisation has pledged yet.")}`;
  }
  return html`<table class="nhsuk-table" id="pledges">
    <caption class="nhsuk-table__caption nhsuk-table__caption--m">Pledges by organisation</caption>
    <thead class="nhsuk-table__head"><tr class="nhsuk-table__row">
      <th class="nhsuk-table__header" scope="col">Organisation</th>
      <th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col">Amount</th>
      <th class="nhsuk-table__header" scope="col">Condition</th>
      <th class="nhsuk-table__header" scope="col">Status</th>
      <th class="nhsuk-table__header" scope="col">Counts now</th>
    </tr></thead>
    <tbody class="nhsuk-table__body">
      ${project.pledges.map((p) => html`<tr class="nhsuk-table__row" data-organisation=${p.organisationCode}>
        <td class="nhsuk-table__cell"><a href="/organisations/${p.organisationCode}">${names?.name(p.organisationCode) ?? p.organisationCode}</a></td>
        <td class="nhsuk-table__cell nhsuk-table__cell--numeric">${formatMoney(p.amount)}</td>
        <td class="nhsuk-table__cell">${p.minOtherFunders > 0 ? `If ${p.minOtherFunders} or more others join` : "None"}</td>
        <td class="nhsuk-table__cell">${pledgeStatusTag(p.status)}</td>
        <td class="nhsuk-table__cell">${p.counted ? "Yes" : "No"}</td>
      </tr>`)}
    </tbody>
  </table>`;
}

/** The organisations that use the delivered tool. */
export function adoptionsTable(project: Project, names: Directory | undefined): TemplateResult | typeof nothing {
  if (project.adoptions.length === 0) {
    return nothing;
  }
  return html`<table class="nhsuk-table" id="adoptions">
    <caption class="nhsuk-table__caption nhsuk-table__caption--m">${usedBy(project)}</caption>
    <thead class="nhsuk-table__head"><tr class="nhsuk-table__row">
      <th class="nhsuk-table__header" scope="col">Organisation</th><th class="nhsuk-table__header" scope="col">Adopted on</th><th class="nhsuk-table__header" scope="col">Note</th>
    </tr></thead>
    <tbody class="nhsuk-table__body">
      ${project.adoptions.map((a) => html`<tr class="nhsuk-table__row">
        <td class="nhsuk-table__cell">${names?.name(a.organisationCode) ?? a.organisationCode}</td>
        <td class="nhsuk-table__cell">${formatDate(a.adoptedOn)}</td>
        <td class="nhsuk-table__cell">${a.note}</td>
      </tr>`)}
    </tbody>
  </table>`;
}
