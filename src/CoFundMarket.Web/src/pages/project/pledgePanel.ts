// Pledging for an organisation (with the budget left shown before confirming, and the condition "only if at least N
// others join"), and withdrawing its active pledges while the project is open.
import { html, nothing, type TemplateResult } from "lit-html";
import { OrganisationKind, PledgeStatus, type Project, ProjectStatus, type ProjectPledge } from "../../gen/cofund/v1/common_pb.js";
import { pledges } from "../../api/clients.js";
import { describe, type Problem, type Wording } from "../../api/errors.js";
import { financialYearOf } from "../../api/dates.js";
import { formatMoney, formatPence, gbp, parsePounds } from "../../api/money.js";
import type { Session } from "../../session/session.js";
import { button, selectField, textField } from "../../ui/forms.js";
import { successBanner, summaryList, warningCallout } from "../../ui/layout.js";
import { apiFieldMessage, errorSummary } from "../../ui/problems.js";
import { budgetChange, type BudgetResult, loadBudget } from "./budget.js";
import { newRequestId, type ProjectHost } from "./panel.js";

/** What the person asked for, read from the form. */
interface PledgeDraft {
  organisationCode: string;
  amountText: string;
  conditional: boolean;
  minOthersText: string;
}

// A pledge refused as PERMISSION_DENIED is one for an organisation the person does not belong to.
const pledgeWording: Wording = {
  PERMISSION_DENIED: ["You can only pledge for your own organisation", "Your sign-in lets you pledge for your own organisation only. Someone at the other organisation has to make this pledge."],
};

const fieldTargets = { amount: "#pledge-amount", min_other_funders: "#pledge-min-others", organisation_code: "#pledge-organisation" };

export class PledgePanel {
  private draft: PledgeDraft;
  private step: "form" | "confirm" = "form";
  private busy = false;
  private requestId = "";
  private budget: BudgetResult | undefined;
  private problem: Problem | undefined;
  private localErrors: Array<[string, string]> = [];
  private success: string | undefined;
  private withdrawing: ProjectPledge | undefined;

  constructor(private readonly host: ProjectHost, private readonly session: Session) {
    this.draft = { organisationCode: session.organisationCode ?? "", amountText: "", conditional: false, minOthersText: "1" };
  }

  view(project: Project): TemplateResult {
    const mine = project.pledges.filter((p) => p.organisationCode === this.session.organisationCode);
    const open = project.status === ProjectStatus.OPEN;
    return html`<section class="app-pledge-panel" aria-labelledby="pledge-heading">
      <h2 class="nhsuk-heading-m" id="pledge-heading">Pledge for your organisation</h2>
      ${this.success ? successBanner("Done", this.success) : nothing}
      ${errorSummary(this.problem, fieldTargets, this.localErrors)}
      ${this.withdrawing ? this.withdrawView(project, this.withdrawing)
        : !open ? html`<p>Pledges are taken only while the project is open for pledges.</p>`
        : this.step === "form" ? this.formView() : this.confirmView(project)}
      ${mine.length > 0 && !this.withdrawing ? this.ownPledges(project, mine) : nothing}
    </section>`;
  }

  private formView(): TemplateResult {
    const trusts = this.host.names?.ofKind(OrganisationKind.NHS_TRUST) ?? [];
    const own = this.session.organisationCode ?? "";
    const others = trusts.filter((t) => t.code !== own).map((t): [string, string] => [t.code, `${t.name} (${t.code})`]);
    const amountError = this.localError("#pledge-amount") ?? apiFieldMessage(this.problem, "amount");
    const minError = this.localError("#pledge-min-others") ?? apiFieldMessage(this.problem, "min_other_funders");
    return html`<form id="pledge-form" novalidate @submit=${(e: Event) => this.continue(e)}>
      ${selectField({ id: "pledge-organisation", label: "Pledge for", value: this.draft.organisationCode,
        hint: "Your sign-in lets you pledge for your own organisation.",
        choices: [[own, `${this.host.names?.name(own) ?? own} (${own})`], ...others] })}
      ${textField({ id: "pledge-amount", label: "Amount in pounds", hint: "At least £1, for example 5000", prefix: "£", inputClasses: "nhsuk-input--width-10", inputmode: "decimal", value: this.draft.amountText, error: amountError })}
      <div class="nhsuk-form-group">
        <fieldset class="nhsuk-fieldset">
          <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Condition</legend>
          <div class="nhsuk-checkboxes">
            <div class="nhsuk-checkboxes__item">
              <input class="nhsuk-checkboxes__input" id="pledge-conditional" name="pledge-conditional" type="checkbox" .checked=${this.draft.conditional}
                aria-controls="pledge-condition" aria-expanded=${this.draft.conditional ? "true" : "false"} @change=${(e: Event) => this.toggleCondition(e)}>
              <label class="nhsuk-label nhsuk-checkboxes__label" for="pledge-conditional">Only if at least a number of other organisations join</label>
            </div>
            <div class="nhsuk-checkboxes__conditional" id="pledge-condition" ?hidden=${!this.draft.conditional}>
              ${this.draft.conditional ? textField({ id: "pledge-min-others", label: "How many other organisations must join", hint: "Your pledge counts only while at least this many other organisations' pledges count too.", inputClasses: "nhsuk-input--width-3", inputmode: "numeric", value: this.draft.minOthersText, error: minError }) : nothing}
            </div>
          </div>
        </fieldset>
      </div>
      ${button("Continue")}
    </form>`;
  }

  private confirmView(project: Project): TemplateResult {
    const pence = parsePounds(this.draft.amountText) ?? 0n;
    const year = financialYearOf(project.fundingDeadline!);
    const minOthers = this.draft.conditional ? Number(this.draft.minOthersText) : 0;
    const short = this.budget && "budget" in this.budget && (this.budget.budget.available?.minorUnits ?? 0n) < pence;
    return html`<div id="pledge-confirm">
      <h3 class="nhsuk-heading-s" tabindex="-1" id="pledge-confirm-heading">Check your pledge</h3>
      ${summaryList([
        ["Organisation", `${this.host.names?.name(this.draft.organisationCode) ?? this.draft.organisationCode} (${this.draft.organisationCode})`],
        ["Amount", formatPence(pence)],
        ["Condition", minOthers > 0 ? `Only if at least ${minOthers} other ${minOthers === 1 ? "organisation joins" : "organisations join"}` : "None: the pledge counts at once"],
        ["Financial year", `${year} (the year of the funding deadline)`],
        ["Budget left", budgetChange(this.budget, -pence, "after this pledge")],
      ])}
      ${short ? warningCallout("Not enough budget", "This is more than your organisation has available for that year. The marketplace will refuse it unless the ceiling is raised first.") : nothing}
      <p>The amount is reserved in your organisation's budget now, and committed when the project is funded. You can withdraw it while the project is open.</p>
      <div class="nhsuk-button-group">
        ${button(this.busy ? "Pledging…" : "Confirm pledge", { type: "button", id: "confirm-pledge", disabled: this.busy, onClick: () => void this.confirm(project) })}
        ${button("Change", { kind: "secondary", type: "button", disabled: this.busy, onClick: () => this.backToForm() })}
      </div>
    </div>`;
  }

  private ownPledges(project: Project, mine: ProjectPledge[]): TemplateResult {
    const canWithdraw = project.status === ProjectStatus.OPEN;
    return html`<h3 class="nhsuk-heading-s">Your organisation's pledges to this project</h3>
      <ul class="nhsuk-list" id="own-pledges">
        ${mine.map((p) => html`<li>
          ${formatMoney(p.amount)}${p.minOtherFunders > 0 ? ` if at least ${p.minOtherFunders} others join` : ""}: ${PledgeStatus[p.status].toLowerCase()}${p.counted ? ", counts towards funding" : ""}
          ${canWithdraw && p.status === PledgeStatus.ACTIVE ? button("Withdraw", { kind: "secondary", type: "button", onClick: () => void this.startWithdraw(project, p) }) : nothing}
        </li>`)}
      </ul>`;
  }

  private withdrawView(project: Project, pledge: ProjectPledge): TemplateResult {
    return html`<div id="withdraw-confirm">
      <h3 class="nhsuk-heading-s" tabindex="-1" id="withdraw-heading">Withdraw your pledge of ${formatMoney(pledge.amount)}?</h3>
      ${summaryList([["Budget left", budgetChange(this.budget, pledge.amount?.minorUnits ?? 0n, `after withdrawing (${financialYearOf(project.fundingDeadline!)})`)]])}
      <p>The reservation goes back to your organisation's budget. You can pledge again while the project is open.</p>
      <div class="nhsuk-button-group">
        ${button(this.busy ? "Withdrawing…" : "Yes, withdraw pledge", { kind: "warning", type: "button", id: "confirm-withdraw", disabled: this.busy, onClick: () => void this.withdraw(pledge) })}
        ${button("Keep pledge", { kind: "secondary", type: "button", disabled: this.busy, onClick: () => this.cancelWithdraw() })}
      </div>
    </div>`;
  }

  private toggleCondition(event: Event): void {
    this.readForm((event.target as HTMLInputElement).form!);
    this.host.changed();
  }

  private readForm(form: HTMLFormElement): void {
    const data = new FormData(form);
    this.draft = {
      organisationCode: String(data.get("pledge-organisation") ?? this.draft.organisationCode),
      amountText: String(data.get("pledge-amount") ?? ""),
      conditional: data.get("pledge-conditional") !== null,
      minOthersText: String(data.get("pledge-min-others") ?? this.draft.minOthersText),
    };
  }

  private localError(href: string): string | undefined {
    return this.localErrors.find(([h]) => h === href)?.[1];
  }

  private async continue(event: Event): Promise<void> {
    event.preventDefault();
    this.readForm(event.currentTarget as HTMLFormElement);
    this.problem = undefined;
    this.success = undefined;
    this.localErrors = [];
    const pence = parsePounds(this.draft.amountText);
    if (pence === undefined || pence < 100n) {
      this.localErrors.push(["#pledge-amount", "Enter an amount of at least £1, like 5000 or 2500.50"]);
    }
    const minOthers = Number(this.draft.minOthersText);
    if (this.draft.conditional && (!Number.isInteger(minOthers) || minOthers < 1 || minOthers > 1000)) {
      this.localErrors.push(["#pledge-min-others", "Enter how many other organisations must join, a whole number from 1 to 1000"]);
    }
    if (this.localErrors.length > 0) {
      this.host.focus(".app-pledge-panel .nhsuk-error-summary");
      this.host.changed();
      return;
    }
    this.step = "confirm";
    this.requestId = newRequestId("pledge");
    this.budget = undefined;
    this.host.focus("#pledge-confirm-heading");
    this.host.changed();
    this.budget = await this.budgetFor(this.draft.organisationCode, this.host.project());
    this.host.changed();
  }

  private async budgetFor(organisationCode: string, project: Project): Promise<BudgetResult> {
    // Only people at an organisation may read its budget, so for another organisation the app does not ask; the
    // marketplace decides whether the pledge itself is allowed.
    if (organisationCode !== this.session.organisationCode) {
      return { problem: { headline: "Only people at that organisation can see its budget", advice: "", apiMessage: "", status: "", reason: "", fields: [] } };
    }
    return loadBudget(organisationCode, financialYearOf(project.fundingDeadline!), this.host.signal);
  }

  private async confirm(project: Project): Promise<void> {
    this.busy = true;
    this.host.changed();
    const pence = parsePounds(this.draft.amountText)!;
    try {
      const response = await pledges.createPledge({
        requestId: this.requestId,
        projectId: project.id,
        organisationCode: this.draft.organisationCode,
        amount: gbp(pence),
        minOtherFunders: this.draft.conditional ? Number(this.draft.minOthersText) : 0,
      }, { signal: this.host.signal });
      const pledge = response.pledge!;
      this.success = pledge.status === PledgeStatus.COMMITTED
        ? `Your pledge of ${formatPence(pence)} funded the project: it is committed.`
        : `Your pledge of ${formatPence(pence)} is active${pledge.counted ? " and counts towards funding" : ", waiting for its condition"}.`;
      this.draft = { ...this.draft, amountText: "", conditional: false, minOthersText: "1" };
      this.step = "form";
      this.host.announce(this.success);
    } catch (error) {
      this.problem = describe(error, pledgeWording);
      this.step = "form";
      this.host.focus(".app-pledge-panel .nhsuk-error-summary");
    }
    this.busy = false;
    this.host.changed();
  }

  private backToForm(): void {
    this.step = "form";
    this.host.focus("#pledge-amount");
    this.host.changed();
  }

  private async startWithdraw(project: Project, pledge: ProjectPledge): Promise<void> {
    this.withdrawing = pledge;
    this.requestId = newRequestId("withdraw");
    this.problem = undefined;
    this.success = undefined;
    this.budget = undefined;
    this.host.focus("#withdraw-heading");
    this.host.changed();
    this.budget = await this.budgetFor(pledge.organisationCode, project);
    this.host.changed();
  }

  private cancelWithdraw(): void {
    this.withdrawing = undefined;
    this.host.focus("#pledge-heading");
    this.host.changed();
  }

  private async withdraw(pledge: ProjectPledge): Promise<void> {
    this.busy = true;
    this.host.changed();
    try {
      await pledges.withdrawPledge({ requestId: this.requestId, pledgeId: pledge.pledgeId }, { signal: this.host.signal });
      this.success = `Your pledge of ${formatMoney(pledge.amount)} is withdrawn; the money is back in your budget.`;
      this.host.announce(this.success);
    } catch (error) {
      this.problem = describe(error, pledgeWording);
      this.host.focus(".app-pledge-panel .nhsuk-error-summary");
    }
    this.withdrawing = undefined;
    this.busy = false;
    this.host.changed();
  }
}
