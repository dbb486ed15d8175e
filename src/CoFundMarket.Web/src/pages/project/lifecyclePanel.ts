// The project's next steps for whoever may take them: the lead submits, an administrator approves or cancels, the
// lead or an administrator starts and marks delivery, and any organisation records its adoption.
import { html, nothing, type TemplateResult } from "lit-html";
import { type Project, ProjectStatus } from "../../gen/cofund/v1/common_pb.js";
import { projects } from "../../api/clients.js";
import { describe, type Problem } from "../../api/errors.js";
import { todayInLondon } from "../../api/dates.js";
import { actsFor, isAdmin, type Session } from "../../session/session.js";
import { button, textArea, textField } from "../../ui/forms.js";
import { successBanner } from "../../ui/layout.js";
import { apiFieldMessage, errorSummary } from "../../ui/problems.js";
import { projectStatusText } from "../../ui/status.js";
import { newRequestId, type ProjectHost } from "./panel.js";

const fieldTargets = { repository_url: "#repository-url", licence: "#delivered-licence", reason: "#cancel-reason", note: "#adoption-note" };

export class LifecyclePanel {
  private busy = false;
  private problem: Problem | undefined;
  private success: string | undefined;
  // One key per kind of action, kept until it succeeds, so a retried click is the same request.
  private readonly requestIds = new Map<string, string>();

  constructor(private readonly host: ProjectHost, private readonly session: Session) {}

  view(project: Project): TemplateResult | typeof nothing {
    const actions = this.actions(project);
    if (actions.length === 0 && !this.success && !this.problem) {
      return nothing;
    }
    return html`<section class="app-lifecycle" aria-labelledby="lifecycle-heading">
      <h2 class="nhsuk-heading-m" id="lifecycle-heading">What happens next</h2>
      ${this.success ? successBanner("Done", this.success) : nothing}
      ${errorSummary(this.problem, fieldTargets)}
      ${actions}
    </section>`;
  }

  private actions(project: Project): TemplateResult[] {
    const lead = actsFor(this.session, project.leadOrganisationCode);
    const admin = isAdmin(this.session);
    const shown: TemplateResult[] = [];
    const status = project.status;
    if (lead && (status === ProjectStatus.DRAFT || status === ProjectStatus.SUBMITTED)) {
      shown.push(html`<p><a href="/projects/${project.id}/edit">Edit the project's details</a></p>`);
    }
    if (lead && status === ProjectStatus.DRAFT) {
      shown.push(html`<p>When the details are ready, submit the project for an administrator to approve. It is not public until then.</p>
        ${this.actionButton("Submit for approval", "submit", () => projects.submitProject({ requestId: this.key("submit"), projectId: project.id }, { signal: this.host.signal }), "The project is submitted for approval.")}`);
    }
    if (admin && status === ProjectStatus.SUBMITTED) {
      shown.push(html`<p>Approving opens the project for pledges until its funding deadline.</p>
        ${this.actionButton("Approve and open for pledges", "approve", () => projects.approveProject({ requestId: this.key("approve"), projectId: project.id }, { signal: this.host.signal }), "The project is approved and open for pledges.")}`);
    }
    if ((lead || admin) && status === ProjectStatus.FUNDED) {
      shown.push(this.actionButton("Start delivery", "start", () => projects.startDelivery({ requestId: this.key("start"), projectId: project.id }, { signal: this.host.signal }), "Delivery has started."));
    }
    if ((lead || admin) && status === ProjectStatus.IN_DELIVERY) {
      shown.push(this.deliveredForm(project));
    }
    if (this.session.organisationCode && status === ProjectStatus.DELIVERED && !project.adoptions.some((a) => a.organisationCode === this.session.organisationCode)) {
      shown.push(this.adoptionForm(project));
    }
    if (admin && (status === ProjectStatus.DRAFT || status === ProjectStatus.SUBMITTED || status === ProjectStatus.OPEN)) {
      shown.push(this.cancelForm(project));
    }
    return shown;
  }

  private actionButton(text: string, kind: string, call: () => Promise<{ project?: Project }>, done: string): TemplateResult {
    return button(this.busy ? "Please wait…" : text, { type: "button", id: `action-${kind}`, disabled: this.busy, onClick: () => void this.run(kind, call, done) });
  }

  private deliveredForm(project: Project): TemplateResult {
    return html`<form class="app-inline-form" novalidate @submit=${(e: Event) => {
      e.preventDefault();
      const data = new FormData(e.currentTarget as HTMLFormElement);
      void this.run("delivered", () => projects.markDelivered({ requestId: this.key("delivered"), projectId: project.id, repositoryUrl: String(data.get("repository-url") ?? "").trim(), licence: String(data.get("delivered-licence") ?? "").trim() }, { signal: this.host.signal }), "The project is marked delivered.");
    }}>
      <h3 class="nhsuk-heading-s">Mark as delivered</h3>
      ${textField({ id: "repository-url", label: "Repository address", hint: "Where the source code is published, starting https://", type: "url", error: apiFieldMessage(this.problem, "repository_url") })}
      ${textField({ id: "delivered-licence", label: "Licence", hint: "An OSI licence id such as MIT, or OGL-UK-3.0 for content", value: project.licence, inputClasses: "nhsuk-input--width-10", error: apiFieldMessage(this.problem, "licence") })}
      ${button(this.busy ? "Please wait…" : "Mark as delivered", { disabled: this.busy })}
    </form>`;
  }

  private adoptionForm(project: Project): TemplateResult {
    return html`<form class="app-inline-form" novalidate @submit=${(e: Event) => {
      e.preventDefault();
      const data = new FormData(e.currentTarget as HTMLFormElement);
      void this.run("adopt", () => projects.recordAdoption({ requestId: this.key("adopt"), projectId: project.id, organisationCode: this.session.organisationCode!, adoptedOn: todayInLondon(), note: String(data.get("adoption-note") ?? "").trim() }, { signal: this.host.signal }), "Your organisation's adoption is recorded.");
    }}>
      <h3 class="nhsuk-heading-s">Record that your organisation uses this tool</h3>
      ${textArea({ id: "adoption-note", label: "Note (optional)", hint: "For example, where it is in use", rows: 2, error: apiFieldMessage(this.problem, "note") })}
      ${button(this.busy ? "Please wait…" : "Record adoption", { disabled: this.busy })}
    </form>`;
  }

  private cancelForm(project: Project): TemplateResult {
    return html`<details class="nhsuk-details">
      <summary class="nhsuk-details__summary"><span class="nhsuk-details__summary-text">Cancel this project</span></summary>
      <div class="nhsuk-details__text">
        <form novalidate @submit=${(e: Event) => {
          e.preventDefault();
          const data = new FormData(e.currentTarget as HTMLFormElement);
          void this.run("cancel", () => projects.cancelProject({ requestId: this.key("cancel"), projectId: project.id, reason: String(data.get("cancel-reason") ?? "").trim() }, { signal: this.host.signal }), "The project is cancelled; its active pledges are released.");
        }}>
          <p>Cancelling is final. A project ${projectStatusText(project.status).toLowerCase()} releases every active pledge back to its organisation's budget.</p>
          ${textArea({ id: "cancel-reason", label: "Why is it cancelled?", hint: "Recorded in the audit trail", rows: 2, error: apiFieldMessage(this.problem, "reason") })}
          ${button(this.busy ? "Please wait…" : "Cancel project", { kind: "warning", disabled: this.busy })}
        </form>
      </div>
    </details>`;
  }

  private key(kind: string): string {
    let id = this.requestIds.get(kind);
    if (!id) {
      id = newRequestId(kind);
      this.requestIds.set(kind, id);
    }
    return id;
  }

  private async run(kind: string, call: () => Promise<{ project?: Project }>, done: string): Promise<void> {
    this.busy = true;
    this.problem = undefined;
    this.success = undefined;
    this.host.changed();
    try {
      const response = await call();
      this.requestIds.delete(kind);
      this.success = done;
      this.host.announce(done);
      this.host.accept(response.project!);
    } catch (error) {
      this.problem = describe(error);
      this.host.focus(".app-lifecycle .nhsuk-error-summary");
    }
    this.busy = false;
    this.host.changed();
  }
}
