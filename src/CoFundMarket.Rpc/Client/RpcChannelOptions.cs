using System.IO.Compression;
using System.Net.Security;

namespace CoFundMarket.Rpc.Client;

/// <summary>Settings of an <see cref="RpcChannel"/>.</summary>
public sealed class RpcChannelOptions
{
    /// <summary>The HTTP handler to send with; null creates a <see cref="System.Net.Http.SocketsHttpHandler"/> for HTTP/2.</summary>
    public HttpMessageHandler? HttpHandler { get; set; }

    /// <summary>Whether disposing the channel disposes <see cref="HttpHandler"/> (a created handler is always disposed).</summary>
    public bool DisposeHttpHandler { get; set; } = true;

    /// <summary>For TLS with the created handler: decides whether to trust the server's certificate (e.g. a test's self-signed one).</summary>
    public RemoteCertificateValidationCallback? ServerCertificateValidation { get; set; }

    /// <summary>The largest response message accepted, in bytes (default 4 MiB).</summary>
    public int MaxReceiveMessageSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>The largest request message sent, in bytes; null for no limit.</summary>
    public int? MaxSendMessageSize { get; set; }

    /// <summary>Compress request messages with <c>gzip</c> or <c>deflate</c>; null sends them uncompressed.</summary>
    public string? CompressionAlgorithm { get; set; }

    /// <summary>The compression level for requests.</summary>
    public CompressionLevel CompressionLevel { get; set; } = CompressionLevel.Fastest;

    /// <summary>The <c>user-agent</c> sent with each call.</summary>
    public string UserAgent { get; set; } = "grpc-csharp-cofundmarket/1.0";
}
