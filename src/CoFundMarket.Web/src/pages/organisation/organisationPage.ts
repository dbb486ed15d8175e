// One organisation: who it is and, for its own people and administrators, its co-funding budget per financial year
// (ceiling, reserved, committed, available), its pledges, and for its finance role (or an administrator) the ceiling.
import { html, nothing, type TemplateResult } from "lit-html";
import { type Budget, type Organisation, OrganisationKind, type Pledge } from "../../gen/cofund/v1/common_pb.js";
import { organisations, pledges, projects } from "../../api/clients.js";
import { describe, type Problem } from "../../api/errors.js";
import { financialYearOf, todayInLondon } from "../../api/dates.js";
import { formatMoney, gbp, parsePounds, penceToInput } from "../../api/money.js";
import type { Directory } from "../../app/directory.js";
import { Page, type Shell } from "../../app/page.js";
import { actsFor, currentSession, isAdmin } from "../../session/session.js";
import { button, selectField, textField } from "../../ui/forms.js";
import { breadcrumbs, empty, heading, loading, successBanner, summaryList } from "../../ui/layout.js";
import { apiFieldMessage, errorSummary, loadFailure, loadingOrFailure } from "../../ui/problems.js";
import { pledgeStatusTag } from "../../ui/status.js";
import { newRequestId } from "../project/panel.js";

const kinds: Record<OrganisationKind, string> = {
  [OrganisationKind.UNSPECIFIED]: "Unknown",
  [OrganisationKind.NHS_TRUST]: "NHS trust",
  [OrganisationKind.INTEGRATED_CARE_BOARD]: "Integrated care board",
  [OrganisationKind.REGION]: "NHS England region",
  [OrganisationKind.OTHER_PUBLIC_BODY]: "Other public body",
};

/** This financial year and the next: where pledges to open projects count. */
function financialYears(): string[] {
  const today = todayInLondon();
  return [financialYearOf(today), financialYearOf({ ...today, year: today.year + 1 })];
}

export class OrganisationPage extends Page {
  private organisation: Organisation | undefined;
  private problem: Problem | undefined;
  private budgets: Budget[] | undefined;
  private budgetProblem: Problem | undefined;
  private pledgeList: Pledge[] | undefined;
  private titles = new Map<string, string>();
  private names: Directory | undefined;
  private ceilingProblem: Problem | undefined;
  private ceilingError: string | undefined;
  private ceilingDone: string | undefined;
  private busy = false;
  private requestId = newRequestId("budget");
  private readonly session = currentSession();

  constructor(shell: Shell, private readonly code: string) {
    super(shell);
  }

  title(): string {
    return this.organisation?.name ?? (actsFor(this.session, this.code) ? "Your organisation" : "Organisation");
  }

  private get mayReadBudget(): boolean {
    return actsFor(this.session, this.code) || isAdmin(this.session);
  }

  private get maySetCeiling(): boolean {
    return (this.session?.role === "org_finance" && this.session.organisationCode === this.code) || isAdmin(this.session);
  }

  override start(): void {
    this.useDirectory((names) => (this.names = names));
    organisations.getOrganisation({ organisationCode: this.code }, { signal: this.signal }).then((response) => {
      this.organisation = response.organisation;
      this.changed();
    }, (error: unknown) => {
      this.problem = describe(error);
      this.changed();
    });
    if (this.mayReadBudget) {
      void this.loadBudgets();
      void this.loadPledges();
    }
  }

  private async loadBudgets(): Promise<void> {
    try {
      const years = await Promise.all(financialYears().map((financialYear) => organisations.getBudget({ organisationCode: this.code, financialYear }, { signal: this.signal })));
      this.budgets = years.map((y) => y.budget!);
    } catch (error) {
      this.budgetProblem = describe(error);
    }
    this.changed();
  }

  private async loadPledges(): Promise<void> {
    try {
      const response = await pledges.listPledges({ organisationCode: this.code, pageSize: 500 }, { signal: this.signal });
      this.pledgeList = response.pledges;
      this.changed();
      // The list names projects by id; their titles come from the projects themselves.
      const ids = [...new Set(response.pledges.map((p) => p.projectId))];
      const found = await Promise.allSettled(ids.map((projectId) => projects.getProject({ projectId }, { signal: this.signal })));
      found.forEach((result) => result.status === "fulfilled" && result.value.project && this.titles.set(result.value.project.id, result.value.project.title));
    } catch (error) {
      this.budgetProblem ??= describe(error);
    }
    this.changed();
  }

  private async setCeiling(event: Event): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const pence = parsePounds(String(data.get("ceiling") ?? ""));
    this.ceilingProblem = undefined;
    this.ceilingDone = undefined;
    this.ceilingError = pence === undefined ? "Enter the ceiling in pounds, like 250000" : undefined;
    if (pence === undefined) {
      this.shell.focusAfterRender(".app-ceiling .nhsuk-error-summary");
      this.changed();
      return;
    }
    const financialYear = String(data.get("financial-year"));
    this.busy = true;
    this.changed();
    try {
      const response = await organisations.setBudget({ requestId: this.requestId, organisationCode: this.code, financialYear, ceiling: gbp(pence) }, { signal: this.signal });
      this.budgets = this.budgets?.map((b) => (b.financialYear === financialYear ? response.budget! : b));
      this.ceilingDone = `The ceiling for ${financialYear} is now ${formatMoney(response.budget?.ceiling)}.`;
      this.requestId = newRequestId("budget");
      this.shell.announce(this.ceilingDone);
    } catch (error) {
      this.ceilingProblem = describe(error);
      this.shell.focusAfterRender(".app-ceiling .nhsuk-error-summary");
    }
    this.busy = false;
    this.changed();
  }

  view(): TemplateResult {
    const organisation = this.organisation;
    const crumbs = breadcrumbs([["Marketplace", "/"]]);
    if (!organisation) {
      return html`${crumbs}${heading(this.title())}${loadingOrFailure("the organisation", this.problem)}`;
    }
    const name = (code: string) => this.names?.name(code) ?? code;
    return html`${crumbs}
      ${heading(organisation.name, kinds[organisation.kind])}
      ${summaryList([
        ["ODS code", organisation.code],
        ["Region", organisation.regionCode ? name(organisation.regionCode) : undefined],
        ["Integrated care board", organisation.icbCode ? name(organisation.icbCode) : undefined],
      ])}
      <p><a href="/?status=OPEN">Projects open for pledges</a></p>
      ${this.mayReadBudget ? this.budgetView() : html`<p>Only people at this organisation, and administrators, can see its budget and pledges.</p>`}`;
  }

  private budgetView(): TemplateResult {
    if (this.budgetProblem) {
      return loadFailure("the budget", this.budgetProblem);
    }
    if (!this.budgets) {
      return loading("the budget");
    }
    return html`
      <table class="nhsuk-table" id="budgets">
        <caption class="nhsuk-table__caption nhsuk-table__caption--m">Co-funding budget</caption>
        <thead class="nhsuk-table__head"><tr class="nhsuk-table__row">
          <th class="nhsuk-table__header" scope="col">Financial year</th>
          ${["Ceiling", "Reserved", "Committed", "Available"].map((h) => html`<th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col">${h}</th>`)}
        </tr></thead>
        <tbody class="nhsuk-table__body">
          ${this.budgets.map((b) => html`<tr class="nhsuk-table__row" data-year=${b.financialYear}>
            <th class="nhsuk-table__header" scope="row">${b.financialYear}</th>
            ${[b.ceiling, b.reserved, b.committed, b.available].map((m) => html`<td class="nhsuk-table__cell nhsuk-table__cell--numeric">${formatMoney(m)}</td>`)}
          </tr>`)}
        </tbody>
      </table>
      <p class="nhsuk-body-s">Reserved: active pledges. Committed: pledges of funded projects. Available = ceiling − reserved − committed.</p>
      ${this.maySetCeiling ? this.ceilingForm() : nothing}
      ${this.pledgesView()}`;
  }

  private ceilingForm(): TemplateResult {
    const years = financialYears();
    return html`<section class="app-ceiling" aria-labelledby="ceiling-heading">
      <h2 class="nhsuk-heading-m" id="ceiling-heading">Set the co-funding ceiling</h2>
      ${this.ceilingDone ? successBanner("Ceiling set", this.ceilingDone) : nothing}
      ${errorSummary(this.ceilingProblem, { ceiling: "#ceiling" }, this.ceilingError ? [["#ceiling", this.ceilingError]] : [])}
      <form novalidate @submit=${(e: Event) => void this.setCeiling(e)}>
        ${selectField({ id: "financial-year", label: "Financial year", choices: years.map((y): [string, string] => [y, y]) })}
        ${textField({ id: "ceiling", label: "Ceiling in pounds", hint: "The most your organisation may co-fund that year", prefix: "£", inputClasses: "nhsuk-input--width-10", inputmode: "decimal",
          value: penceToInput(this.budgets?.[0]?.ceiling), error: this.ceilingError ?? apiFieldMessage(this.ceilingProblem, "ceiling") })}
        ${button(this.busy ? "Saving…" : "Set ceiling", { disabled: this.busy })}
      </form>
    </section>`;
  }

  private pledgesView(): TemplateResult {
    if (!this.pledgeList) {
      return loading("the pledges");
    }
    if (this.pledgeList.length === 0) {
      return html`<h2 class="nhsuk-heading-m">Pledges</h2>${empty("This organisation has not pledged to any project yet.")}`;
    }
    return html`<table class="nhsuk-table" id="organisation-pledges">
      <caption class="nhsuk-table__caption nhsuk-table__caption--m">Pledges</caption>
      <thead class="nhsuk-table__head"><tr class="nhsuk-table__row">
        <th class="nhsuk-table__header" scope="col">Project</th>
        <th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col">Amount</th>
        <th class="nhsuk-table__header" scope="col">Year</th>
        <th class="nhsuk-table__header" scope="col">Status</th>
      </tr></thead>
      <tbody class="nhsuk-table__body">
        ${this.pledgeList.map((p) => html`<tr class="nhsuk-table__row">
          <td class="nhsuk-table__cell"><a href="/projects/${p.projectId}">${this.titles.get(p.projectId) ?? p.projectId}</a></td>
          <td class="nhsuk-table__cell nhsuk-table__cell--numeric">${formatMoney(p.amount)}</td>
          <td class="nhsuk-table__cell">${p.financialYear}</td>
          <td class="nhsuk-table__cell">${pledgeStatusTag(p.status)}${p.rejectionMessage ? html`<br><span class="nhsuk-body-s">${p.rejectionMessage}</span>` : nothing}</td>
        </tr>`)}
      </tbody>
    </table>`;
  }
}
