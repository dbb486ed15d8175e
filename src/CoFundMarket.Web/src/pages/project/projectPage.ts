// One project, kept live by WatchProject (its current state, then every change): facts, funding, pledges, the
// pledge and lifecycle panels for whoever is signed in, and the audit trail for administrators.
import { html, nothing, type TemplateResult } from "lit-html";
import type { Event as AuditEvent, Project } from "../../gen/cofund/v1/common_pb.js";
import { marketplace, projects } from "../../api/clients.js";
import { describe, isCancelled, type Problem } from "../../api/errors.js";
import { formatMoney, formatPence, percentOf } from "../../api/money.js";
import type { Directory } from "../../app/directory.js";
import { Page, type Shell } from "../../app/page.js";
import { currentSession, isAdmin } from "../../session/session.js";
import { breadcrumbs, heading } from "../../ui/layout.js";
import { loadFailure, loadingOrFailure } from "../../ui/problems.js";
import { fundingProgress } from "../../ui/progress.js";
import { projectStatusText } from "../../ui/status.js";
import { LifecyclePanel } from "./lifecyclePanel.js";
import { Lineage } from "./lineage.js";
import type { ProjectHost } from "./panel.js";
import { PledgePanel } from "./pledgePanel.js";
import { adoptionsTable, fundingRule, pledgesTable, projectFacts } from "./projectDetails.js";
import { timeline } from "./timeline.js";

export class ProjectPage extends Page implements ProjectHost {
  private current: Project | undefined;
  private problem: Problem | undefined;
  private live: "connecting" | "live" | "reconnecting" = "connecting";
  private events: AuditEvent[] | undefined;
  private timelineProblem: Problem | undefined;
  private readonly session = currentSession();
  private readonly pledgePanel = this.session?.organisationCode ? new PledgePanel(this, this.session) : undefined;
  private readonly lifecyclePanel = this.session ? new LifecyclePanel(this, this.session) : undefined;
  private readonly lineage = new Lineage();
  names: Directory | undefined;

  constructor(shell: Shell, private readonly projectId: string) {
    super(shell);
  }

  override get signal(): AbortSignal {
    return super.signal;
  }

  title(): string {
    return this.current?.title ?? "Project";
  }

  override start(): void {
    this.useDirectory((names) => (this.names = names));
    void this.watch();
  }

  override changed(): void {
    super.changed();
  }

  project(): Project {
    return this.current!;
  }

  announce(message: string): void {
    this.shell.announce(message);
  }

  focus(selector: string): void {
    this.shell.focusAfterRender(selector);
  }

  accept(project: Project): void {
    this.receive(project, false);
  }

  /** Follows the project; reconnects after a dropped stream, with a growing pause, for as long as the page is open. */
  private async watch(): Promise<void> {
    let attempt = 0;
    while (!this.isStopped) {
      try {
        for await (const update of projects.watchProject({ projectId: this.projectId }, { signal: this.signal })) {
          attempt = 0;
          this.live = "live";
          this.receive(update.project!, true);
        }
      } catch (error) {
        if (this.isStopped || isCancelled(error)) {
          return;
        }
        if (!this.current) {
          this.problem = describe(error);
          this.changed();
          return;
        }
      }
      this.live = "reconnecting";
      this.changed();
      await new Promise((resolve) => window.setTimeout(resolve, Math.min(30_000, 1_000 * 2 ** attempt++)));
    }
  }

  private receive(project: Project, fromWatch: boolean): void {
    const previous = this.current;
    if (previous && project.version < previous.version) {
      return;
    }
    this.current = project;
    const change = previous && fromWatch ? this.describeChange(previous, project) : undefined;
    if (change) {
      this.announce(change);
    }
    this.lineage.load(project, this.signal, () => this.changed());
    if (isAdmin(this.session) && (!previous || project.version !== previous.version)) {
      void this.loadTimeline();
    }
    this.changed();
  }

  /** What a screen-reader user hears when the project changes in a way the page shows; undefined when nothing shown changed. */
  private describeChange(before: Project, after: Project): string | undefined {
    const shown = (p: Project) => `${p.status} ${p.countedTotal?.minorUnits} ${p.funderCount} ${p.pledges.length} ${p.adoptionCount}`;
    if (shown(before) === shown(after)) {
      return undefined;
    }
    return `Live update. ${projectStatusText(after.status)}: ${formatMoney(after.countedTotal)} of ${formatMoney(after.target)} (${percentOf(after.countedTotal, after.target)}%) from ${after.funderCount} ${after.funderCount === 1 ? "funder" : "funders"}.`;
  }

  private async loadTimeline(): Promise<void> {
    try {
      const trail = await marketplace.getAuditTrail({ entityType: "project", entityId: this.projectId, pageSize: 500 }, { signal: this.signal });
      this.events = trail.events;
      this.timelineProblem = undefined;
    } catch (error) {
      if (!isCancelled(error)) {
        this.timelineProblem = describe(error);
      }
    }
    this.changed();
  }

  view(): TemplateResult {
    const project = this.current;
    const crumbs = breadcrumbs([["Marketplace", "/"]]);
    if (!project) {
      return html`${crumbs}${heading(this.title())}${loadingOrFailure("the project", this.problem)}`;
    }
    const names = this.names;
    return html`${crumbs}
      ${heading(project.title, "Project")}
      <p class="nhsuk-lead-text">${project.summary}</p>
      ${this.lineage.adaptedFrom(project)}
      <div class="nhsuk-grid-row">
        <div class="nhsuk-grid-column-two-thirds">
          <section aria-labelledby="funding-heading">
            <h2 class="nhsuk-heading-m" id="funding-heading">Funding</h2>
            ${fundingProgress(project, "project-progress")}
            ${(project.pledged?.minorUnits ?? 0n) > (project.countedTotal?.minorUnits ?? 0n)
              ? html`<p class="nhsuk-body-s">A further ${formatPence(project.pledged!.minorUnits - (project.countedTotal?.minorUnits ?? 0n))} is pledged on conditions not met yet.</p>` : nothing}
            <p class="nhsuk-body-s app-live-status" id="live-status">${this.live === "live" ? "This page updates by itself as pledges arrive." : this.live === "reconnecting" ? "Live updates paused; reconnecting…" : "Connecting to live updates…"}</p>
          </section>
          ${this.pledgePanel?.view(project) ?? (this.session ? nothing : html`<h2 class="nhsuk-heading-m">Pledge</h2><p><a href="/sign-in?return=${encodeURIComponent(`/projects/${project.id}`)}">Sign in</a> to pledge for your organisation.</p>`)}
          ${this.lifecyclePanel?.view(project) ?? nothing}
          <h2 class="nhsuk-heading-m">About the project</h2>
          ${projectFacts(project, names)}
          ${project.problem ? html`<h2 class="nhsuk-heading-m">The problem it solves</h2><p class="app-problem">${project.problem}</p>` : nothing}
          ${fundingRule(project)}
          ${pledgesTable(project, names)}
          ${adoptionsTable(project, names)}
          ${this.lineage.adaptations(project)}
          ${isAdmin(this.session) ? (this.timelineProblem ? loadFailure("the timeline", this.timelineProblem) : timeline(this.events, (c) => names?.name(c) ?? c)) : nothing}
        </div>
      </div>`;
  }
}
