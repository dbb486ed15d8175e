using CoFundMarket.Rpc;

namespace CoFundMarket.Cli.Calling;

/// <summary>
/// The process exit codes: one per class of failure, so a script can tell "fix the input" from "try again later"
/// without parsing stderr. <see cref="ExitCodes.Documented"/> is the one list <c>cofund --help</c> prints.
/// </summary>
internal enum ExitCode
{
    Ok = 0,
    Unexpected = 1,
    Usage = 2,
    LocalSetup = 3,
    InvalidArgument = 4,
    NotFound = 5,
    AlreadyExists = 6,
    FailedPrecondition = 7,
    Aborted = 8,
    Unauthenticated = 9,
    PermissionDenied = 10,
    Unavailable = 11,
    InvariantsViolated = 12,
}

/// <summary>Which exit code a gRPC status gets, and what each code means.</summary>
internal static class ExitCodes
{
    public static readonly IReadOnlyList<(ExitCode Code, string Meaning)> Documented =
    [
        (ExitCode.Ok, "success"),
        (ExitCode.Unexpected, "unexpected failure (UNKNOWN, INTERNAL, UNIMPLEMENTED, DATA_LOSS, CANCELLED)"),
        (ExitCode.Usage, "bad command line"),
        (ExitCode.LocalSetup, "local setup: no signing key in the data directory (start the gateway first)"),
        (ExitCode.InvalidArgument, "INVALID_ARGUMENT or OUT_OF_RANGE: fix the input"),
        (ExitCode.NotFound, "NOT_FOUND"),
        (ExitCode.AlreadyExists, "ALREADY_EXISTS: the request id was used with other content"),
        (ExitCode.FailedPrecondition, "FAILED_PRECONDITION: not allowed in the current state (see the reason)"),
        (ExitCode.Aborted, "ABORTED: lost a race; safe to retry with the same request id"),
        (ExitCode.Unauthenticated, "UNAUTHENTICATED: no token, or an invalid or expired one"),
        (ExitCode.PermissionDenied, "PERMISSION_DENIED: the token's role, organisation or scopes do not allow it"),
        (ExitCode.Unavailable, "UNAVAILABLE, DEADLINE_EXCEEDED or RESOURCE_EXHAUSTED: try again later"),
        (ExitCode.InvariantsViolated, "invariants check: at least one invariant does not hold"),
    ];

    public static ExitCode Of(StatusCode status) => status switch
    {
        StatusCode.OK => ExitCode.Ok,
        StatusCode.InvalidArgument or StatusCode.OutOfRange => ExitCode.InvalidArgument,
        StatusCode.NotFound => ExitCode.NotFound,
        StatusCode.AlreadyExists => ExitCode.AlreadyExists,
        StatusCode.FailedPrecondition => ExitCode.FailedPrecondition,
        StatusCode.Aborted => ExitCode.Aborted,
        StatusCode.Unauthenticated => ExitCode.Unauthenticated,
        StatusCode.PermissionDenied => ExitCode.PermissionDenied,
        StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.ResourceExhausted => ExitCode.Unavailable,
        _ => ExitCode.Unexpected,
    };
}
