using Google.Protobuf.Reflection;

namespace CoFundMarket.Rpc.Server;

/// <summary>A proto service with the implementation class that serves it and one binding per RPC.</summary>
internal sealed record BoundService(ServiceDescriptor Descriptor, Type ImplementationType, IReadOnlyList<MethodBinding> Methods);

/// <summary>One RPC bound to its handler method; creates the endpoint's handler once the server's runtime exists.</summary>
internal sealed record MethodBinding(RpcMethod Method, Func<RpcServerRuntime, MethodHandler> CreateHandler);
