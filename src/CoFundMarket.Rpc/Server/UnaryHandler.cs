using Google.Protobuf;

namespace CoFundMarket.Rpc.Server;

/// <summary>One request, one response.</summary>
internal sealed class UnaryHandler<TService, TRequest, TResponse>(
    RpcMethod method,
    RpcServerRuntime runtime,
    ServiceActivator<TService> activator,
    Func<TService, TRequest, ServerCallContext, Task<TResponse>> invoker,
    MessageParser<TRequest> parser) : MethodHandler(method, runtime)
    where TService : class
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    protected override async ValueTask InvokeAsync(ServerCall call)
    {
        var request = await call.ReadSingleMessageAsync(parser);
        var response = await invoker(activator.Get(call.GetHttpContext()), request, call);
        call.WriteSingleMessage(response ?? throw NoResponse());
    }

    internal static RpcException NoResponse() => new(new Status(StatusCode.Internal, "The handler returned no response message."));
}
