using CoFundMarket.Rpc.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ProtoServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace CoFundMarket.Rpc.Hosting;

/// <summary>Adds services and filters to the gRPC layer; returned by <see cref="RpcServiceCollectionExtensions.AddRpc"/>.</summary>
public sealed class RpcServerBuilder
{
    private readonly RpcServiceRegistry _registry;

    internal RpcServerBuilder(IServiceCollection services, RpcServiceRegistry registry)
    {
        Services = services;
        _registry = registry;
    }

    /// <summary>The application's service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// Binds <typeparamref name="TService"/> to a proto service: each RPC of <paramref name="descriptor"/> to the
    /// public instance method of the same name whose signature fits the RPC's shape and message types
    /// (unary <c>Task&lt;TRes&gt; M(TReq, ServerCallContext)</c>, server streaming
    /// <c>Task M(TReq, IServerStreamWriter&lt;TRes&gt;, ServerCallContext)</c>, client streaming
    /// <c>Task&lt;TRes&gt; M(IAsyncStreamReader&lt;TReq&gt;, ServerCallContext)</c>, bidirectional
    /// <c>Task M(IAsyncStreamReader&lt;TReq&gt;, IServerStreamWriter&lt;TRes&gt;, ServerCallContext)</c>).
    /// Throws <see cref="RpcBindingException"/> at once when an RPC has no fitting handler. The implementation is
    /// registered in DI with <paramref name="lifetime"/> (unless already registered) and resolved per call from the
    /// request's scope; with <see cref="ServiceLifetime.Singleton"/> one instance serves every call. An existing
    /// registration of <typeparamref name="TService"/> must have the same lifetime.
    /// </summary>
    public RpcServerBuilder AddService<TService>(ProtoServiceDescriptor descriptor, ServiceLifetime lifetime = ServiceLifetime.Scoped)
        where TService : class
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        foreach (var registration in Services)
        {
            if (registration.ServiceType == typeof(TService) && registration.Lifetime != lifetime)
            {
                throw new InvalidOperationException($"{typeof(TService).Name} is registered as {registration.Lifetime} but bound as {lifetime}; use one lifetime.");
            }
        }

        _registry.Add(ServiceBinder.Bind<TService>(descriptor, lifetime));
        Services.TryAdd(new ServiceDescriptor(typeof(TService), typeof(TService), lifetime));
        return this;
    }

    /// <summary>Adds a filter around every call; filters run in the order added and are singletons from DI.</summary>
    public RpcServerBuilder AddFilter<TFilter>()
        where TFilter : class, IRpcFilter
    {
        Services.TryAddSingleton<TFilter>();
        _registry.FilterTypes.Add(typeof(TFilter));
        return this;
    }
}
