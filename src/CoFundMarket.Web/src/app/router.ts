// A small history router: paths map to pages, links inside the app change the page without reloading it, and the
// gateway's fallback serves index.html for any of these paths so that a reload or a shared link works too.
import type { Page, Shell } from "./page.js";

/** A path pattern and the page it shows. */
export interface Route {
  pattern: RegExp;
  create(shell: Shell, match: RegExpExecArray, query: URLSearchParams): Page;
}

/** Finds the page for a location; the last route should match everything (not found). */
export function resolve(routes: Route[], shell: Shell, location: Location): Page {
  for (const route of routes) {
    const match = route.pattern.exec(location.pathname);
    if (match) {
      return route.create(shell, match, new URLSearchParams(location.search));
    }
  }
  throw new Error(`No route for ${location.pathname}`);
}

/** Sends clicks on same-origin links through navigate instead of a full page load. */
export function interceptLinks(navigate: (path: string) => void): void {
  document.addEventListener("click", (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    const link = (event.target as Element | null)?.closest?.("a");
    if (!link || link.target || link.hasAttribute("download") || link.origin !== window.location.origin) {
      return;
    }
    // In-page links (skip link, error summary) keep the browser's own behaviour.
    if (link.pathname === window.location.pathname && link.search === window.location.search && link.hash) {
      return;
    }
    event.preventDefault();
    navigate(link.pathname + link.search + link.hash);
  });
}
