using System.Reflection;
using CoFundMarket.Runtime.Grains;
using CoFundMarket.Runtime.Reminders;
using CoFundMarket.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace CoFundMarket.Runtime.Hosting;

/// <summary>Registers a silo in a service collection.</summary>
public static class RuntimeServiceCollectionExtensions
{
    /// <summary>
    /// Adds the silo (as <see cref="Silo"/>, <see cref="IGrainFactory"/> and a hosted service).
    /// Storage defaults to memory; register an <see cref="IGrainStorage"/> and <see cref="IReminderStore"/> for durability.
    /// </summary>
    public static GrainRuntimeBuilder AddGrainRuntime(this IServiceCollection services, Action<SiloOptions>? configure = null)
    {
        services.AddOptions<SiloOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IGrainStorage>(sp => new InMemoryGrainStorage(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IReminderStore, InMemoryReminderStore>();
        var assemblies = new GrainAssemblies();
        services.AddSingleton(assemblies);
        services.AddSingleton<Silo>();
        services.AddSingleton<IGrainFactory>(sp => sp.GetRequiredService<Silo>());
        services.AddHostedService<SiloHostedService>();
        return new GrainRuntimeBuilder(services, assemblies);
    }

    private sealed class SiloHostedService(Silo silo) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => silo.StartAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => silo.StopAsync(cancellationToken);
    }
}

/// <summary>Adds grains and call filters to a silo being configured.</summary>
public sealed class GrainRuntimeBuilder(IServiceCollection services, GrainAssemblies assemblies)
{
    /// <summary>The service collection being configured.</summary>
    public IServiceCollection Services { get; } = services;

    /// <summary>Serves the grain classes and interfaces defined in <paramref name="assembly"/>.</summary>
    public GrainRuntimeBuilder AddGrainsFrom(Assembly assembly)
    {
        assemblies.Assemblies.Add(assembly);
        return this;
    }

    /// <summary>Adds a silo-wide incoming call filter; filters run in the order they were added.</summary>
    public GrainRuntimeBuilder AddIncomingCallFilter<TFilter>() where TFilter : class, Calls.IIncomingGrainCallFilter
    {
        Services.AddSingleton<Calls.IIncomingGrainCallFilter, TFilter>();
        return this;
    }
}
