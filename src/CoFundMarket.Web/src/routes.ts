// Every address of the app and its page. The gateway answers any of these paths with index.html.
import type { Route } from "./app/router.js";
import { AdminPage } from "./pages/admin/adminPage.js";
import { MarketplacePage } from "./pages/marketplace/marketplacePage.js";
import { NotFoundPage } from "./pages/notFoundPage.js";
import { OpenDataPage } from "./pages/openData/openDataPage.js";
import { OrganisationPage } from "./pages/organisation/organisationPage.js";
import { ProjectFormPage } from "./pages/project/projectFormPage.js";
import { ProjectPage } from "./pages/project/projectPage.js";
import { SignInPage, SignOutPage } from "./pages/signin/signInPage.js";

/** Only a path of this app may be returned to after signing in (never another site). */
function returnPath(query: URLSearchParams): string {
  const path = query.get("return") ?? "/";
  return path.startsWith("/") && !path.startsWith("//") ? path : "/";
}

export const routes: Route[] = [
  { pattern: /^\/$/, create: (shell, _, query) => new MarketplacePage(shell, query) },
  { pattern: /^\/projects\/new$/, create: (shell, _, query) => new ProjectFormPage(shell, undefined, query.get("adapts") ?? undefined) },
  { pattern: /^\/projects\/([A-Za-z0-9_-]+)\/edit$/, create: (shell, match) => new ProjectFormPage(shell, match[1]!) },
  { pattern: /^\/projects\/([A-Za-z0-9_-]+)$/, create: (shell, match) => new ProjectPage(shell, match[1]!) },
  { pattern: /^\/organisations\/([A-Z0-9]{3,5})$/, create: (shell, match) => new OrganisationPage(shell, match[1]!) },
  // The gateway's own /open-data/ serves the files; the page about them lives beside it.
  { pattern: /^\/data$/, create: (shell) => new OpenDataPage(shell) },
  { pattern: /^\/admin$/, create: (shell) => new AdminPage(shell) },
  { pattern: /^\/sign-in$/, create: (shell, _, query) => new SignInPage(shell, returnPath(query)) },
  { pattern: /^\/sign-out$/, create: (shell) => new SignOutPage(shell) },
  { pattern: /.*/, create: (shell) => new NotFoundPage(shell) },
];
