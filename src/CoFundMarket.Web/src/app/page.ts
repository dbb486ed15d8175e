// A page of the app: it loads what it shows, renders it with lit-html, and stops its calls and streams when the
// person leaves it (so a WatchProject stream never outlives its page).
import type { TemplateResult } from "lit-html";
import { type Directory, directory } from "./directory.js";

/** What a page may ask of the app around it. */
export interface Shell {
  /** Renders the current page again (after its state changed). */
  refresh(): void;
  /** Goes to a path of the app, as a link would. */
  navigate(path: string): void;
  /** Says something to screen-reader users through the app's polite live region. */
  announce(message: string): void;
  /** Moves keyboard focus to the first element matching the selector once the next render is done. */
  focusAfterRender(selector: string): void;
}

/** The base of every page. */
export abstract class Page {
  private readonly stopped = new AbortController();

  constructor(protected readonly shell: Shell) {}

  /** The page's heading, also used for the document's title. */
  abstract title(): string;

  /** The page's content below the header. */
  abstract view(): TemplateResult;

  /** Starts loading; called once, after the first render. */
  start(): void {}

  /** Cancels every call and stream the page started. */
  stop(): void {
    this.stopped.abort();
  }

  /** Passed to every call so that leaving the page cancels it. */
  protected get signal(): AbortSignal {
    return this.stopped.signal;
  }

  /** Whether the person has left the page. */
  protected get isStopped(): boolean {
    return this.stopped.signal.aborted;
  }

  /** Loads the organisations' names (shared by every page; a failure leaves ODS codes showing), then renders again. */
  protected useDirectory(keep: (names: Directory) => void): void {
    directory().then((names) => {
      keep(names);
      this.changed();
    }, () => undefined);
  }

  /** Renders again after a change, unless the page was left. */
  protected changed(): void {
    if (!this.isStopped) {
      this.shell.refresh();
    }
  }
}
