// What the parts of the project page share with the page: its project, its lifetime and how to show a change.
import type { Project } from "../../gen/cofund/v1/common_pb.js";
import type { Directory } from "../../app/directory.js";

/** The project page, as its panels see it. */
export interface ProjectHost {
  readonly signal: AbortSignal;
  readonly names: Directory | undefined;
  /** Renders again after a panel's state changed. */
  changed(): void;
  /** Says something to screen-reader users. */
  announce(message: string): void;
  /** Focuses an element once rendered (an error summary, a confirmation). */
  focus(selector: string): void;
  /** The project as last seen. */
  project(): Project;
  /** Takes a project an action returned (newer than the watched one, until the watch catches up). */
  accept(project: Project): void;
}

/** A fresh idempotency key: a retry of the same confirmation sends the same one. */
export function newRequestId(prefix: string): string {
  return `${prefix}-${crypto.randomUUID()}`;
}
