using CoFundMarket.Rpc.Protocol;
using Microsoft.AspNetCore.Http;

namespace CoFundMarket.Rpc.Server;

/// <summary>
/// The endpoint of one RPC: checks that the request is gRPC (content type, HTTP version), runs the filters and the
/// method's handler, and ends the call. The filter pipeline is composed once, when the endpoint is created.
/// </summary>
internal abstract class MethodHandler
{
    private readonly RpcCallDelegate _pipeline;
    private readonly UnimplementedEndpoint _wrongCase;

    protected MethodHandler(RpcMethod method, RpcServerRuntime runtime)
    {
        Method = method;
        Runtime = runtime;
        _wrongCase = new UnimplementedEndpoint(runtime, "Method is unimplemented.");
        RpcCallDelegate pipeline = context => InvokeAsync((ServerCall)context);
        for (var i = runtime.Filters.Count - 1; i >= 0; i--)
        {
            var filter = runtime.Filters[i];
            var next = pipeline;
            pipeline = context => filter.InvokeAsync(context, next);
        }

        _pipeline = pipeline;
    }

    public RpcMethod Method { get; }

    protected RpcServerRuntime Runtime { get; }

    /// <summary>The ASP.NET Core request delegate of the endpoint.</summary>
    public Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        if (!string.Equals(request.Path.Value, Method.FullName, StringComparison.Ordinal))
        {
            // Endpoint routing matches literals case-insensitively; gRPC paths are case-sensitive.
            return _wrongCase.HandleAsync(http);
        }

        if (!ContentTypes.TryGetProtocol(request.ContentType, out var protocol)
            || (protocol != RpcProtocol.Grpc && !Runtime.Options.EnableGrpcWeb)
            || !HttpMethods.IsPost(request.Method))
        {
            return NonGrpcResponses.RespondAsync(http, Runtime);
        }

        if (protocol == RpcProtocol.Grpc && !HttpProtocol.IsHttp2(request.Protocol) && !HttpProtocol.IsHttp3(request.Protocol))
        {
            return NonGrpcResponses.UpgradeRequiredAsync(http);
        }

        return RunAsync(http, protocol);
    }

    /// <summary>Reads the request, runs the service method, writes the response: the part that differs per RPC shape.</summary>
    protected abstract ValueTask InvokeAsync(ServerCall call);

    private async Task RunAsync(HttpContext http, RpcProtocol protocol)
    {
        var call = new ServerCall(http, Method, Runtime, protocol);
        if (protocol != RpcProtocol.Grpc)
        {
            Runtime.Cors.ApplyToResponse(http);
        }

        if (call.TryStart())
        {
            try
            {
                await _pipeline(call);
            }
            catch (Exception e)
            {
                call.Fail(e);
            }
        }

        await call.EndAsync();
    }
}
