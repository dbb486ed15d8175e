namespace CoFundMarket.Rpc.Client;

/// <summary>A bidirectional call in flight: write to <see cref="RequestStream"/> and read <see cref="ResponseStream"/> in any interleaving.</summary>
/// <typeparam name="TRequest">The request message type.</typeparam>
/// <typeparam name="TResponse">The response message type.</typeparam>
public sealed class AsyncDuplexStreamingCall<TRequest, TResponse> : AsyncCall
{
    internal AsyncDuplexStreamingCall(IClientCall call, IClientStreamWriter<TRequest> requestStream, IAsyncStreamReader<TResponse> responseStream)
        : base(call)
    {
        RequestStream = requestStream;
        ResponseStream = responseStream;
    }

    /// <summary>The requests.</summary>
    public IClientStreamWriter<TRequest> RequestStream { get; }

    /// <summary>The responses.</summary>
    public IAsyncStreamReader<TResponse> ResponseStream { get; }
}
