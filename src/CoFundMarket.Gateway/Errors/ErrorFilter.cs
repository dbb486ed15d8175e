using CoFundMarket.Domain.Common;
using CoFundMarket.Gateway.Identity;
using CoFundMarket.Rpc;
using CoFundMarket.Runtime.Calls;
using CoFundMarket.Runtime.Hosting;
using CoFundMarket.Runtime.Persistence;
using CoFundMarket.Runtime.Storage;

namespace CoFundMarket.Gateway.Errors;

/// <summary>
/// The outermost filter: turns whatever a call throws into the status API.md names (domain refusals, version
/// conflicts, a stopping silo, storage failures) and writes one log line per failed call with its status and the
/// caller's subject (never a token). Cancellation and deadlines are left to the Rpc layer, which answers them itself.
/// </summary>
public sealed class ErrorFilter(ILogger<ErrorFilter> logger) : IRpcFilter
{
    /// <inheritdoc />
    public async ValueTask InvokeAsync(ServerCallContext context, RpcCallDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (!context.CancellationToken.IsCancellationRequested && Translate(e) is { } status)
        {
            Log(context, status, e);
            throw status;
        }
        catch (RpcException e)
        {
            Log(context, e, null);
            throw;
        }
    }

    /// <summary>The status for a failure, or null for one this filter does not know (the Rpc layer answers UNKNOWN).</summary>
    private static RpcException? Translate(Exception exception) => exception switch
    {
        RpcException => null,
        DomainException refusal => ApiErrors.From(refusal),
        InconsistentStateException => ApiErrors.Aborted("CONCURRENT_UPDATE", "Another change to the same entity won the race; nothing of this request was applied. Retry it."),
        SiloUnavailableException => ApiErrors.Unavailable("The marketplace is shutting down; retry shortly."),
        GrainStorageException => ApiErrors.Unavailable("Storage is unavailable; retry shortly. A write that was in flight either committed fully or not at all."),
        TimeoutException => ApiErrors.Unavailable("The marketplace did not answer in time; retry shortly."),
        DeadlockException => new RpcException(new Status(StatusCode.Internal, "The request could not be served (an internal call cycle); it was not applied.")),
        { InnerException: { } inner } => Translate(inner),
        _ => null,
    };

    private void Log(ServerCallContext context, RpcException status, Exception? cause)
    {
        var subject = context.Caller().Subject;
        if (status.StatusCode is StatusCode.Internal or StatusCode.Unavailable)
        {
            logger.LogError(cause, "{Method} failed with {StatusCode}: {Detail} (caller {Subject})", context.Method.FullName, status.StatusCode, status.Status.Detail, subject);
        }
        else
        {
            logger.LogWarning("{Method} failed with {StatusCode}: {Detail} (caller {Subject})", context.Method.FullName, status.StatusCode, status.Status.Detail, subject);
        }
    }
}
