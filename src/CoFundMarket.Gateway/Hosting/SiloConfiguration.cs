using CoFundMarket.Runtime.Hosting;

namespace CoFundMarket.Gateway.Hosting;

/// <summary>The silo this process runs, with its settings from the <c>Silo</c> configuration section.</summary>
public static class SiloConfiguration
{
    /// <summary>Registers the silo; grain assemblies are added here as the domain arrives.</summary>
    public static GrainRuntimeBuilder AddCoFundMarketSilo(this IServiceCollection services, IConfiguration configuration) =>
        services.AddGrainRuntime(options => configuration.GetSection("Silo").Bind(options));
}
