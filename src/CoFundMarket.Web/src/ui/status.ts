// Project and pledge statuses as NHS tags, in words.
import { html, type TemplateResult } from "lit-html";
import { PledgeStatus, ProjectStatus } from "../gen/cofund/v1/common_pb.js";

const projectStatuses: Record<ProjectStatus, [text: string, colour: string]> = {
  [ProjectStatus.UNSPECIFIED]: ["Unknown", "grey"],
  [ProjectStatus.DRAFT]: ["Draft", "grey"],
  [ProjectStatus.SUBMITTED]: ["Awaiting approval", "yellow"],
  [ProjectStatus.OPEN]: ["Open for pledges", "blue"],
  [ProjectStatus.FUNDED]: ["Funded", "green"],
  [ProjectStatus.IN_DELIVERY]: ["In delivery", "aqua-green"],
  [ProjectStatus.DELIVERED]: ["Delivered", "purple"],
  [ProjectStatus.EXPIRED]: ["Expired", "orange"],
  [ProjectStatus.CANCELLED]: ["Cancelled", "red"],
};

const pledgeStatuses: Record<PledgeStatus, [text: string, colour: string]> = {
  [PledgeStatus.UNSPECIFIED]: ["Unknown", "grey"],
  [PledgeStatus.PENDING]: ["Pending", "yellow"],
  [PledgeStatus.ACTIVE]: ["Active", "blue"],
  [PledgeStatus.COMMITTED]: ["Committed", "green"],
  [PledgeStatus.WITHDRAWN]: ["Withdrawn", "grey"],
  [PledgeStatus.RELEASED]: ["Released", "grey"],
  [PledgeStatus.REJECTED]: ["Rejected", "red"],
};

/** The statuses a person can filter the marketplace by (those anyone can see). */
export const publicStatuses = [ProjectStatus.OPEN, ProjectStatus.FUNDED, ProjectStatus.IN_DELIVERY, ProjectStatus.DELIVERED, ProjectStatus.EXPIRED, ProjectStatus.CANCELLED];

/** A project status in words. */
export function projectStatusText(status: ProjectStatus): string {
  return projectStatuses[status][0];
}

/** A project status as a tag. */
export function projectStatusTag(status: ProjectStatus): TemplateResult {
  const [text, colour] = projectStatuses[status];
  return html`<strong class="nhsuk-tag nhsuk-tag--${colour}">${text}</strong>`;
}

/** A pledge status as a tag. */
export function pledgeStatusTag(status: PledgeStatus): TemplateResult {
  const [text, colour] = pledgeStatuses[status];
  return html`<strong class="nhsuk-tag nhsuk-tag--${colour}">${text}</strong>`;
}

/** The name gRPC gives a project status (for URLs): "OPEN" for ProjectStatus.OPEN. */
export function projectStatusKey(status: ProjectStatus): string {
  return ProjectStatus[status];
}

/** Reads the name gRPC gives a value of a generated enum back ("OPEN"); undefined for no name, an unknown one or UNSPECIFIED (0). */
export function parseEnumKey<E extends number>(enumObject: Record<string, string | number>, key: string | null | undefined): E | undefined {
  const value = key ? enumObject[key] : undefined;
  return typeof value === "number" && value !== 0 ? (value as E) : undefined;
}

/** Reads a status name from a URL back, or undefined. */
export function parseProjectStatus(key: string | null): ProjectStatus | undefined {
  return parseEnumKey<ProjectStatus>(ProjectStatus, key);
}
