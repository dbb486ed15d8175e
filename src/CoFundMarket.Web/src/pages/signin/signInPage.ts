// Sign-in through the gateway's demo door (embedded default only): as an administrator, or as a lead or finance
// person at a real NHS trust. With a real identity provider the door is absent and the page says so.
import { html, nothing, type TemplateResult } from "lit-html";
import { OrganisationKind } from "../../gen/cofund/v1/common_pb.js";
import type { Directory } from "../../app/directory.js";
import { Page, type Shell } from "../../app/page.js";
import { demoDoor, mintDemoToken } from "../../session/demoDoor.js";
import { currentSession, signIn, signOut } from "../../session/session.js";
import { button, selectField } from "../../ui/forms.js";
import { heading, loading, warningCallout } from "../../ui/layout.js";
import { errorSummary } from "../../ui/problems.js";

const roles: Array<[value: string, text: string, hint: string]> = [
  ["org_lead", "Lead at an NHS trust", "Propose projects, pledge and withdraw, record adoptions for your trust."],
  ["org_finance", "Finance at an NHS trust", "Everything a lead may do, and set your trust's co-funding ceiling."],
  ["admin", "Marketplace administrator", "Approve and cancel projects, monitor the marketplace and its audit trail."],
];

export class SignInPage extends Page {
  private door: "loading" | "open" | "absent" | "failed" = "loading";
  private names: Directory | undefined;
  private role = "org_lead";
  private organisation = "";
  private errors: Array<[string, string]> = [];
  private busy = false;

  constructor(shell: Shell, private readonly returnTo: string) {
    super(shell);
  }

  title(): string {
    return "Sign in";
  }

  override start(): void {
    demoDoor().then((door) => {
      this.door = door ? "open" : "absent";
      this.changed();
    }, () => {
      this.door = "failed";
      this.changed();
    });
    this.useDirectory((names) => (this.names = names));
  }

  view(): TemplateResult {
    return html`${heading(this.title())}${this.body()}`;
  }

  private body(): TemplateResult {
    if (this.door === "loading") {
      return loading("the sign-in options");
    }
    if (this.door === "absent") {
      return html`<p>This marketplace signs people in through their organisation's identity provider. Demo sign-in is not available here.</p>`;
    }
    if (this.door === "failed") {
      return html`<p>The sign-in service did not answer. Try again in a moment.</p>`;
    }
    const session = currentSession();
    const trusts = this.names?.ofKind(OrganisationKind.NHS_TRUST) ?? [];
    return html`
      ${warningCallout("Demo sign-in", "This marketplace runs on its embedded default without an identity provider, so anyone can sign in as any role. Do not use it for real commitments.")}
      ${session ? html`<p>You are signed in as ${session.name}. Signing in again replaces that.</p>` : nothing}
      ${errorSummary(undefined, {}, this.errors)}
      <form novalidate @submit=${(e: Event) => void this.submit(e)}>
        <div class="nhsuk-form-group">
          <fieldset class="nhsuk-fieldset" aria-describedby="role-hint">
            <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">Who are you?</legend>
            <div class="nhsuk-hint" id="role-hint">Choose the role to use the marketplace in.</div>
            <div class="nhsuk-radios">
              ${roles.map(([value, text, hint]) => html`<div class="nhsuk-radios__item">
                <input class="nhsuk-radios__input" id="role-${value}" name="role" type="radio" value=${value} .checked=${this.role === value}
                  aria-describedby="role-${value}-hint" @change=${() => { this.role = value; this.changed(); }}>
                <label class="nhsuk-label nhsuk-radios__label" for="role-${value}">${text}</label>
                <div class="nhsuk-hint nhsuk-radios__hint" id="role-${value}-hint">${hint}</div>
              </div>`)}
            </div>
          </fieldset>
        </div>
        ${this.role === "admin" ? nothing : this.names
          ? selectField({ id: "organisation", label: "Your NHS trust", value: this.organisation, error: this.errors.find(([h]) => h === "#organisation")?.[1],
              choices: [["", "Choose your trust"], ...trusts.map((t): [string, string] => [t.code, `${t.name} (${t.code})`])] })
          : loading("the NHS trusts")}
        ${button(this.busy ? "Signing in…" : "Sign in", { disabled: this.busy })}
      </form>`;
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    this.role = String(data.get("role") ?? this.role);
    this.organisation = String(data.get("organisation") ?? "");
    this.errors = [];
    if (this.role !== "admin" && !this.organisation) {
      this.errors.push(["#organisation", "Choose your NHS trust"]);
      this.shell.focusAfterRender(".nhsuk-error-summary");
      this.changed();
      return;
    }
    this.busy = true;
    this.changed();
    try {
      signIn(await mintDemoToken(this.role, this.role === "admin" ? null : this.organisation));
      this.shell.navigate(this.returnTo);
      this.shell.announce(`Signed in as ${currentSession()?.name}.`);
    } catch (error) {
      this.errors.push([this.role === "admin" ? "#role-admin" : "#organisation", (error as Error).message]);
      this.busy = false;
      this.shell.focusAfterRender(".nhsuk-error-summary");
      this.changed();
    }
  }
}

/** Signs out and goes to the marketplace. */
export class SignOutPage extends Page {
  title(): string {
    return "Signed out";
  }

  override start(): void {
    signOut();
    this.shell.navigate("/");
    this.shell.announce("You are signed out.");
  }

  view(): TemplateResult {
    return heading(this.title());
  }
}
