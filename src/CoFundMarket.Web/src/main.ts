// The app: NHS styles, the header, and the page for the current address, re-rendered when its state changes. On every
// page change the page's h1 takes focus and the title changes, so keyboard and screen-reader users know where they are.
import "nhsuk-frontend/dist/nhsuk/nhsuk-frontend.min.css";
import "./styles/app.css";
import { render } from "lit-html";
import { header } from "./app/header.js";
import type { Page, Shell } from "./app/page.js";
import { interceptLinks, resolve } from "./app/router.js";
import { routes } from "./routes.js";
import { onSessionChange } from "./session/session.js";

const headerSlot = document.getElementById("header")!;
const main = document.getElementById("maincontent")!;
const live = document.getElementById("live")!;
let current: Page | undefined;
let pendingFocus: string | undefined;

const shell: Shell = {
  refresh: () => draw(),
  navigate: (path) => {
    history.pushState(null, "", path);
    show();
  },
  announce: (message) => {
    // Clearing first makes a repeated message be announced again.
    live.textContent = "";
    window.setTimeout(() => (live.textContent = message), 50);
  },
  focusAfterRender: (selector) => {
    pendingFocus = selector;
  },
};

function draw(): void {
  if (!current) {
    return;
  }
  // A page that swaps its loading state for its content replaces its h1; focus must follow to the new one.
  const headingHadFocus = document.activeElement?.tagName === "H1";
  render(header(window.location.pathname), headerSlot);
  render(current.view(), main);
  if (headingHadFocus && !pendingFocus && document.activeElement === document.body) {
    pendingFocus = "h1";
  }
  document.title = `${current.title()} - CoFundMarket`;
  if (pendingFocus) {
    const target = main.querySelector<HTMLElement>(pendingFocus) ?? document.querySelector<HTMLElement>(pendingFocus);
    if (target) {
      pendingFocus = undefined;
      target.focus();
    }
  }
}

function show(): void {
  current?.stop();
  // A new page gets a fresh container: lit-html would otherwise reuse the old page's form fields and their values.
  render(null, main);
  current = resolve(routes, shell, window.location);
  pendingFocus = "h1";
  draw();
  if (!window.location.hash) {
    window.scrollTo(0, 0);
  }
  current.start();
}

interceptLinks((path) => shell.navigate(path));
window.addEventListener("popstate", show);
onSessionChange(draw);
show();
