using Google.Protobuf;

namespace CoFundMarket.Rpc.Server;

/// <summary>A stream of requests and a stream of responses.</summary>
internal sealed class DuplexStreamingHandler<TService, TRequest, TResponse>(
    RpcMethod method,
    RpcServerRuntime runtime,
    ServiceActivator<TService> activator,
    Func<TService, IAsyncStreamReader<TRequest>, IServerStreamWriter<TResponse>, ServerCallContext, Task> invoker,
    MessageParser<TRequest> parser) : MethodHandler(method, runtime)
    where TService : class
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    protected override async ValueTask InvokeAsync(ServerCall call) =>
        await invoker(activator.Get(call.GetHttpContext()), new RequestStreamReader<TRequest>(call, parser), new ResponseStreamWriter<TResponse>(call), call);
}
