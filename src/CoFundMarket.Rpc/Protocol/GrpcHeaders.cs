namespace CoFundMarket.Rpc.Protocol;

/// <summary>The header names and values the gRPC protocol defines (PROTOCOL-HTTP2.md, PROTOCOL-WEB.md).</summary>
internal static class GrpcHeaders
{
    public const string Status = "grpc-status";
    public const string Message = "grpc-message";
    public const string StatusDetails = "grpc-status-details-bin";
    public const string Timeout = "grpc-timeout";
    public const string Encoding = "grpc-encoding";
    public const string AcceptEncoding = "grpc-accept-encoding";
    public const string MessageType = "grpc-message-type";
    public const string TE = "te";
    public const string Trailers = "trailers";

    public const string GrpcContentType = "application/grpc";
    public const string GrpcWebContentType = "application/grpc-web";
    public const string GrpcWebTextContentType = "application/grpc-web-text";

    /// <summary>Headers that belong to the protocol or HTTP, not to the caller's metadata.</summary>
    public static bool IsProtocolHeader(string name) =>
        name.Length == 0
        || name[0] == ':'
        || name.Equals("content-type", StringComparison.OrdinalIgnoreCase)
        || name.Equals("content-length", StringComparison.OrdinalIgnoreCase)
        || name.Equals("te", StringComparison.OrdinalIgnoreCase)
        || name.Equals("host", StringComparison.OrdinalIgnoreCase)
        || name.Equals("accept-encoding", StringComparison.OrdinalIgnoreCase)
        || name.Equals("content-encoding", StringComparison.OrdinalIgnoreCase)
        || name.Equals("connection", StringComparison.OrdinalIgnoreCase)
        || name.Equals("transfer-encoding", StringComparison.OrdinalIgnoreCase)
        || name.Equals(Timeout, StringComparison.OrdinalIgnoreCase)
        || name.Equals(Encoding, StringComparison.OrdinalIgnoreCase)
        || name.Equals(AcceptEncoding, StringComparison.OrdinalIgnoreCase);

    /// <summary>Headers a server or client must not let metadata overwrite: the status and framing of the response.</summary>
    public static bool IsReservedResponseHeader(string name) =>
        name.Equals(Status, StringComparison.OrdinalIgnoreCase)
        || name.Equals(Message, StringComparison.OrdinalIgnoreCase)
        || name.Equals(StatusDetails, StringComparison.OrdinalIgnoreCase)
        || IsProtocolHeader(name);
}
