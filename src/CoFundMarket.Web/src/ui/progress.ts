// Funding progress: a bar that is decoration only (aria-hidden), with the same facts in text beside it.
import { html, type TemplateResult } from "lit-html";
import type { Project } from "../gen/cofund/v1/common_pb.js";
import { formatMoney, percentOf } from "../api/money.js";
import { widthPercent } from "./width.js";

/** "£12,000 of £40,000 (30%)" with a bar. */
export function fundingProgress(project: Project, id = `progress-${project.id}`): TemplateResult {
  const percent = percentOf(project.countedTotal, project.target);
  return html`<div class="app-progress" id=${id}>
    <div class="app-progress__track" aria-hidden="true"><div class="app-progress__bar" ${widthPercent(percent)}></div></div>
    <p class="app-progress__text nhsuk-body-s"><strong>${formatMoney(project.countedTotal)}</strong> of ${formatMoney(project.target)} pledged (<span class="app-progress__percent">${percent}%</span>)</p>
  </div>`;
}
