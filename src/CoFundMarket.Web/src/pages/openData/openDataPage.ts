// Open data: what the marketplace publishes without sign-in (GET /open-data/ on the gateway lists the downloads, their
// licence and the attribution to give), with a link to each file. The files are downloaded, not opened in the app.
import { html, nothing, type TemplateResult } from "lit-html";
import { Page } from "../../app/page.js";
import { breadcrumbs, heading, loading } from "../../ui/layout.js";

/** The index the gateway serves at /open-data/. */
interface OpenDataIndex {
  name: string;
  licence: string;
  attribution: string;
  resources: Array<{ path: string; description: string }>;
}

const formats: Record<string, string> = { csv: "CSV", json: "JSON" };

/** "projects.csv" of "/open-data/projects.csv". */
function fileName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/** The attribution with its web addresses as links (the text is the gateway's, never rewritten). */
function withLinks(text: string): TemplateResult {
  const parts = text.split(/(https:\/\/[^\s()]+)/);
  return html`${parts.map((part, i) => (i % 2 === 1 ? html`<a href=${part}>${part}</a>` : part))}`;
}

export class OpenDataPage extends Page {
  private index: OpenDataIndex | undefined;
  private failure: string | undefined;

  title(): string {
    return "Open data";
  }

  override start(): void {
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      const response = await fetch("/open-data/", { headers: { accept: "application/json" }, signal: this.signal });
      if (!response.ok) {
        throw new Error(`The marketplace answered ${response.status} ${response.statusText}`.trim());
      }
      this.index = (await response.json()) as OpenDataIndex;
    } catch (error) {
      if (this.isStopped) {
        return;
      }
      this.failure = error instanceof Error ? error.message : String(error);
    }
    this.changed();
  }

  view(): TemplateResult {
    return html`${breadcrumbs([["Marketplace", "/"]])}
      ${heading(this.title())}
      <p class="nhsuk-lead-text">Anyone may download and reuse what the marketplace shows in public: which projects NHS organisations are co-funding, who pledged how much, and who uses and adapts the tools.</p>
      <p>The downloads hold public projects only (open for pledges or later), never drafts, budgets or the people who act for an organisation. They are made afresh on every download. Money is in pence, dates are ISO 8601, and lists within a cell are separated by semicolons.</p>
      ${this.content()}`;
  }

  private content(): TemplateResult {
    if (this.failure) {
      return html`<div class="nhsuk-error-summary" aria-labelledby="open-data-failure" role="alert" tabindex="-1">
        <h2 class="nhsuk-error-summary__title" id="open-data-failure">Could not load the list of downloads</h2>
        <div class="nhsuk-error-summary__body"><p>${this.failure}. Reload the page to try again.</p></div>
      </div>`;
    }
    const index = this.index;
    if (!index) {
      return loading("the downloads");
    }
    return html`
      <h2 class="nhsuk-heading-m" id="downloads-heading">Downloads</h2>
      <ul class="nhsuk-list app-downloads" id="downloads" aria-labelledby="downloads-heading">
        ${index.resources.map((r) => {
          const name = fileName(r.path);
          const format = formats[name.slice(name.lastIndexOf(".") + 1)];
          return html`<li class="app-download">
            <a href=${r.path} download=${name}>Download ${name}</a>${format ? ` (${format})` : nothing}
            <p class="nhsuk-body-s nhsuk-u-margin-bottom-4">${r.description}.</p>
          </li>`;
        })}
      </ul>
      <h2 class="nhsuk-heading-m">Licence and attribution</h2>
      <p>Licence: <strong id="open-data-licence">${index.licence}</strong>. When you reuse the data, give this attribution:</p>
      <div class="nhsuk-inset-text" id="open-data-attribution"><span class="nhsuk-u-visually-hidden">Attribution: </span><p>${withLinks(index.attribution)}</p></div>
      <p>Each download carries the same attribution: in the JSON document, and in the headers of each CSV file. A machine-readable list of the downloads is at <a href="/open-data/" download="open-data.json">the open data index (JSON)</a>.</p>`;
  }
}
