using Google.Protobuf;

namespace CoFundMarket.Rpc.Server;

/// <summary>A stream of requests, one response.</summary>
internal sealed class ClientStreamingHandler<TService, TRequest, TResponse>(
    RpcMethod method,
    RpcServerRuntime runtime,
    ServiceActivator<TService> activator,
    Func<TService, IAsyncStreamReader<TRequest>, ServerCallContext, Task<TResponse>> invoker,
    MessageParser<TRequest> parser) : MethodHandler(method, runtime)
    where TService : class
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    protected override async ValueTask InvokeAsync(ServerCall call)
    {
        var response = await invoker(activator.Get(call.GetHttpContext()), new RequestStreamReader<TRequest>(call, parser), call);
        call.WriteSingleMessage(response ?? throw UnaryHandler<TService, TRequest, TResponse>.NoResponse());
    }
}
