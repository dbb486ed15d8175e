using CoFundMarket.Rpc.Server;
using Microsoft.Extensions.DependencyInjection;

namespace CoFundMarket.Rpc.Hosting;

/// <summary>Registers the gRPC layer in DI.</summary>
public static class RpcServiceCollectionExtensions
{
    /// <summary>Adds the gRPC layer (once; later calls configure the same one) and returns a builder to bind services with.</summary>
    public static RpcServerBuilder AddRpc(this IServiceCollection services, Action<RpcServerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        RpcServiceRegistry? registry = null;
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(RpcServiceRegistry) && descriptor.ImplementationInstance is RpcServiceRegistry existing)
            {
                registry = existing;
                break;
            }
        }

        if (registry is null)
        {
            registry = new RpcServiceRegistry();
            services.AddSingleton(registry);
            services.AddOptions<RpcServerOptions>();
            services.AddRouting();
            services.AddLogging();
        }

        if (configure is not null)
        {
            services.Configure(configure);
        }

        return new RpcServerBuilder(services, registry);
    }
}
