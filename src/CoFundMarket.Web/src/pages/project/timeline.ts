// The project's audit trail (GetAuditTrail), for administrators: every event, who caused it and when.
import { html, type TemplateResult } from "lit-html";
import type { Event as AuditEvent } from "../../gen/cofund/v1/common_pb.js";
import { formatTimestamp } from "../../api/dates.js";
import { loading } from "../../ui/layout.js";

/** "ProjectApproved" → "Project approved". */
export function eventName(type: string): string {
  const words = type.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Who caused an event, in words. */
export function actor(event: AuditEvent, name: (code: string) => string): string {
  if (!event.actorId) {
    return "The marketplace";
  }
  const organisation = event.actorOrganisationCode ? ` for ${name(event.actorOrganisationCode)}` : "";
  return `${event.actorId}${event.actorRole ? ` (${event.actorRole})` : ""}${organisation}`;
}

/** The timeline table, newest last (the order the API gives). */
export function timeline(events: AuditEvent[] | undefined, name: (code: string) => string): TemplateResult {
  if (!events) {
    return loading("the timeline");
  }
  return html`<table class="nhsuk-table" id="timeline">
    <caption class="nhsuk-table__caption nhsuk-table__caption--m">Timeline</caption>
    <thead class="nhsuk-table__head"><tr class="nhsuk-table__row">
      <th class="nhsuk-table__header" scope="col">When</th><th class="nhsuk-table__header" scope="col">What</th><th class="nhsuk-table__header" scope="col">Who</th>
    </tr></thead>
    <tbody class="nhsuk-table__body">
      ${events.map((e) => html`<tr class="nhsuk-table__row">
        <td class="nhsuk-table__cell">${formatTimestamp(e.occurredAt)}</td>
        <td class="nhsuk-table__cell">${eventName(e.type)}</td>
        <td class="nhsuk-table__cell">${actor(e, name)}</td>
      </tr>`)}
    </tbody>
  </table>`;
}
