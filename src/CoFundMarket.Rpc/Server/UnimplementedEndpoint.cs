using CoFundMarket.Rpc.Protocol;
using CoFundMarket.Rpc.Web;
using Microsoft.AspNetCore.Http;

namespace CoFundMarket.Rpc.Server;

/// <summary>
/// The catch-all for gRPC requests to a service or method that is not bound: HTTP 200 with grpc-status
/// UNIMPLEMENTED as a Trailers-Only response (statuscodes.md: "Method not found at server").
/// </summary>
internal sealed class UnimplementedEndpoint(RpcServerRuntime runtime, string message)
{
    private readonly string _message = PercentEncoding.Encode(message);

    public Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        if (CorsPolicy.IsPreflight(request) || !ContentTypes.TryGetProtocol(request.ContentType, out var protocol))
        {
            return NonGrpcResponses.RespondAsync(http, runtime);
        }

        var response = http.Response;
        response.ContentType = ContentTypes.ForResponse(protocol);
        if (protocol != RpcProtocol.Grpc)
        {
            runtime.Cors.ApplyToResponse(http);
        }

        response.Headers.GrpcStatus = StatusTrailers.CodeValue(StatusCode.Unimplemented);
        response.Headers.GrpcMessage = _message;
        return Task.CompletedTask;
    }
}
