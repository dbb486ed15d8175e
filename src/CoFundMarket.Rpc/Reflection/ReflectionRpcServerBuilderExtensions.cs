using CoFundMarket.Rpc.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CoFundMarket.Rpc.Reflection;

/// <summary>Adds gRPC server reflection.</summary>
public static class ReflectionRpcServerBuilderExtensions
{
    /// <summary>
    /// Serves <c>grpc.reflection.v1</c> and <c>grpc.reflection.v1alpha</c> over every bound service, so that grpcurl and
    /// buf curl can list and call them without local protos. Reflection exposes the API's shape: map it on public
    /// endpoints only when that is intended (a filter can restrict it).
    /// </summary>
    public static RpcServerBuilder AddReflectionService(this RpcServerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<ReflectionResponder>();
        return builder
            .AddService<ReflectionServiceV1>(V1.ReflectionReflection.Descriptor.Services[0], ServiceLifetime.Singleton)
            .AddService<ReflectionServiceV1Alpha>(V1Alpha.ReflectionReflection.Descriptor.Services[0], ServiceLifetime.Singleton);
    }
}
