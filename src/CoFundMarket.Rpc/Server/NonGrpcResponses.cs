using CoFundMarket.Rpc.Protocol;
using CoFundMarket.Rpc.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace CoFundMarket.Rpc.Server;

/// <summary>
/// Answers to requests on a gRPC route that are not gRPC calls: CORS preflight (204), other OPTIONS (405),
/// a non-gRPC content type (415, as PROTOCOL-HTTP2.md says a server SHOULD), and native gRPC over HTTP/1.x (426).
/// These are HTTP-level refusals, so they carry a real HTTP status; grpc-status INTERNAL is added for gRPC clients.
/// </summary>
internal static class NonGrpcResponses
{
    private const string AcceptedContentTypes = "application/grpc, application/grpc+proto, application/grpc-web, application/grpc-web+proto, application/grpc-web-text, application/grpc-web-text+proto";

    public static Task RespondAsync(HttpContext http, RpcServerRuntime runtime)
    {
        var request = http.Request;
        var response = http.Response;
        if (CorsPolicy.IsPreflight(request))
        {
            runtime.Cors.AnswerPreflight(http);
            return Task.CompletedTask;
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            response.Headers.Allow = HttpMethods.Post;
            return Task.CompletedTask;
        }

        response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
        response.Headers["Accept-Post"] = AcceptedContentTypes;
        response.Headers.GrpcStatus = StatusTrailers.CodeValue(StatusCode.Internal);
        response.Headers.GrpcMessage = PercentEncoding.Encode($"Content-Type '{request.ContentType}' is not supported.");
        return Task.CompletedTask;
    }

    public static Task UpgradeRequiredAsync(HttpContext http)
    {
        var response = http.Response;
        response.StatusCode = StatusCodes.Status426UpgradeRequired;
        response.Headers[HeaderNames.Upgrade] = "HTTP/2";
        response.Headers.GrpcStatus = StatusTrailers.CodeValue(StatusCode.Internal);
        response.Headers.GrpcMessage = PercentEncoding.Encode($"Native gRPC needs HTTP/2; the request came over {http.Request.Protocol}. Use gRPC-Web over HTTP/1.1.");
        return Task.CompletedTask;
    }
}
