// Any path the app does not know.
import { html, type TemplateResult } from "lit-html";
import { Page } from "../app/page.js";
import { heading } from "../ui/layout.js";

export class NotFoundPage extends Page {
  title(): string {
    return "Page not found";
  }

  view(): TemplateResult {
    return html`${heading(this.title())}
      <p>If you typed the web address, check it is correct.</p>
      <p><a href="/">Go to the marketplace</a></p>`;
  }
}
