// The live event feed (WatchEvents): every committed event from the start of the feed, newest first on screen. Only
// the most recent are kept; screen readers hear events that happen while the page is open, at most once a second.
import { html, type TemplateResult } from "lit-html";
import type { Event as FeedEvent } from "../../gen/cofund/v1/common_pb.js";
import { marketplace } from "../../api/clients.js";
import { describe, isCancelled, type Problem } from "../../api/errors.js";
import { formatTimestamp } from "../../api/dates.js";
import { loading } from "../../ui/layout.js";
import { refusal } from "../../ui/problems.js";
import { eventName } from "../project/timeline.js";

const kept = 25;

export class EventFeed {
  private events: FeedEvent[] = [];
  private lastPosition = 0n;
  private problem: Problem | undefined;
  private connected = false;
  private readonly openedAt = Date.now();
  private unannounced: FeedEvent[] = [];
  private announceTimer: number | undefined;
  private renderTimer: number | undefined;

  constructor(private readonly changed: () => void, private readonly announce: (message: string) => void, private readonly signal: AbortSignal) {}

  /** Follows the feed, resuming after the last position seen when the stream drops, until the page is left. */
  async follow(): Promise<void> {
    let attempt = 0;
    while (!this.signal.aborted) {
      try {
        this.connected = true;
        this.changed();
        for await (const message of marketplace.watchEvents({ afterPosition: this.lastPosition }, { signal: this.signal })) {
          attempt = 0;
          this.receive(message.event!);
        }
      } catch (error) {
        if (this.signal.aborted || isCancelled(error)) {
          return;
        }
        this.problem = describe(error);
        this.connected = false;
        this.changed();
      }
      await new Promise((resolve) => window.setTimeout(resolve, Math.min(30_000, 1_000 * 2 ** attempt++)));
    }
  }

  private receive(event: FeedEvent): void {
    this.lastPosition = event.position;
    this.problem = undefined;
    this.events.unshift(event);
    this.events.length = Math.min(this.events.length, kept);
    if (Number(event.occurredAt?.seconds ?? 0n) * 1000 >= this.openedAt - 1000) {
      this.unannounced.push(event);
      this.announceTimer ??= window.setTimeout(() => this.announceNew(), 1000);
    }
    // Catching up from position 0 brings thousands of events at once: render at most every 100 ms.
    this.renderTimer ??= window.setTimeout(() => {
      this.renderTimer = undefined;
      this.changed();
    }, 100);
  }

  private announceNew(): void {
    this.announceTimer = undefined;
    const latest = this.unannounced.at(-1);
    if (latest) {
      const more = this.unannounced.length > 1 ? ` and ${this.unannounced.length - 1} more` : "";
      this.announce(`New event: ${eventName(latest.type)}, ${latest.entityType} ${latest.entityId}${more}.`);
    }
    this.unannounced = [];
  }

  view(): TemplateResult {
    return html`<section aria-labelledby="feed-heading">
      <h2 class="nhsuk-heading-m" id="feed-heading">Live event feed</h2>
      <p class="nhsuk-body-s">${this.problem ? "Reconnecting to the feed…" : this.connected ? `The latest ${kept} events, newest first, as they happen.` : "Connecting…"}</p>
      ${this.problem ? refusal(this.problem) : ""}
      ${this.events.length === 0 ? loading("events") : html`<ol class="app-feed" id="event-feed" reversed>
        ${this.events.map((e) => html`<li data-type=${e.type} data-entity=${e.entityId}>
          <strong>${eventName(e.type)}</strong>: ${e.entityType} <a href=${e.entityType === "project" ? `/projects/${e.entityId}` : e.entityType === "organisation" ? `/organisations/${e.entityId}` : "#feed-heading"}>${e.entityId}</a>
          <span class="nhsuk-body-s"> · ${formatTimestamp(e.occurredAt)} · #${e.position}${e.actorId ? ` · by ${e.actorId}` : ""}</span>
        </li>`)}
      </ol>`}
    </section>`;
  }
}
