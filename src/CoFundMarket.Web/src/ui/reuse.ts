// How far a project's tool has come (its stage, as an NHS tag), where its code can be inspected, and the reuse it has
// shown: shared by the marketplace cards and the project page.
import { html, nothing, type TemplateResult } from "lit-html";
import { type Project, ProjectStage, ProjectStatus } from "../gen/cofund/v1/common_pb.js";
import { parseEnumKey } from "./status.js";

const stages: Record<ProjectStage, [text: string, colour: string]> = {
  [ProjectStage.UNSPECIFIED]: ["Idea", "white"],
  [ProjectStage.IDEA]: ["Idea", "white"],
  [ProjectStage.PROTOTYPE]: ["Prototype", "yellow"],
  [ProjectStage.BETA]: ["Beta", "aqua-green"],
  [ProjectStage.LIVE]: ["Live", "green"],
};

/** The stages a lead can choose, in the order a tool passes through them. */
export const chosenStages = [ProjectStage.IDEA, ProjectStage.PROTOTYPE, ProjectStage.BETA, ProjectStage.LIVE];

/** A stage in words: "Prototype". */
export function stageText(stage: ProjectStage): string {
  return stages[stage][0];
}

/** A stage as a tag, said as "Stage: Prototype" to screen readers (the status tag sits beside it). */
export function stageTag(stage: ProjectStage): TemplateResult {
  const [text, colour] = stages[stage];
  return html`<strong class="nhsuk-tag nhsuk-tag--${colour} app-stage"><span class="nhsuk-u-visually-hidden">Stage: </span>${text}</strong>`;
}

/** The name gRPC gives a stage (a form value): "PROTOTYPE". */
export function stageKey(stage: ProjectStage): string {
  return ProjectStage[stage === ProjectStage.UNSPECIFIED ? ProjectStage.IDEA : stage];
}

/** Reads a stage name from a form back (IDEA when it is not one). */
export function parseStage(key: string | undefined): ProjectStage {
  return parseEnumKey<ProjectStage>(ProjectStage, key) ?? ProjectStage.IDEA;
}

/** Whether the API gave an address a browser may open as code to inspect (the API takes https only; so does the page). */
export function inspectable(url: string): boolean {
  return url.startsWith("https://");
}

/** "Inspect the code" of a project, in the same tab; its title is said too, so the link makes sense out of context. */
export function codeLink(project: Project): TemplateResult | typeof nothing {
  if (!inspectable(project.repositoryUrl)) {
    return nothing;
  }
  return html`<a class="app-code-link" href=${project.repositoryUrl} rel="noopener noreferrer">Inspect the code<span class="nhsuk-u-visually-hidden"> of ${project.title}</span></a>`;
}

/** Whether the tool exists yet, so that its reuse means something. */
export function built(project: Project): boolean {
  return project.status === ProjectStatus.IN_DELIVERY || project.status === ProjectStatus.DELIVERED;
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "Built once, used by 3 organisations, adapted 1 time": the reuse a tool has shown. */
export function reuseFigure(project: Project): string {
  return `Built once, used by ${count(project.adoptionCount, "organisation", "organisations")}, adapted ${count(project.adaptationCount, "time", "times")}`;
}

/** "Used by 3 organisations": the adoptions alone. */
export function usedBy(project: Project): string {
  return `Used by ${count(project.adoptionCount, "organisation", "organisations")}`;
}
