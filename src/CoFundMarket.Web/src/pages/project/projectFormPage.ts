// Proposing a project (CreateProject, as a DRAFT led by the person's organisation) and editing it while it is a draft
// or awaiting approval (UpdateProject, guarded by the version it was read at). The marketplace checks every field;
// its field violations are shown beside the fields they name. A new project may adapt a DELIVERED one (chosen from
// ListProjects, or preselected by the delivered project's "Propose an adaptation" button).
import { html, nothing, type TemplateResult } from "lit-html";
import { OrganisationKind, type Project, ProjectStatus } from "../../gen/cofund/v1/common_pb.js";
import { projects } from "../../api/clients.js";
import { describe, type Problem } from "../../api/errors.js";
import { parseDate } from "../../api/dates.js";
import { gbp, parsePounds, penceToInput } from "../../api/money.js";
import type { Directory } from "../../app/directory.js";
import { Page, type Shell } from "../../app/page.js";
import { currentSession } from "../../session/session.js";
import { button, dateField, selectField, textArea, textField } from "../../ui/forms.js";
import { breadcrumbs, heading } from "../../ui/layout.js";
import { apiFieldMessage, errorSummary, loadingOrFailure } from "../../ui/problems.js";
import { chosenStages, parseStage, stageKey, stageText } from "../../ui/reuse.js";
import { newRequestId } from "./panel.js";

const fieldTargets: Record<string, string> = {
  title: "#title", summary: "#summary", problem: "#problem", category: "#category", region_codes: "#regions",
  target: "#target", cap: "#cap", min_funders: "#min-funders", funding_deadline: "#deadline-day", licence: "#licence",
  repository_url: "#repository-url", stage: "#stage", adapted_from_project_id: "#adapts",
};

type Values = Record<string, string>;

export class ProjectFormPage extends Page {
  private existing: Project | undefined;
  private loadProblem: Problem | undefined;
  private problem: Problem | undefined;
  private localErrors: Array<[string, string]> = [];
  private values: Values = { licence: "MIT", "min-funders": "1", stage: "IDEA" };
  /** The projects a new one may adapt: DELIVERED ones, and a preselected one even if it is not (the API then says why). */
  private adaptable: Array<[id: string, title: string]> | undefined;
  private adaptableProblem: Problem | undefined;
  private regions = new Set<string>();
  private names: Directory | undefined;
  private busy = false;
  private readonly requestId = newRequestId("project");
  private readonly session = currentSession();

  constructor(shell: Shell, private readonly projectId?: string, adapts?: string) {
    super(shell);
    this.values.adapts = adapts ?? "";
  }

  title(): string {
    return this.projectId ? "Edit the project" : "Propose a project";
  }

  override start(): void {
    this.useDirectory((names) => (this.names = names));
    if (this.projectId) {
      projects.getProject({ projectId: this.projectId }, { signal: this.signal }).then((r) => {
        this.fill(r.project!);
        this.changed();
      }, (error: unknown) => {
        this.loadProblem = describe(error);
        this.changed();
      });
    } else {
      void this.loadAdaptable();
    }
  }

  private async loadAdaptable(): Promise<void> {
    try {
      const found: Array<[string, string]> = [];
      let pageToken = "";
      do {
        const page = await projects.listProjects({ statuses: [ProjectStatus.DELIVERED], pageSize: 500, pageToken }, { signal: this.signal });
        page.projects.forEach((p) => found.push([p.id, p.title]));
        pageToken = page.nextPageToken;
      } while (pageToken);
      const preselected = this.values.adapts;
      if (preselected && !found.some(([id]) => id === preselected)) {
        const project = await projects.getProject({ projectId: preselected }, { signal: this.signal }).then((r) => r.project, () => undefined);
        found.push([preselected, project?.title ?? preselected]);
      }
      this.adaptable = found;
    } catch (error) {
      this.adaptableProblem = describe(error);
    }
    this.changed();
  }

  private fill(project: Project): void {
    this.existing = project;
    const deadline = project.fundingDeadline;
    this.values = {
      title: project.title, summary: project.summary, problem: project.problem, category: project.category,
      target: penceToInput(project.target), cap: project.cap && project.cap.minorUnits !== project.target?.minorUnits ? penceToInput(project.cap) : "",
      "min-funders": String(project.minFunders), licence: project.licence,
      "repository-url": project.repositoryUrl, stage: stageKey(project.stage),
      "deadline-day": String(deadline?.day ?? ""), "deadline-month": String(deadline?.month ?? ""), "deadline-year": String(deadline?.year ?? ""),
    };
    this.regions = new Set(project.regionCodes);
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    // The delivered projects may still be loading: a preselected one is kept until its select is shown.
    const adapts = data.has("adapts") ? undefined : this.values.adapts;
    this.values = Object.fromEntries([...data.entries()].filter(([k]) => k !== "regions").map(([k, v]) => [k, String(v).trim()]));
    if (adapts !== undefined) {
      this.values.adapts = adapts;
    }
    this.regions = new Set(data.getAll("regions").map(String));
    this.problem = undefined;
    this.localErrors = [];
    const target = parsePounds(this.values.target ?? "");
    const cap = this.values.cap ? parsePounds(this.values.cap) : 0n;
    const deadline = parseDate(this.values["deadline-day"] ?? "", this.values["deadline-month"] ?? "", this.values["deadline-year"] ?? "");
    const minFunders = Number(this.values["min-funders"] || "1");
    if (target === undefined) this.localErrors.push(["#target", "Enter the funding target in pounds, like 40000"]);
    if (cap === undefined) this.localErrors.push(["#cap", "Enter the cap in pounds, or leave it empty"]);
    if (!Number.isInteger(minFunders)) this.localErrors.push(["#min-funders", "Enter the minimum number of funders as a whole number"]);
    if (!deadline) this.localErrors.push(["#deadline-day", "Enter the funding deadline as a real date, like 31 3 2027"]);
    if (this.localErrors.length > 0 || target === undefined || cap === undefined || !deadline) {
      this.shell.focusAfterRender(".nhsuk-error-summary");
      this.changed();
      return;
    }
    const details = {
      requestId: this.requestId, title: this.values.title ?? "", summary: this.values.summary ?? "", problem: this.values.problem ?? "",
      category: this.values.category ?? "", regionCodes: [...this.regions], target: gbp(target), cap: cap > 0n ? gbp(cap) : undefined,
      minFunders, fundingDeadline: deadline, licence: this.values.licence ?? "",
      repositoryUrl: this.values["repository-url"] ?? "", stage: parseStage(this.values.stage),
    };
    this.busy = true;
    this.changed();
    try {
      const saved = this.existing
        ? await projects.updateProject({ ...details, projectId: this.existing.id, expectedVersion: this.existing.version }, { signal: this.signal })
        : await projects.createProject({ ...details, leadOrganisationCode: this.session?.organisationCode ?? "", adaptedFromProjectId: this.values.adapts ?? "" }, { signal: this.signal });
      this.shell.announce(this.existing ? "The project is saved." : "The project is saved as a draft.");
      this.shell.navigate(`/projects/${saved.project!.id}`);
    } catch (error) {
      this.problem = describe(error);
      this.busy = false;
      this.shell.focusAfterRender(".nhsuk-error-summary");
      this.changed();
    }
  }

  private error(field: string, id: string): string | undefined {
    return this.localErrors.find(([href]) => href === `#${id}`)?.[1] ?? apiFieldMessage(this.problem, field);
  }

  /** The choice of a delivered project to adapt (new projects only; the lineage of a saved one does not change). */
  private adaptsField(): TemplateResult | typeof nothing {
    if (this.existing) {
      return nothing;
    }
    if (!this.adaptable) {
      return loadingOrFailure("the delivered projects", this.adaptableProblem);
    }
    const refused = this.problem?.reason === "ADAPTS_UNDELIVERED" ? "Choose a delivered project, or none" : undefined;
    return selectField({ id: "adapts", label: "Delivered project it adapts (optional)", value: this.values.adapts,
      hint: "Choose one when this project reuses a delivered tool for other people or places. Only delivered projects can be adapted.",
      error: refused ?? this.error("adapted_from_project_id", "adapts"),
      choices: [["", "None: a new tool"], ...this.adaptable] });
  }

  view(): TemplateResult {
    const crumbs = breadcrumbs(this.existing ? [["Marketplace", "/"], [this.existing.title, `/projects/${this.existing.id}`]] : [["Marketplace", "/"]]);
    if (!this.session?.organisationCode) {
      return html`${crumbs}${heading(this.title())}<p>Projects are proposed by people at NHS organisations. <a href="/sign-in?return=${encodeURIComponent(window.location.pathname)}">Sign in as a lead at your trust</a>.</p>`;
    }
    if (this.projectId && !this.existing) {
      return html`${crumbs}${heading(this.title())}${loadingOrFailure("the project", this.loadProblem)}`;
    }
    const regions = this.names?.ofKind(OrganisationKind.REGION) ?? [];
    const v = this.values;
    return html`${crumbs}
      ${heading(this.title(), this.existing ? this.existing.title : `Led by ${this.session.organisationName ?? this.session.organisationCode}`)}
      ${errorSummary(this.problem, fieldTargets, this.problem?.reason === "ADAPTS_UNDELIVERED" ? [["#adapts", "Choose a delivered project to adapt, or none"]] : this.localErrors)}
      <form novalidate @submit=${(e: Event) => void this.submit(e)} class="nhsuk-grid-row"><div class="nhsuk-grid-column-two-thirds">
        ${this.adaptsField()}
        ${textField({ id: "title", label: "Title", value: v.title, error: this.error("title", "title") })}
        ${textArea({ id: "summary", label: "Summary", hint: "One paragraph: what the tool does and for whom", value: v.summary, error: this.error("summary", "summary") })}
        ${textArea({ id: "problem", label: "The problem it solves (optional)", rows: 6, value: v.problem, error: this.error("problem", "problem") })}
        ${textField({ id: "category", label: "Category", hint: "For example Patient flow or Mental health", value: v.category, inputClasses: "nhsuk-input--width-20", error: this.error("category", "category") })}
        <div class="nhsuk-form-group ${this.error("region_codes", "regions") ? "nhsuk-form-group--error" : ""}">
          <fieldset class="nhsuk-fieldset" id="regions">
            <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Regions that benefit</legend>
            ${this.error("region_codes", "regions") ? html`<span class="nhsuk-error-message"><span class="nhsuk-u-visually-hidden">Error:</span> ${this.error("region_codes", "regions")}</span>` : nothing}
            <div class="nhsuk-checkboxes nhsuk-checkboxes--small">
              ${regions.map((r) => html`<div class="nhsuk-checkboxes__item">
                <input class="nhsuk-checkboxes__input" id="region-${r.code}" name="regions" type="checkbox" value=${r.code} .checked=${this.regions.has(r.code)}>
                <label class="nhsuk-label nhsuk-checkboxes__label" for="region-${r.code}">${r.name}</label>
              </div>`)}
            </div>
          </fieldset>
        </div>
        ${textField({ id: "target", label: "Funding target in pounds", prefix: "£", inputmode: "decimal", inputClasses: "nhsuk-input--width-10", value: v.target, error: this.error("target", "target") })}
        ${textField({ id: "cap", label: "Funding cap in pounds (optional)", hint: "The most it will take; leave empty to stop at the target", prefix: "£", inputmode: "decimal", inputClasses: "nhsuk-input--width-10", value: v.cap, error: this.error("cap", "cap") })}
        ${textField({ id: "min-funders", label: "Minimum number of funders", hint: "How many different organisations must fund it", inputmode: "numeric", inputClasses: "nhsuk-input--width-3", value: v["min-funders"], error: this.error("min_funders", "min-funders") })}
        ${dateField({ id: "deadline", label: "Funding deadline", hint: "Pledges are taken until the end of this day (UK time). For example, 31 3 2027", day: v["deadline-day"], month: v["deadline-month"], year: v["deadline-year"], error: this.error("funding_deadline", "deadline-day") })}
        ${selectField({ id: "stage", label: "Stage", hint: "How far the tool itself has come", value: v.stage,
          choices: chosenStages.map((st): [string, string] => [stageKey(st), stageText(st)]) })}
        ${textField({ id: "repository-url", label: "Where its code is (optional)", hint: "An https address anyone can open to inspect the code before pledging, for example a prototype's repository", type: "url", autocomplete: "url", value: v["repository-url"], error: this.error("repository_url", "repository-url") })}
        ${textField({ id: "licence", label: "Licence", hint: "An OSI licence id such as MIT or Apache-2.0, or OGL-UK-3.0 for content", value: v.licence, inputClasses: "nhsuk-input--width-10", error: this.error("licence", "licence") })}
        ${button(this.busy ? "Saving…" : this.existing ? "Save changes" : "Save as draft", { disabled: this.busy })}
      </div></form>`;
  }
}
