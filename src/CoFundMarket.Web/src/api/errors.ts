// Turns a refusal from the API into words a person understands, keeping what the API said: the status code, the
// google.rpc.ErrorInfo reason and the google.rpc.BadRequest field violations of grpc-status-details-bin.
import { Code, ConnectError } from "@connectrpc/connect";
import { BadRequestSchema, ErrorInfoSchema } from "../gen/google/rpc/error_details_pb.js";

/** One wrong field of a request, as the API named it (for example "amount"). */
export interface FieldProblem {
  field: string;
  message: string;
}

/** What went wrong, for a person: a headline, what to do, and the API's own words and codes. */
export interface Problem {
  headline: string;
  advice: string;
  apiMessage: string;
  /** The gRPC status name, for example "PERMISSION_DENIED". */
  status: string;
  /** The ErrorInfo reason, for example "INSUFFICIENT_BUDGET"; empty when the API gave none. */
  reason: string;
  fields: FieldProblem[];
}

const reasons: Record<string, [headline: string, advice: string]> = {
  INSUFFICIENT_BUDGET: ["Your organisation does not have enough budget left", "Pledge a smaller amount, or ask your finance team to raise the co-funding ceiling for that financial year."],
  PROJECT_NOT_OPEN: ["This project is not taking pledges", "Pledges are taken only while a project is open: before its deadline and before it is funded or cancelled."],
  OVER_CAP: ["This pledge would take the project over its funding cap", "Pledge a smaller amount: the project cannot take more than its cap."],
  DEADLINE_PASSED: ["The funding deadline has passed", "Choose a deadline in the future."],
  ILLEGAL_TRANSITION: ["That step is not possible now", "The project is not in a state that allows it. The page shows its current state."],
  PLEDGE_NOT_ACTIVE: ["This pledge can no longer be withdrawn", "Only an active pledge to an open project can be withdrawn."],
  ALREADY_ADOPTED: ["Your organisation has already recorded an adoption", "Each organisation records its adoption of a tool once."],
  CEILING_BELOW_COMMITMENTS: ["The ceiling is below what is already pledged", "Set a ceiling at least as large as your reserved and committed pledges together."],
  ADAPTS_UNDELIVERED: ["Only a delivered project can be adapted", "The project you chose to adapt has not been delivered yet. Choose a delivered project from the list, or propose a new project that adapts none."],
  DELIVERY_INCOMPLETE: ["The delivery details are incomplete", "A delivered project needs a repository address and a licence."],
  NOT_YOUR_ORGANISATION: ["You can only do this for your own organisation", "Your sign-in lets you act for your own organisation only. Sign in as a person at the other organisation to act for it."],
  PLEDGE_ID_REUSED: ["This request was already used for something else", "Start again: the page makes a new request."],
  PROJECT_NOT_FOUND: ["There is no such project", "It may not be published yet, or the address may be wrong."],
  PLEDGE_NOT_FOUND: ["There is no such pledge", "It may have been made by another organisation, or the address may be wrong."],
  ORGANISATION_NOT_FOUND: ["There is no such organisation", "Check the ODS code."],
};

const statuses: Partial<Record<Code, [headline: string, advice: string]>> = {
  [Code.InvalidArgument]: ["Some details need correcting", "Check the highlighted answers."],
  [Code.NotFound]: ["Not found", "It may not exist, or it may not be visible to you."],
  [Code.AlreadyExists]: ["This was already done differently", "Reload the page and try again."],
  [Code.PermissionDenied]: ["You are not allowed to do this", "Your sign-in does not give you this permission."],
  [Code.Unauthenticated]: ["You need to sign in", "Your sign-in is missing or has expired. Sign in again."],
  [Code.FailedPrecondition]: ["That is not possible now", "The marketplace refused it in its current state."],
  [Code.Aborted]: ["Someone else changed this at the same time", "Reload the page and try again."],
  [Code.ResourceExhausted]: ["Too many requests", "Wait a moment and try again."],
  [Code.DeadlineExceeded]: ["The marketplace took too long to answer", "Try again."],
  [Code.Unavailable]: ["The marketplace is not available", "It may be restarting. Try again in a moment."],
};

/** The status name of a code as gRPC writes it: PERMISSION_DENIED for Code.PermissionDenied. */
export function statusName(code: Code): string {
  return Code[code].replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase();
}

/** Words for a refusal in the context of one form, by reason or status name (they win over the general ones). */
export type Wording = Record<string, [headline: string, advice: string]>;

/** Describes any failure of an API call (or of the network) for a person. */
export function describe(error: unknown, wording: Wording = {}): Problem {
  const connectError = ConnectError.from(error);
  const info = connectError.findDetails(ErrorInfoSchema)[0];
  const badRequest = connectError.findDetails(BadRequestSchema)[0];
  const reason = info?.reason ?? "";
  const [headline, advice] = wording[reason] ?? wording[statusName(connectError.code)] ?? reasons[reason] ?? statuses[connectError.code] ?? ["Something went wrong", "Try again. If it keeps happening, tell the marketplace team."];
  return {
    headline,
    advice,
    apiMessage: connectError.rawMessage,
    status: statusName(connectError.code),
    reason,
    fields: (badRequest?.fieldViolations ?? []).map((v) => ({ field: v.field, message: v.description })),
  };
}

/** Whether a failure means the person must sign in (again). */
export function needsSignIn(error: unknown): boolean {
  return ConnectError.from(error).code === Code.Unauthenticated;
}

/** Whether a stream ended because the page cancelled it (navigation), which is not a failure to show. */
export function isCancelled(error: unknown): boolean {
  return ConnectError.from(error).code === Code.Canceled;
}
