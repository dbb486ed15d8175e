using System.Buffers.Binary;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace CoFundMarket.Rpc.Benchmarks;

/// <summary>
/// The baseline: a bare Kestrel endpoint that drains the request and answers a fixed, pre-encoded gRPC response
/// (content type, one message, grpc-status 0 in trailers). No parsing, no routing table of its own, no DI.
/// </summary>
public static class BareEndpoint
{
    private static readonly StringValues s_contentType = new("application/grpc");
    private static readonly StringValues s_ok = new("0");
    private static readonly byte[] s_response = Frame(ItemFactory.Create("p-000001"));

    public static Task HandleAsync(HttpContext http) => RespondAsync(http, s_response);

    /// <summary>The same endpoint answering <paramref name="responseFrame"/> (a framed message, see <see cref="Frame"/>) instead.</summary>
    public static RequestDelegate Answering(byte[] responseFrame) => http => RespondAsync(http, responseFrame);

    public static byte[] Frame(IMessage message)
    {
        var payload = message.ToByteArray();
        var frame = new byte[5 + payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(frame, 5);
        return frame;
    }

    private static async Task RespondAsync(HttpContext http, byte[] response)
    {
        var body = http.Request.BodyReader;
        while (true)
        {
            var result = await body.ReadAsync();
            body.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
            {
                break;
            }
        }

        http.Response.Headers.ContentType = s_contentType;
        await http.Response.BodyWriter.WriteAsync(response);
        http.Features.Get<IHttpResponseTrailersFeature>()!.Trailers.GrpcStatus = s_ok;
    }
}
