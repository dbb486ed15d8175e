// The NHS header: service name, who is signed in, and the navigation their role opens.
import { html, nothing, type TemplateResult } from "lit-html";
import { currentSession, roleName } from "../session/session.js";

const logo = html`<svg class="nhsuk-header__logo" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 80" height="40" width="100" focusable="false" role="img" aria-label="NHS">
  <title>NHS</title>
  <path fill="currentcolor" d="M200 0v80H0V0h200Zm-27.5 5.5c-14.5 0-29 5-29 22 0 10.2 7.7 13.5 14.7 16.3l.7.3c5.4 2 10.1 3.9 10.1 8.4 0 6.5-8.5 7.5-14 7.5s-12.5-1.5-16-3.5L135 70c5.5 2 13.5 3.5 20 3.5 15.5 0 32-4.5 32-22.5 0-19.5-25.5-16.5-25.5-25.5 0-5.5 5.5-6.5 12.5-6.5a35 35 0 0 1 14.5 3l4-13.5c-4.5-2-12-3-20-3Zm-131 2h-22l-14 65H22l9-45h.5l13.5 45h21.5l14-65H64l-9 45h-.5l-13-45Zm63 0h-18l-13 65h17l6-28H117l-5.5 28H129l13.5-65H125L119.5 32h-20l5-24.5Z"/>
</svg>`;

/** The header for the current path (the matching navigation item is marked current). */
export function header(path: string): TemplateResult {
  const session = currentSession();
  const items: Array<[text: string, href: string, current: boolean]> = [["Marketplace", "/", path === "/" || path.startsWith("/projects")]];
  if (session?.organisationCode) {
    items.push(["Your organisation", `/organisations/${session.organisationCode}`, path.startsWith("/organisations")]);
  }
  if (session?.role === "admin") {
    items.push(["Administration", "/admin", path.startsWith("/admin")]);
  }
  return html`<header class="nhsuk-header" role="banner">
    <div class="nhsuk-header__container nhsuk-width-container">
      <div class="nhsuk-header__service">
        <a class="nhsuk-header__service-logo" href="/" aria-label="NHS CoFundMarket homepage">${logo}<span class="nhsuk-header__service-name">CoFundMarket</span></a>
      </div>
      <nav class="nhsuk-header__account" aria-label="Account">
        <ul class="nhsuk-header__account-list">
          ${session
            ? html`<li class="nhsuk-header__account-item" id="signed-in-as">${session.name} (${roleName(session.role)})</li>
                <li class="nhsuk-header__account-item"><a class="nhsuk-header__account-link" href="/sign-out">Sign out</a></li>`
            : html`<li class="nhsuk-header__account-item"><a class="nhsuk-header__account-link" href="/sign-in">Sign in</a></li>`}
        </ul>
      </nav>
    </div>
    <nav class="nhsuk-header__navigation" aria-label="Menu">
      <div class="nhsuk-header__navigation-container nhsuk-width-container">
        <ul class="nhsuk-header__navigation-list">
          ${items.map(([text, href, current]) => html`<li class="nhsuk-header__navigation-item ${current ? "nhsuk-header__navigation-item--current" : ""}">
            <a class="nhsuk-header__navigation-link" href=${href} aria-current=${current ? "page" : "false"}>${current ? html`<strong class="nhsuk-header__navigation-item-current-fallback">${text}</strong>` : text}</a>
          </li>`)}
          ${session ? nothing : nothing}
        </ul>
      </div>
    </nav>
  </header>`;
}
