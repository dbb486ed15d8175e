using CoFundMarket.Identity;
using CoFundMarket.Rpc;

namespace CoFundMarket.Gateway.Identity;

/// <summary>Where the authentication filter leaves the caller for the handlers of the same call.</summary>
public static class CallerContext
{
    private static readonly object s_key = typeof(Caller);

    /// <summary>The authenticated caller, or <see cref="Caller.Anonymous"/> for a call without a token.</summary>
    public static Caller Caller(this ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.UserState.TryGetValue(s_key, out var caller) ? (Caller)caller : CoFundMarket.Identity.Caller.Anonymous;
    }

    /// <summary>Records the authenticated caller of this call.</summary>
    internal static void SetCaller(this ServerCallContext context, Caller caller) => context.UserState[s_key] = caller;
}
