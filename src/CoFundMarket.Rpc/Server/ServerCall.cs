using System.Net.Sockets;
using CoFundMarket.Rpc.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.Extensions.Primitives;

namespace CoFundMarket.Rpc.Server;

/// <summary>
/// One call on the server: the <see cref="ServerCallContext"/> handlers see, and the protocol state behind it.
/// Partial files hold reading (<c>.Reading</c>), writing (<c>.Writing</c>) and how the call ends (<c>.Completion</c>).
/// </summary>
internal sealed partial class ServerCall : ServerCallContext
{
    private static readonly StringValues s_acceptEncoding = new(MessageCompression.AcceptEncoding);
    private static readonly StringValues s_grpcContentType = new(ContentTypes.ForResponse(RpcProtocol.Grpc));
    private static readonly StringValues s_grpcWebContentType = new(ContentTypes.ForResponse(RpcProtocol.GrpcWeb));
    private static readonly StringValues s_grpcWebTextContentType = new(ContentTypes.ForResponse(RpcProtocol.GrpcWebText));
    private static readonly TimeSpan s_longestTimer = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    private readonly HttpContext _http;
    private readonly RpcServerRuntime _runtime;
    private Metadata? _requestHeaders;
    private Metadata? _responseTrailers;
    private string? _peer;
    private Status _status = Status.DefaultSuccess;
    private Google.Rpc.Status? _richStatus;
    private string? _requestEncoding;
    private string? _responseCompressionAlgorithm;
    private DateTime _deadline = DateTime.MaxValue;
    private CancellationTokenSource? _deadlineSource;
    private CancellationTokenRegistration _deadlineRegistration;

    public ServerCall(HttpContext http, RpcMethod method, RpcServerRuntime runtime, RpcProtocol protocol)
    {
        _http = http;
        _runtime = runtime;
        Method = method;
        Protocol = protocol;
    }

    public override RpcMethod Method { get; }

    public override RpcProtocol Protocol { get; }

    public override string Host => _http.Request.Host.Value ?? string.Empty;

    public override string Peer => _peer ??= FormatPeer(_http.Connection);

    public override DateTime Deadline => _deadline;

    public override Metadata RequestHeaders => _requestHeaders ??= MetadataHeaders.FromRequest(_http.Request.Headers);

    public override Metadata ResponseTrailers => _responseTrailers ??= [];

    public override Status Status
    {
        get => _status;
        set => _status = value;
    }

    public override CancellationToken CancellationToken => _deadlineSource?.Token ?? _http.RequestAborted;

    public override WriteOptions? WriteOptions { get; set; }

    public override string? ResponseCompressionAlgorithm
    {
        get => _responseCompressionAlgorithm;
        set => _responseCompressionAlgorithm = MessageCompression.IsIdentity(value)
            ? null
            : MessageCompression.Find(value) ?? throw new ArgumentException($"Compression algorithm '{value}' is not supported; use gzip or deflate.", nameof(value));
    }

    public override HttpContext GetHttpContext() => _http;

    /// <summary>
    /// Reads what the protocol headers ask for (compression, deadline) and prepares the response headers. False when
    /// the call must end at once without running the handler (unsupported encoding, a deadline already passed).
    /// </summary>
    public bool TryStart()
    {
        var request = _http.Request;
        var headers = _http.Response.Headers;
        headers.ContentType = Protocol switch
        {
            RpcProtocol.GrpcWeb => s_grpcWebContentType,
            RpcProtocol.GrpcWebText => s_grpcWebTextContentType,
            _ => s_grpcContentType,
        };
        headers.GrpcAcceptEncoding = s_acceptEncoding;
        _responseCompressionAlgorithm = MessageCompression.Find(_runtime.Options.ResponseCompressionAlgorithm);

        var encoding = request.Headers.GrpcEncoding;
        if (encoding.Count > 0 && !MessageCompression.IsIdentity(encoding.ToString()))
        {
            _requestEncoding = MessageCompression.Find(encoding.ToString());
            if (_requestEncoding is null)
            {
                _status = new Status(StatusCode.Unimplemented, $"Unsupported grpc-encoding '{encoding}'; this server accepts {MessageCompression.AcceptEncoding}.");
                return false;
            }
        }

        var timeout = request.Headers.GrpcTimeout;
        if (timeout.Count > 0 && GrpcTimeout.TryParse(timeout.ToString(), out var value) && !TryStartDeadline(value))
        {
            return false;
        }

        LiftBodyLimits();
        return true;
    }

    private bool TryStartDeadline(TimeSpan timeout)
    {
        var now = DateTime.UtcNow;
        if (timeout <= TimeSpan.Zero)
        {
            _deadline = now;
            _status = new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded");
            return false;
        }

        _deadline = timeout >= DateTime.MaxValue - now ? DateTime.MaxValue : now + timeout;
        _deadlineSource = CancellationTokenSource.CreateLinkedTokenSource(_http.RequestAborted);
        if (timeout <= s_longestTimer)
        {
            _deadlineSource.CancelAfter(timeout);
        }

        _deadlineRegistration = _deadlineSource.Token.UnsafeRegister(static state => ((ServerCall)state!).OnCancelled(), this);
        return true;
    }

    /// <summary>
    /// The receive limit is the gRPC layer's (per message, on the length prefix), so Kestrel's whole-body limit is lifted;
    /// streaming requests may also pause longer than Kestrel's minimum data rate allows.
    /// </summary>
    private void LiftBodyLimits()
    {
        var features = _http.Features;
        if (features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } maxBodySize)
        {
            maxBodySize.MaxRequestBodySize = null;
        }

        if (Method.Type == MethodType.Unary)
        {
            return;
        }

        features.Get<IHttpRequestTimeoutFeature>()?.DisableTimeout();
        if (Method.Type is MethodType.ClientStreaming or MethodType.DuplexStreaming && features.Get<IHttpMinRequestBodyDataRateFeature>() is { } minRate)
        {
            minRate.MinDataRate = null;
        }
    }

    private static string FormatPeer(ConnectionInfo connection) => connection.RemoteIpAddress switch
    {
        null => "unknown",
        { IsIPv4MappedToIPv6: true } address => $"ipv4:{address.MapToIPv4()}:{connection.RemotePort}",
        { AddressFamily: AddressFamily.InterNetworkV6 } address => $"ipv6:[{address}]:{connection.RemotePort}",
        var address => $"ipv4:{address}:{connection.RemotePort}",
    };
}
