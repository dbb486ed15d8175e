using Google.Protobuf;

namespace CoFundMarket.Rpc.Server;

/// <summary>One request, a stream of responses.</summary>
internal sealed class ServerStreamingHandler<TService, TRequest, TResponse>(
    RpcMethod method,
    RpcServerRuntime runtime,
    ServiceActivator<TService> activator,
    Func<TService, TRequest, IServerStreamWriter<TResponse>, ServerCallContext, Task> invoker,
    MessageParser<TRequest> parser) : MethodHandler(method, runtime)
    where TService : class
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    protected override async ValueTask InvokeAsync(ServerCall call)
    {
        var request = await call.ReadSingleMessageAsync(parser);
        await invoker(activator.Get(call.GetHttpContext()), request, new ResponseStreamWriter<TResponse>(call), call);
    }
}
