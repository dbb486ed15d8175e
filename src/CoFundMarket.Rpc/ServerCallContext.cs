using Microsoft.AspNetCore.Http;

namespace CoFundMarket.Rpc;

/// <summary>
/// What a handler knows about its call and how it shapes the answer: the method, the caller's metadata,
/// the deadline and cancellation, response headers and trailers, and the status sent at the end.
/// </summary>
public abstract class ServerCallContext
{
    private Dictionary<object, object>? _userState;

    /// <summary>The RPC being served.</summary>
    public abstract RpcMethod Method { get; }

    /// <summary>The wire protocol the caller chose (native gRPC or gRPC-Web).</summary>
    public abstract RpcProtocol Protocol { get; }

    /// <summary>The <c>:authority</c> (host) the caller addressed.</summary>
    public abstract string Host { get; }

    /// <summary>The caller's address as gRPC names it: <c>ipv4:127.0.0.1:5000</c> or <c>ipv6:[::1]:5000</c>.</summary>
    public abstract string Peer { get; }

    /// <summary>When the caller stops waiting (from <c>grpc-timeout</c>), in UTC; <see cref="DateTime.MaxValue"/> without one.</summary>
    public abstract DateTime Deadline { get; }

    /// <summary>The caller's metadata (request headers other than the protocol's own).</summary>
    public abstract Metadata RequestHeaders { get; }

    /// <summary>Metadata sent after the last message, with the status.</summary>
    public abstract Metadata ResponseTrailers { get; }

    /// <summary>The status sent when the handler returns normally (OK unless set). A thrown <see cref="RpcException"/> wins over it.</summary>
    public abstract Status Status { get; set; }

    /// <summary>Cancelled when the caller cancels (RST_STREAM), disconnects, or the deadline passes.</summary>
    public abstract CancellationToken CancellationToken { get; }

    /// <summary>Options for response messages written from now on.</summary>
    public abstract WriteOptions? WriteOptions { get; set; }

    /// <summary>
    /// The algorithm (<c>gzip</c> or <c>deflate</c>) to compress responses with, if the caller accepts it; set it
    /// before the first response message. Starts as <see cref="Hosting.RpcServerOptions.ResponseCompressionAlgorithm"/>.
    /// </summary>
    public abstract string? ResponseCompressionAlgorithm { get; set; }

    /// <summary>Whether the most recently read request message arrived compressed.</summary>
    public abstract bool RequestMessageCompressed { get; }

    /// <summary>State that filters and handlers share within the call (e.g. the authenticated principal).</summary>
    public IDictionary<object, object> UserState => _userState ??= [];

    /// <summary>Sends the response headers now, with this metadata; at most once, and before the first message.</summary>
    public abstract Task WriteResponseHeadersAsync(Metadata responseHeaders);

    /// <summary>The underlying ASP.NET Core request (connection, endpoint metadata, features).</summary>
    public abstract HttpContext GetHttpContext();
}
