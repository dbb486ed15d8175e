// How refusals are shown: an NHS error summary with the API's refusal in words, its own message and its codes, and
// links to the fields it named.
import { html, nothing, type TemplateResult } from "lit-html";
import type { Problem } from "../api/errors.js";

/** Where each API field name lives in a form: "amount" → "#pledge-amount". */
export type FieldTargets = Record<string, string>;

/** The error summary for a refusal; focus it after rendering (it is focusable and announced as an alert). */
export function errorSummary(problem: Problem | undefined, targets: FieldTargets = {}, localErrors: Array<[href: string, text: string]> = []): TemplateResult | typeof nothing {
  if (!problem && localErrors.length === 0) {
    return nothing;
  }
  return html`<div class="nhsuk-error-summary" aria-labelledby="error-summary-title" role="alert" tabindex="-1">
    <h2 class="nhsuk-error-summary__title" id="error-summary-title">${problem?.headline ?? "There is a problem"}</h2>
    <div class="nhsuk-error-summary__body">
      ${problem ? refusal(problem) : nothing}
      <ul class="nhsuk-list nhsuk-error-summary__list">
        ${localErrors.map(([href, text]) => html`<li><a href=${href}>${text}</a></li>`)}
        ${(problem?.fields ?? []).map((f) => html`<li>${targets[f.field] ? html`<a href=${targets[f.field]}>${f.message}</a>` : f.message}</li>`)}
      </ul>
    </div>
  </div>`;
}

/** The advice, what the marketplace said, and its codes (for a support call). */
export function refusal(problem: Problem): TemplateResult {
  return html`<p>${problem.advice}</p>
    ${problem.status === "UNAUTHENTICATED" ? html`<p><a href="/sign-in?return=${encodeURIComponent(window.location.pathname + window.location.search)}">Sign in</a></p>` : nothing}
    ${problem.apiMessage ? html`<p>The marketplace said: “${problem.apiMessage}”</p>` : nothing}
    <p class="nhsuk-body-s app-codes">Code: ${problem.status}${problem.reason && problem.reason !== problem.status ? html` · ${problem.reason}` : nothing}</p>`;
}

/** A whole-page failure to load something (not tied to a form). */
export function loadFailure(what: string, problem: Problem): TemplateResult {
  return html`<div class="nhsuk-error-summary" aria-labelledby="load-failure-title" role="alert" tabindex="-1">
    <h2 class="nhsuk-error-summary__title" id="load-failure-title">Could not load ${what}: ${problem.headline.toLowerCase()}</h2>
    <div class="nhsuk-error-summary__body">${refusal(problem)}</div>
  </div>`;
}

/** While something loads: its loading state, or why it failed. */
export function loadingOrFailure(what: string, problem: Problem | undefined): TemplateResult {
  return problem ? loadFailure(what, problem) : html`<p class="app-loading" role="status">Loading ${what}…</p>`;
}

/** The field's own error message, from a local check or the API's field violations. */
export function fieldError(id: string, message: string | undefined): TemplateResult | typeof nothing {
  return message ? html`<span class="nhsuk-error-message" id="${id}-error"><span class="nhsuk-u-visually-hidden">Error:</span> ${message}</span>` : nothing;
}

/** The message the API gave for a field, if any. */
export function apiFieldMessage(problem: Problem | undefined, field: string): string | undefined {
  return problem?.fields.find((f) => f.field === field)?.message;
}
