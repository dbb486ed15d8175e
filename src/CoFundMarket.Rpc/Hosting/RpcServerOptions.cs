using System.IO.Compression;

namespace CoFundMarket.Rpc.Hosting;

/// <summary>Server-wide settings of the gRPC layer (<c>services.AddRpc(options => …)</c>).</summary>
public sealed class RpcServerOptions
{
    /// <summary>The largest request message accepted, in bytes, checked on the length prefix and again after decompression (default 4 MiB, as in C-core, grpc-go and grpc-dotnet).</summary>
    public int MaxReceiveMessageSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>The largest response message sent, in bytes; null for no limit (the gRPC default).</summary>
    public int? MaxSendMessageSize { get; set; }

    /// <summary>Compress responses with this algorithm (<c>gzip</c> or <c>deflate</c>) when the caller accepts it; null sends them uncompressed. Handlers can change it per call.</summary>
    public string? ResponseCompressionAlgorithm { get; set; }

    /// <summary>The compression level for responses.</summary>
    public CompressionLevel ResponseCompressionLevel { get; set; } = CompressionLevel.Fastest;

    /// <summary>
    /// Put an unexpected exception's type and message (never its stack trace) into the UNKNOWN status sent to
    /// the caller. Off by default: exception text can leak internals. The exception is always logged.
    /// </summary>
    public bool EnableDetailedErrors { get; set; }

    /// <summary>Serve gRPC-Web (binary and text) as well as native gRPC on the same routes (default on).</summary>
    public bool EnableGrpcWeb { get; set; } = true;

    /// <summary>
    /// Answer gRPC requests for services that are not bound with UNIMPLEMENTED (default). When true, such requests
    /// fall through to the rest of the application (usually 404).
    /// </summary>
    public bool IgnoreUnknownServices { get; set; }

    /// <summary>Cross-origin access for gRPC-Web callers in browsers.</summary>
    public RpcCorsOptions Cors { get; } = new();
}
