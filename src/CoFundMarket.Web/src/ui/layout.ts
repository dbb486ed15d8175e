// NHS design system pieces every page uses: breadcrumbs, loading and empty states, callouts, summary lists.
import { html, nothing, type TemplateResult } from "lit-html";

/** A breadcrumb trail; the last item is the current page's parent ("Back to …" on small screens). */
export function breadcrumbs(items: Array<[text: string, href: string]>): TemplateResult {
  const parent = items[items.length - 1];
  return html`<nav class="nhsuk-breadcrumb" aria-label="Breadcrumb">
    <ol class="nhsuk-breadcrumb__list">
      ${items.map(([text, href]) => html`<li class="nhsuk-breadcrumb__list-item"><a class="nhsuk-breadcrumb__link" href=${href}>${text}</a></li>`)}
    </ol>
    ${parent ? html`<a class="nhsuk-back-link" href=${parent[1]}><span class="nhsuk-u-visually-hidden">Back to </span>${parent[0]}</a>` : nothing}
  </nav>`;
}

/** The page's one h1; focus moves to it when the page changes, so it can take focus. */
export function heading(text: string, caption?: string): TemplateResult {
  return html`<h1 class="nhsuk-heading-l" tabindex="-1">${caption ? html`<span class="nhsuk-caption-l">${caption}<span class="nhsuk-u-visually-hidden"> - </span></span>` : nothing}${text}</h1>`;
}

/** A loading state that screen readers hear once. */
export function loading(what: string): TemplateResult {
  return html`<p class="app-loading" role="status">Loading ${what}…</p>`;
}

/** An empty state. */
export function empty(text: string): TemplateResult {
  return html`<div class="nhsuk-inset-text"><span class="nhsuk-u-visually-hidden">Information: </span><p>${text}</p></div>`;
}

/** A warning callout (NHS): something the person must know before going on. */
export function warningCallout(title: string, body: TemplateResult | string): TemplateResult {
  return html`<div class="nhsuk-warning-callout">
    <h3 class="nhsuk-warning-callout__label"><span role="text"><span class="nhsuk-u-visually-hidden">Important: </span>${title}</span></h3>
    <p>${body}</p>
  </div>`;
}

/** A success banner that is announced when it appears. */
export function successBanner(title: string, body: TemplateResult | string): TemplateResult {
  return html`<div class="nhsuk-inset-text app-success" role="status">
    <span class="nhsuk-u-visually-hidden">Success: </span>
    <h2 class="nhsuk-heading-s">${title}</h2>
    <p>${body}</p>
  </div>`;
}

/** An NHS summary list of (key, value) rows; rows with no value are left out. */
export function summaryList(rows: Array<[key: string, value: TemplateResult | string | undefined]>, classes = ""): TemplateResult {
  return html`<dl class="nhsuk-summary-list ${classes}">
    ${rows.filter(([, value]) => value !== undefined && value !== "").map(([key, value]) => html`<div class="nhsuk-summary-list__row">
      <dt class="nhsuk-summary-list__key">${key}</dt>
      <dd class="nhsuk-summary-list__value">${value}</dd>
    </div>`)}
  </dl>`;
}
