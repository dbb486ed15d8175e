// The marketplace: every project a person may see, filtered by status, region, category and text (ListProjects),
// fifty at a time.
import { html, nothing, type TemplateResult } from "lit-html";
import { OrganisationKind, type Project, ProjectStatus } from "../../gen/cofund/v1/common_pb.js";
import { projects } from "../../api/clients.js";
import { describe, type Problem } from "../../api/errors.js";
import type { Directory } from "../../app/directory.js";
import { Page, type Shell } from "../../app/page.js";
import { currentSession, isAdmin } from "../../session/session.js";
import { button, selectField, textField } from "../../ui/forms.js";
import { empty, heading, loading } from "../../ui/layout.js";
import { loadFailure } from "../../ui/problems.js";
import { parseProjectStatus, projectStatusKey, projectStatusText, publicStatuses } from "../../ui/status.js";
import { projectCard } from "./projectCard.js";

const pageSize = 50;

/** The filters, as they stand in the page's address. */
interface Filters {
  status: ProjectStatus | undefined;
  region: string;
  category: string;
  text: string;
}

export class MarketplacePage extends Page {
  private readonly filters: Filters;
  private shown: Project[] = [];
  private nextPageToken = "";
  private loaded = false;
  private loadingMore = false;
  private problem: Problem | undefined;
  private names: Directory | undefined;

  constructor(shell: Shell, query: URLSearchParams) {
    super(shell);
    this.filters = {
      status: parseProjectStatus(query.get("status")),
      region: query.get("region") ?? "",
      category: query.get("category") ?? "",
      text: query.get("q") ?? "",
    };
  }

  title(): string {
    return "Co-funded projects";
  }

  override start(): void {
    this.useDirectory((names) => (this.names = names));
    void this.loadPage();
  }

  private async loadPage(): Promise<void> {
    try {
      const page = await projects.listProjects({
        pageSize,
        pageToken: this.nextPageToken,
        statuses: this.filters.status === undefined ? [] : [this.filters.status],
        regionCode: this.filters.region,
        category: this.filters.category,
        text: this.filters.text,
      }, { signal: this.signal });
      const firstNew = this.shown.length;
      this.shown = [...this.shown, ...page.projects];
      this.nextPageToken = page.nextPageToken;
      this.problem = undefined;
      if (this.loaded) {
        this.shell.announce(`${page.projects.length} more projects shown.`);
        this.shell.focusAfterRender(`.app-project-card:nth-child(${firstNew + 1}) a`);
      }
    } catch (error) {
      this.problem = describe(error);
    }
    this.loaded = true;
    this.loadingMore = false;
    this.changed();
  }

  private showMore(): void {
    this.loadingMore = true;
    this.changed();
    void this.loadPage();
  }

  private applyFilters(event: Event): void {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const query = new URLSearchParams();
    for (const name of ["status", "region", "category", "q"]) {
      const value = String(form.get(name) ?? "").trim();
      if (value) {
        query.set(name, value);
      }
    }
    const search = query.toString();
    this.shell.navigate(search ? `/?${search}` : "/");
  }

  view(): TemplateResult {
    const session = currentSession();
    const statuses = session ? [ProjectStatus.DRAFT, ProjectStatus.SUBMITTED, ...publicStatuses] : publicStatuses;
    const regions = this.names?.ofKind(OrganisationKind.REGION) ?? [];
    const filtered = this.filters.status !== undefined || this.filters.region || this.filters.category || this.filters.text;
    return html`
      ${heading(this.title())}
      <p class="nhsuk-lead-text">NHS organisations pledge towards open-source tools that are built once and used everywhere.</p>
      <p>Everything shown here is also published as <a href="/data">open data about the marketplace</a>, free to reuse.</p>
      ${session && !isAdmin(session) ? html`<p><a class="nhsuk-button nhsuk-button--secondary" href="/projects/new" role="button" draggable="false">Propose a project</a></p>` : nothing}
      <div class="nhsuk-grid-row">
        <div class="nhsuk-grid-column-one-third">
          <form class="app-filters" role="search" aria-label="Filter projects" @submit=${(e: Event) => this.applyFilters(e)}>
            <h2 class="nhsuk-heading-s">Filter projects</h2>
            ${textField({ id: "q", label: "Search titles and summaries", value: this.filters.text, type: "search" })}
            ${selectField({ id: "status", label: "Status", value: this.filters.status === undefined ? "" : projectStatusKey(this.filters.status),
              choices: [["", "Any status"], ...statuses.map((s): [string, string] => [projectStatusKey(s), projectStatusText(s)])] })}
            ${selectField({ id: "region", label: "Region that benefits", value: this.filters.region,
              choices: [["", "Any region"], ...regions.map((r): [string, string] => [r.code, r.name])] })}
            ${textField({ id: "category", label: "Category", hint: "The exact category, for example Mental health", value: this.filters.category })}
            ${button("Apply filters", { kind: "secondary" })}
            ${filtered ? html`<p><a href="/">Clear filters</a></p>` : nothing}
          </form>
        </div>
        <div class="nhsuk-grid-column-two-thirds">${this.results()}</div>
      </div>`;
  }

  private results(): TemplateResult {
    if (!this.loaded) {
      return loading("projects");
    }
    if (this.problem && this.shown.length === 0) {
      return loadFailure("the projects", this.problem);
    }
    if (this.shown.length === 0) {
      return empty("No projects match these filters. Try fewer filters or another search.");
    }
    return html`
      <h2 class="nhsuk-heading-m" id="results-heading">${this.shown.length}${this.nextPageToken ? "+" : ""} ${this.shown.length === 1 ? "project" : "projects"}</h2>
      <ul class="nhsuk-list app-project-list" aria-labelledby="results-heading">${this.shown.map((p) => projectCard(p, this.names))}</ul>
      ${this.problem ? loadFailure("more projects", this.problem) : nothing}
      ${this.nextPageToken ? button(this.loadingMore ? "Loading…" : "Show more projects", { kind: "secondary", type: "button", disabled: this.loadingMore, onClick: () => this.showMore() }) : nothing}`;
  }
}
