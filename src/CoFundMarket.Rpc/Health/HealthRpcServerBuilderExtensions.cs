using CoFundMarket.Rpc.Health.V1;
using CoFundMarket.Rpc.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CoFundMarket.Rpc.Health;

/// <summary>Adds <c>grpc.health.v1.Health</c>.</summary>
public static class HealthRpcServerBuilderExtensions
{
    /// <summary>Serves <c>grpc.health.v1.Health</c> (Check, List, Watch); inject <see cref="HealthStatusRegistry"/> to change statuses.</summary>
    public static RpcServerBuilder AddHealthService(this RpcServerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<HealthStatusRegistry>();
        return builder.AddService<HealthService>(HealthReflection.Descriptor.Services[0], ServiceLifetime.Singleton);
    }
}
