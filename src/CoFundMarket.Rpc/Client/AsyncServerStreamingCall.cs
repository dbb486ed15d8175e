namespace CoFundMarket.Rpc.Client;

/// <summary>A server-streaming call in flight: read <see cref="ResponseStream"/> to its end; a non-OK status throws <see cref="RpcException"/> from it.</summary>
/// <typeparam name="TResponse">The response message type.</typeparam>
public sealed class AsyncServerStreamingCall<TResponse> : AsyncCall
{
    internal AsyncServerStreamingCall(IClientCall call, IAsyncStreamReader<TResponse> responseStream)
        : base(call) => ResponseStream = responseStream;

    /// <summary>The responses.</summary>
    public IAsyncStreamReader<TResponse> ResponseStream { get; }
}
