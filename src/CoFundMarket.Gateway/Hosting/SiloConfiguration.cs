using CoFundMarket.Domain.Projects;
using CoFundMarket.Runtime.Hosting;

namespace CoFundMarket.Gateway.Hosting;

/// <summary>The silo this process runs, serving the domain grains, with settings from the <c>Silo</c> section.</summary>
public static class SiloConfiguration
{
    /// <summary>Registers the silo and the seeding that follows its start.</summary>
    public static GrainRuntimeBuilder AddCoFundMarketSilo(this IServiceCollection services, IConfiguration configuration)
    {
        var builder = services.AddGrainRuntime(options => configuration.GetSection("Silo").Bind(options))
            .AddGrainsFrom(typeof(ProjectGrain).Assembly);
        // Registered after the silo, so it starts once the silo is serving.
        services.AddHostedService<SeedingService>();
        return builder;
    }
}
