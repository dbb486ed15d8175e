using System.Collections.Concurrent;
using Google.Protobuf;

namespace CoFundMarket.Rpc.Client;

/// <summary>
/// A client for one server address over HTTP/2: <c>http://</c> speaks h2c with prior knowledge, <c>https://</c>
/// negotiates h2 with ALPN. Calls multiplex over pooled connections; one channel serves any number of calls at once.
/// </summary>
public sealed class RpcChannel : IDisposable
{
    private readonly ConcurrentDictionary<RpcMethod, Uri> _uris = new();

    /// <summary>A channel to <paramref name="address"/> (scheme, host and port; a path is a prefix for every method).</summary>
    public RpcChannel(Uri address, RpcChannelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        Address = address;
        Options = options ?? new RpcChannelOptions();
        var handler = Options.HttpHandler;
        Invoker = new HttpMessageInvoker(handler ?? CreateHandler(Options), disposeHandler: handler is null || Options.DisposeHttpHandler);
    }

    /// <summary>The server address.</summary>
    public Uri Address { get; }

    internal RpcChannelOptions Options { get; }

    internal HttpMessageInvoker Invoker { get; }

    /// <summary>A channel to an address such as <c>http://127.0.0.1:5080</c>.</summary>
    public static RpcChannel ForAddress(string address, RpcChannelOptions? options = null) => new(new Uri(address), options);

    /// <summary>Starts a unary call.</summary>
    public AsyncUnaryCall<TResponse> UnaryCall<TRequest, TResponse>(RpcMethod<TRequest, TResponse> method, TRequest request, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        var call = new ClientCall<TRequest, TResponse>(this, method, options);
        call.Start(request);
        return new AsyncUnaryCall<TResponse>(call, call.ReadSingleResponseAsync());
    }

    /// <summary>Starts a server-streaming call.</summary>
    public AsyncServerStreamingCall<TResponse> ServerStreamingCall<TRequest, TResponse>(RpcMethod<TRequest, TResponse> method, TRequest request, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        var call = new ClientCall<TRequest, TResponse>(this, method, options);
        call.Start(request);
        return new AsyncServerStreamingCall<TResponse>(call, call);
    }

    /// <summary>Starts a client-streaming call.</summary>
    public AsyncClientStreamingCall<TRequest, TResponse> ClientStreamingCall<TRequest, TResponse>(RpcMethod<TRequest, TResponse> method, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        var call = new ClientCall<TRequest, TResponse>(this, method, options);
        call.StartStreaming();
        return new AsyncClientStreamingCall<TRequest, TResponse>(call, call, call.ReadSingleResponseAsync());
    }

    /// <summary>Starts a bidirectional streaming call.</summary>
    public AsyncDuplexStreamingCall<TRequest, TResponse> DuplexStreamingCall<TRequest, TResponse>(RpcMethod<TRequest, TResponse> method, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        var call = new ClientCall<TRequest, TResponse>(this, method, options);
        call.StartStreaming();
        return new AsyncDuplexStreamingCall<TRequest, TResponse>(call, call, call);
    }

    /// <summary>Closes the channel's connections (when it owns its handler).</summary>
    public void Dispose() => Invoker.Dispose();

    internal Uri MethodUri(RpcMethod method) =>
        _uris.GetOrAdd(method, static (m, address) => new Uri(address, address.AbsolutePath.TrimEnd('/') + m.FullName), Address);

    private static SocketsHttpHandler CreateHandler(RpcChannelOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            KeepAlivePingDelay = TimeSpan.FromSeconds(60),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };
        if (options.ServerCertificateValidation is not null)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = options.ServerCertificateValidation;
        }

        return handler;
    }
}
