// NHS form fields with their label, hint and error wired for screen readers (aria-describedby).
import { html, nothing, type TemplateResult } from "lit-html";
import { ifDefined } from "lit-html/directives/if-defined.js";
import { fieldError } from "./problems.js";

/** What a field needs: its id (and name), label, and optionally a hint, an error and a value. */
export interface FieldOptions {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  value?: string;
  inputClasses?: string;
  type?: string;
  inputmode?: string;
  prefix?: string;
  autocomplete?: string;
}

function describedBy(options: FieldOptions): string | undefined {
  const ids = [options.hint ? `${options.id}-hint` : "", options.error ? `${options.id}-error` : ""].filter(Boolean);
  return ids.length > 0 ? ids.join(" ") : undefined;
}

function group(options: FieldOptions, control: TemplateResult): TemplateResult {
  return html`<div class="nhsuk-form-group ${options.error ? "nhsuk-form-group--error" : ""}">
    <label class="nhsuk-label" for=${options.id}>${options.label}</label>
    ${options.hint ? html`<div class="nhsuk-hint" id="${options.id}-hint">${options.hint}</div>` : nothing}
    ${fieldError(options.id, options.error)}
    ${control}
  </div>`;
}

/** A text input (optionally with a prefix such as £). */
export function textField(options: FieldOptions): TemplateResult {
  const input = html`<input class="nhsuk-input ${options.inputClasses ?? ""} ${options.error ? "nhsuk-input--error" : ""}" id=${options.id} name=${options.id}
    type=${options.type ?? "text"} inputmode=${ifDefined(options.inputmode)} autocomplete=${ifDefined(options.autocomplete)}
    aria-describedby=${ifDefined(describedBy(options))} .value=${options.value ?? ""}>`;
  return group(options, options.prefix
    ? html`<div class="nhsuk-input-wrapper"><div class="nhsuk-input__prefix" aria-hidden="true">${options.prefix}</div>${input}</div>`
    : input);
}

/** A multi-line text field. */
export function textArea(options: FieldOptions & { rows?: number }): TemplateResult {
  return group(options, html`<textarea class="nhsuk-textarea ${options.error ? "nhsuk-textarea--error" : ""}" id=${options.id} name=${options.id}
    rows=${options.rows ?? 4} aria-describedby=${ifDefined(describedBy(options))} .value=${options.value ?? ""}></textarea>`);
}

/** A select of (value, text) options. */
export function selectField(options: FieldOptions & { choices: Array<[value: string, text: string]> }): TemplateResult {
  return group(options, html`<select class="nhsuk-select ${options.error ? "nhsuk-select--error" : ""}" id=${options.id} name=${options.id}
    aria-describedby=${ifDefined(describedBy(options))}>
    ${options.choices.map(([value, text]) => html`<option value=${value} ?selected=${value === options.value}>${text}</option>`)}
  </select>`);
}

/** A day / month / year date input (NHS pattern), read back with parseDate. */
export function dateField(options: FieldOptions & { day?: string; month?: string; year?: string }): TemplateResult {
  const part = (name: string, label: string, value: string | undefined, width: number) => html`<div class="nhsuk-date-input__item">
    <div class="nhsuk-form-group">
      <label class="nhsuk-label nhsuk-date-input__label" for="${options.id}-${name}">${label}</label>
      <input class="nhsuk-input nhsuk-date-input__input nhsuk-input--width-${width} ${options.error ? "nhsuk-input--error" : ""}" id="${options.id}-${name}" name="${options.id}-${name}" type="text" inputmode="numeric" .value=${value ?? ""}>
    </div>
  </div>`;
  return html`<div class="nhsuk-form-group ${options.error ? "nhsuk-form-group--error" : ""}">
    <fieldset class="nhsuk-fieldset" role="group" aria-describedby=${ifDefined(describedBy(options))}>
      <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">${options.label}</legend>
      ${options.hint ? html`<div class="nhsuk-hint" id="${options.id}-hint">${options.hint}</div>` : nothing}
      ${fieldError(options.id, options.error)}
      <div class="nhsuk-date-input" id=${options.id}>
        ${part("day", "Day", options.day, 2)}${part("month", "Month", options.month, 2)}${part("year", "Year", options.year, 4)}
      </div>
    </fieldset>
  </div>`;
}

/** The values of a submitted form, by field name. */
export function formValues(event: Event): Record<string, string> {
  event.preventDefault();
  const form = event.currentTarget as HTMLFormElement;
  const values: Record<string, string> = {};
  new FormData(form).forEach((value, name) => {
    values[name] = values[name] !== undefined ? `${values[name]},${String(value)}` : String(value);
  });
  return values;
}

/** A primary, secondary or warning button. */
export function button(text: string, options: { kind?: "secondary" | "warning" | "reverse"; type?: "submit" | "button"; onClick?: (e: Event) => void; disabled?: boolean; id?: string } = {}): TemplateResult {
  return html`<button class="nhsuk-button ${options.kind ? `nhsuk-button--${options.kind}` : ""}" type=${options.type ?? "submit"}
    id=${ifDefined(options.id)} ?disabled=${options.disabled ?? false} @click=${options.onClick ?? (() => undefined)}>${text}</button>`;
}
