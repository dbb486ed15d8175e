using CoFundMarket.Domain.Common;
using CoFundMarket.Rpc;

namespace CoFundMarket.Gateway.Errors;

/// <summary>
/// The one mapping from failures to gRPC statuses (API.md, "Errors"), and named throw helpers for the refusals the API
/// makes itself. Messages are for people and never carry a stack trace, a token or a storage detail.
/// </summary>
public static class ApiErrors
{
    /// <summary>The google.rpc.ErrorInfo domain of CoFundMarket's reasons.</summary>
    public const string Domain = "cofund.nhs.uk";

    /// <summary>INVALID_ARGUMENT with a BadRequest field violation.</summary>
    public static RpcException InvalidArgument(string field, string message) => RpcException.BadRequest(message, (field, message));

    /// <summary>UNAUTHENTICATED.</summary>
    public static RpcException Unauthenticated(string message) => new(new Status(StatusCode.Unauthenticated, message));

    /// <summary>PERMISSION_DENIED with an ErrorInfo reason.</summary>
    public static RpcException PermissionDenied(string message, string reason = "PERMISSION_DENIED") =>
        RpcException.ErrorInfo(StatusCode.PermissionDenied, message, reason, Domain);

    /// <summary>NOT_FOUND with an ErrorInfo reason.</summary>
    public static RpcException NotFound(string reason, string message) => RpcException.ErrorInfo(StatusCode.NotFound, message, reason, Domain);

    /// <summary>FAILED_PRECONDITION with an ErrorInfo reason (PROJECT_NOT_OPEN, INSUFFICIENT_BUDGET, …).</summary>
    public static RpcException FailedPrecondition(string reason, string message) => RpcException.ErrorInfo(StatusCode.FailedPrecondition, message, reason, Domain);

    /// <summary>ABORTED: a concurrent change won; safe to retry.</summary>
    public static RpcException Aborted(string reason, string message) => RpcException.ErrorInfo(StatusCode.Aborted, message, reason, Domain);

    /// <summary>UNAVAILABLE: shutting down or storage down; safe to retry later.</summary>
    public static RpcException Unavailable(string message) => new(new Status(StatusCode.Unavailable, message));

    /// <summary>The status a domain refusal stands for.</summary>
    public static RpcException From(DomainException refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        return refusal.Kind switch
        {
            DomainErrorKind.InvalidArgument => InvalidArgument(refusal.Field ?? "", refusal.Message),
            DomainErrorKind.NotFound => NotFound(refusal.Reason, refusal.Message),
            DomainErrorKind.AlreadyExists => RpcException.ErrorInfo(StatusCode.AlreadyExists, refusal.Message, refusal.Reason, Domain),
            _ => FailedPrecondition(refusal.Reason, refusal.Message),
        };
    }
}
