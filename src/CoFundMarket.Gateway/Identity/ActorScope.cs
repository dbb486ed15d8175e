using CoFundMarket.Rpc;
using CoFundMarket.Runtime.Context;
using CoFundMarket.Runtime.Storage;

namespace CoFundMarket.Gateway.Identity;

/// <summary>
/// Stamps the events a mutating call causes with who caused them and why: the runtime's <see cref="RequestContext"/>
/// flows from here into every grain call of the request, and each raised event records its actor and correlation id.
/// The correlation id is the caller's <c>x-correlation-id</c> metadata, else the request's <c>request_id</c>, else a new one.
/// </summary>
public static class ActorScope
{
    /// <summary>The metadata key a caller may use to correlate its own requests.</summary>
    public const string CorrelationHeader = "x-correlation-id";

    /// <summary>Sets the actor and correlation id for the rest of this call (async-local: it ends with the call).</summary>
    public static void ActFor(this ServerCallContext context, Authorised authorised, string? requestId)
    {
        ArgumentNullException.ThrowIfNull(context);
        RequestContext.Actor = new EventActor(authorised.Caller.Subject, authorised.Caller.OrganisationCode, authorised.Role);
        var header = context.RequestHeaders.GetValue(CorrelationHeader);
        RequestContext.CorrelationId = header is { Length: > 0 and <= 128 } ? header
            : !string.IsNullOrEmpty(requestId) ? requestId
            : Guid.NewGuid().ToString("N");
    }
}
