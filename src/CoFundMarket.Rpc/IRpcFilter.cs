namespace CoFundMarket.Rpc;

/// <summary>The rest of a call's pipeline: the next filter, and in the end reading the request, the handler and writing the response.</summary>
/// <param name="context">The call.</param>
public delegate ValueTask RpcCallDelegate(ServerCallContext context);

/// <summary>
/// A cross-cutting step around every call (authentication, logging, metrics). It runs before the
/// request message is read and before the handler runs, and sees the method
/// (<see cref="ServerCallContext.Method"/>, with its proto descriptor), the metadata and the connection.
/// To reject a call, throw an <see cref="RpcException"/> (or set <see cref="ServerCallContext.Status"/>)
/// and do not call <c>next</c>. Filters are singletons, resolved from DI once, and run in the order added.
/// </summary>
public interface IRpcFilter
{
    /// <summary>Handles the call, usually by doing something and then awaiting <paramref name="next"/>.</summary>
    ValueTask InvokeAsync(ServerCallContext context, RpcCallDelegate next);
}
