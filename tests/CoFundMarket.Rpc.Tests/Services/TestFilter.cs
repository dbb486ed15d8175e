namespace CoFundMarket.Rpc.Tests.Services;

/// <summary>
/// A filter shaped like the gateway's future authentication: it rejects calls carrying <c>x-filter-reject</c> before
/// the request is read, except for methods it treats as anonymous, and tags every call with the method it saw.
/// </summary>
public sealed class TestFilter : IRpcFilter
{
    public const string RejectHeader = "x-filter-reject";
    public const string SeenMethodTrailer = "x-filter-saw";

    private static readonly HashSet<string> s_anonymous = new(StringComparer.Ordinal)
    {
        "/grpc.health.v1.Health/Check",
    };

    public async ValueTask InvokeAsync(ServerCallContext context, RpcCallDelegate next)
    {
        context.ResponseTrailers.Add(SeenMethodTrailer, context.Method.FullName);
        var reason = context.RequestHeaders.GetValue(RejectHeader);
        if (reason is not null && !s_anonymous.Contains(context.Method.FullName))
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated, "Rejected by filter: " + reason));
        }

        await next(context);
    }
}
