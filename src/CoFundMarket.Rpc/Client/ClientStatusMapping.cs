using System.Net;

namespace CoFundMarket.Rpc.Client;

/// <summary>How a client names what went wrong when the server did not send a status (doc/http-grpc-status-mapping.md, PROTOCOL-HTTP2.md).</summary>
internal static class ClientStatusMapping
{
    /// <summary>A non-200 HTTP status without gRPC semantics.</summary>
    public static StatusCode FromHttpStatus(HttpStatusCode status) => status switch
    {
        HttpStatusCode.BadRequest => StatusCode.Internal,
        HttpStatusCode.Unauthorized => StatusCode.Unauthenticated,
        HttpStatusCode.Forbidden => StatusCode.PermissionDenied,
        HttpStatusCode.NotFound => StatusCode.Unimplemented,
        HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout => StatusCode.Unavailable,
        HttpStatusCode.RequestHeaderFieldsTooLarge => StatusCode.Internal,
        _ => StatusCode.Unknown,
    };

    /// <summary>An HTTP/2 RST_STREAM or GOAWAY error code.</summary>
    public static StatusCode FromHttp2ErrorCode(long errorCode) => errorCode switch
    {
        0x7 => StatusCode.Unavailable,
        0x8 => StatusCode.Cancelled,
        0xB => StatusCode.ResourceExhausted,
        0xC => StatusCode.PermissionDenied,
        _ => StatusCode.Internal,
    };

    /// <summary>A transport failure: a reset stream, a lost or refused connection.</summary>
    public static Status FromTransportException(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is HttpProtocolException protocol)
            {
                return new Status(FromHttp2ErrorCode(protocol.ErrorCode), $"The HTTP/2 stream was reset by the server (error code 0x{protocol.ErrorCode:X}).");
            }
        }

        return new Status(StatusCode.Unavailable, $"The call could not reach the server: {exception.Message}");
    }
}
