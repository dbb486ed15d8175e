using System.Runtime.CompilerServices;

namespace CoFundMarket.Rpc.Client;

/// <summary>A client-streaming call in flight: write to <see cref="RequestStream"/>, complete it, then await the response.</summary>
/// <typeparam name="TRequest">The request message type.</typeparam>
/// <typeparam name="TResponse">The response message type.</typeparam>
public sealed class AsyncClientStreamingCall<TRequest, TResponse> : AsyncCall
{
    internal AsyncClientStreamingCall(IClientCall call, IClientStreamWriter<TRequest> requestStream, Task<TResponse> response)
        : base(call)
    {
        RequestStream = requestStream;
        ResponseAsync = response;
    }

    /// <summary>The requests.</summary>
    public IClientStreamWriter<TRequest> RequestStream { get; }

    /// <summary>The response, once the call ended with OK.</summary>
    public Task<TResponse> ResponseAsync { get; }

    /// <summary>Awaits <see cref="ResponseAsync"/>.</summary>
    public TaskAwaiter<TResponse> GetAwaiter() => ResponseAsync.GetAwaiter();
}
