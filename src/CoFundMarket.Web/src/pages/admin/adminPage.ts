// Administration: the marketplace's totals by region and status, projects at risk, the approval queue, the live
// event feed and the invariant check. For administrators only (the API refuses everyone else anyway).
import { html, nothing, type TemplateResult } from "lit-html";
import type { AtRiskProject, CheckInvariantsResponse, GetSummaryResponse } from "../../gen/cofund/v1/marketplace_service_pb.js";
import { type Project, ProjectStatus } from "../../gen/cofund/v1/common_pb.js";
import { marketplace, projects } from "../../api/clients.js";
import { describe, type Problem } from "../../api/errors.js";
import { formatDate } from "../../api/dates.js";
import { formatMoney } from "../../api/money.js";
import type { Directory } from "../../app/directory.js";
import { Page, type Shell } from "../../app/page.js";
import { currentSession, isAdmin } from "../../session/session.js";
import { button } from "../../ui/forms.js";
import { empty, heading, loading, successBanner, summaryList } from "../../ui/layout.js";
import { errorSummary, loadFailure } from "../../ui/problems.js";
import { projectStatusText } from "../../ui/status.js";
import { newRequestId } from "../project/panel.js";
import { barChart } from "./charts.js";
import { EventFeed } from "./eventFeed.js";

type Loaded<T> = { value: T } | { problem: Problem } | undefined;

async function load<T>(call: () => Promise<T>): Promise<Loaded<T>> {
  try {
    return { value: await call() };
  } catch (error) {
    return { problem: describe(error) };
  }
}

/** A list that is loading, failed, empty or there to show. */
function listOrState<T>(loaded: Loaded<T[]>, what: string, emptyText: string, show: (items: T[]) => TemplateResult): TemplateResult {
  return !loaded ? loading(what) : "problem" in loaded ? loadFailure(what, loaded.problem) : loaded.value.length === 0 ? empty(emptyText) : show(loaded.value);
}

export class AdminPage extends Page {
  private summary: Loaded<GetSummaryResponse>;
  private atRisk: Loaded<AtRiskProject[]>;
  private queue: Loaded<Project[]>;
  private invariants: Loaded<CheckInvariantsResponse>;
  private checking = false;
  private approving = new Set<string>();
  private approved: string | undefined;
  private approveProblem: Problem | undefined;
  private names: Directory | undefined;
  private readonly feed = new EventFeed(() => this.changed(), (m) => this.shell.announce(m), this.signal);
  private readonly allowed = isAdmin(currentSession());

  constructor(shell: Shell) {
    super(shell);
  }

  title(): string {
    return "Administration";
  }

  override start(): void {
    if (!this.allowed) {
      return;
    }
    this.useDirectory((names) => (this.names = names));
    void load(() => marketplace.getSummary({}, { signal: this.signal })).then((r) => this.set(() => (this.summary = r)));
    void load(async () => (await marketplace.listAtRiskProjects({}, { signal: this.signal })).projects).then((r) => this.set(() => (this.atRisk = r)));
    void this.loadQueue();
    void this.feed.follow();
  }

  private set(assign: () => void): void {
    assign();
    this.changed();
  }

  private async loadQueue(): Promise<void> {
    this.queue = await load(async () => (await projects.listProjects({ statuses: [ProjectStatus.SUBMITTED], pageSize: 500 }, { signal: this.signal })).projects);
    this.changed();
  }

  private async approve(project: Project): Promise<void> {
    this.approving.add(project.id);
    this.approveProblem = undefined;
    this.approved = undefined;
    this.changed();
    try {
      await projects.approveProject({ requestId: newRequestId("approve"), projectId: project.id }, { signal: this.signal });
      this.approved = `${project.title} is approved and open for pledges.`;
      this.shell.announce(this.approved);
      // The list follows the event feed and may still show it for a moment; it is approved, so leave it out.
      if (this.queue && "value" in this.queue) {
        this.queue = { value: this.queue.value.filter((p) => p.id !== project.id) };
      }
    } catch (error) {
      this.approveProblem = describe(error);
      this.shell.focusAfterRender(".app-queue .nhsuk-error-summary");
    }
    this.approving.delete(project.id);
    this.changed();
  }

  private async checkInvariants(): Promise<void> {
    this.checking = true;
    this.changed();
    this.invariants = await load(() => marketplace.checkInvariants({}, { signal: this.signal }));
    this.checking = false;
    const result = this.invariants && "value" in this.invariants ? this.invariants.value : undefined;
    this.shell.announce(result ? (result.violations.length === 0 ? "Every invariant holds." : `${result.violations.length} invariant violations found.`) : "The invariant check failed.");
    this.changed();
  }

  view(): TemplateResult {
    if (!this.allowed) {
      return html`${heading(this.title())}<p>This page is for marketplace administrators. <a href="/sign-in?return=/admin">Sign in as an administrator</a>.</p>`;
    }
    return html`${heading(this.title())}
      ${this.summaryView()}
      ${this.queueView()}
      ${this.atRiskView()}
      ${this.feed.view()}
      ${this.invariantsView()}`;
  }

  private summaryView(): TemplateResult {
    const summary = this.summary;
    if (!summary) {
      return loading("the marketplace totals");
    }
    if ("problem" in summary) {
      return loadFailure("the marketplace totals", summary.problem);
    }
    const totals = summary.value.totals;
    return html`<section aria-labelledby="totals-heading">
      <h2 class="nhsuk-heading-m" id="totals-heading">Marketplace totals</h2>
      ${summaryList([
        ["Pooled (active and committed pledges)", formatMoney(totals?.pooled)],
        ["Committed", formatMoney(totals?.committed)],
        ["Projects (open or later)", String(totals?.projectCount ?? 0)],
        ["Funders", String(totals?.funderCount ?? 0)],
        ["Adoptions", String(totals?.adoptionCount ?? 0)],
      ])}
      <div class="nhsuk-grid-row">
        <div class="nhsuk-grid-column-one-half">
          ${barChart("chart-regions", "Pooled by region that benefits", summary.value.regions.map((r) => ({ label: r.regionName || r.regionCode, value: r.totals?.pooled?.minorUnits ?? 0n, text: `${formatMoney(r.totals?.pooled)} across ${r.totals?.projectCount ?? 0} projects` })))}
        </div>
        <div class="nhsuk-grid-column-one-half">
          ${barChart("chart-statuses", "Projects by status", summary.value.statuses.map((s) => ({ label: projectStatusText(s.status), value: BigInt(s.totals?.projectCount ?? 0), text: `${s.totals?.projectCount ?? 0} (${formatMoney(s.totals?.pooled)} pooled)` })))}
        </div>
      </div>
    </section>`;
  }

  private queueView(): TemplateResult {
    const queue = this.queue;
    return html`<section class="app-queue" aria-labelledby="queue-heading">
      <h2 class="nhsuk-heading-m" id="queue-heading">Waiting for approval</h2>
      ${this.approved ? successBanner("Approved", this.approved) : nothing}
      ${errorSummary(this.approveProblem)}
      ${listOrState(queue, "the approval queue", "No project is waiting for approval.", (waiting) => html`<table class="nhsuk-table" id="approval-queue">
            <caption class="nhsuk-table__caption nhsuk-u-visually-hidden">Projects waiting for approval</caption>
            <thead class="nhsuk-table__head"><tr class="nhsuk-table__row">
              <th class="nhsuk-table__header" scope="col">Project</th><th class="nhsuk-table__header" scope="col">Lead</th>
              <th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col">Target</th><th class="nhsuk-table__header" scope="col">Deadline</th>
              <th class="nhsuk-table__header" scope="col"><span class="nhsuk-u-visually-hidden">Action</span></th>
            </tr></thead>
            <tbody class="nhsuk-table__body">
              ${waiting.map((p) => html`<tr class="nhsuk-table__row" data-project-id=${p.id}>
                <td class="nhsuk-table__cell"><a href="/projects/${p.id}">${p.title}</a></td>
                <td class="nhsuk-table__cell">${this.names?.name(p.leadOrganisationCode) ?? p.leadOrganisationCode}</td>
                <td class="nhsuk-table__cell nhsuk-table__cell--numeric">${formatMoney(p.target)}</td>
                <td class="nhsuk-table__cell">${formatDate(p.fundingDeadline)}</td>
                <td class="nhsuk-table__cell">${html`<button class="nhsuk-button nhsuk-button--small nhsuk-u-margin-bottom-0" type="button" ?disabled=${this.approving.has(p.id)}
                  @click=${() => void this.approve(p)}>Approve<span class="nhsuk-u-visually-hidden"> ${p.title}</span></button>`}</td>
              </tr>`)}
            </tbody>
          </table>`)}
    </section>`;
  }

  private atRiskView(): TemplateResult {
    const atRisk = this.atRisk;
    return html`<section aria-labelledby="risk-heading">
      <h2 class="nhsuk-heading-m" id="risk-heading">Projects at risk</h2>
      <p class="nhsuk-body-s">Open projects whose deadline is within 14 days and that are less than half funded.</p>
      ${listOrState(atRisk, "the projects at risk", "No open project is at risk.", (risky) => html`<table class="nhsuk-table" id="at-risk">
            <caption class="nhsuk-table__caption nhsuk-u-visually-hidden">Projects at risk, soonest deadline first</caption>
            <thead class="nhsuk-table__head"><tr class="nhsuk-table__row">
              <th class="nhsuk-table__header" scope="col">Project</th><th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col">Days left</th>
              <th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col">Funded</th><th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col">Shortfall</th>
              <th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col">Funders missing</th>
            </tr></thead>
            <tbody class="nhsuk-table__body">
              ${risky.map((r) => html`<tr class="nhsuk-table__row">
                <td class="nhsuk-table__cell"><a href="/projects/${r.project?.id}">${r.project?.title}</a></td>
                <td class="nhsuk-table__cell nhsuk-table__cell--numeric">${r.daysLeft}</td>
                <td class="nhsuk-table__cell nhsuk-table__cell--numeric">${r.fundedPercent}%</td>
                <td class="nhsuk-table__cell nhsuk-table__cell--numeric">${formatMoney(r.shortfall)}</td>
                <td class="nhsuk-table__cell nhsuk-table__cell--numeric">${r.missingFunders}</td>
              </tr>`)}
            </tbody>
          </table>`)}
    </section>`;
  }

  private invariantsView(): TemplateResult {
    const result = this.invariants;
    return html`<section aria-labelledby="invariants-heading">
      <h2 class="nhsuk-heading-m" id="invariants-heading">Invariants</h2>
      <p>Checks that budgets stay within ceilings, that pledged totals add up, that money balances, and that replaying the events rebuilds every state.</p>
      ${button(this.checking ? "Checking…" : "Check the invariants", { kind: "secondary", type: "button", id: "check-invariants", disabled: this.checking, onClick: () => void this.checkInvariants() })}
      <div id="invariant-result">${!result ? nothing : "problem" in result ? loadFailure("the invariant check", result.problem)
        : result.value.violations.length === 0
          ? successBanner("Every invariant holds", `Checked ${result.value.organisationCount} organisations, ${result.value.projectCount} projects, ${result.value.pledgeCount} pledges and ${result.value.eventCount} events.`)
          : html`<table class="nhsuk-table">
              <caption class="nhsuk-table__caption">${result.value.violations.length} violations</caption>
              <thead class="nhsuk-table__head"><tr class="nhsuk-table__row"><th class="nhsuk-table__header" scope="col">Rule</th><th class="nhsuk-table__header" scope="col">Where</th><th class="nhsuk-table__header" scope="col">Detail</th></tr></thead>
              <tbody class="nhsuk-table__body">${result.value.violations.map((v) => html`<tr class="nhsuk-table__row"><td class="nhsuk-table__cell">${v.rule}</td><td class="nhsuk-table__cell">${v.entity}</td><td class="nhsuk-table__cell">${v.detail}</td></tr>`)}</tbody>
            </table>`}</div>
    </section>`;
  }
}
