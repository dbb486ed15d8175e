using System.Runtime.CompilerServices;

namespace CoFundMarket.Rpc.Client;

/// <summary>A unary call in flight: await it (or <see cref="ResponseAsync"/>) for the response; a non-OK status throws <see cref="RpcException"/>.</summary>
/// <typeparam name="TResponse">The response message type.</typeparam>
public sealed class AsyncUnaryCall<TResponse> : AsyncCall
{
    internal AsyncUnaryCall(IClientCall call, Task<TResponse> response)
        : base(call) => ResponseAsync = response;

    /// <summary>The response, once the call ended with OK.</summary>
    public Task<TResponse> ResponseAsync { get; }

    /// <summary>Awaits <see cref="ResponseAsync"/>.</summary>
    public TaskAwaiter<TResponse> GetAwaiter() => ResponseAsync.GetAwaiter();
}
