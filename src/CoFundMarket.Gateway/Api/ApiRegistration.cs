using CoFundMarket.Domain.Marketplace;
using CoFundMarket.Gateway.Errors;
using CoFundMarket.Gateway.Identity;
using CoFundMarket.Gateway.Marketplace;
using CoFundMarket.Gateway.Organisations;
using CoFundMarket.Gateway.Pledges;
using CoFundMarket.Gateway.Projects;
using CoFundMarket.Rpc.Health;
using CoFundMarket.Rpc.Hosting;
using CoFundMarket.Rpc.Reflection;
using CoFundMarket.Runtime.Hosting;
using CoFundMarket.Runtime.Storage;
using V1 = CoFundMarket.Api.V1;

namespace CoFundMarket.Gateway.Api;

/// <summary>The cofund.v1 services on the gRPC layer, with their filters, health, reflection and the catalog behind lists.</summary>
public static class ApiRegistration
{
    /// <summary>
    /// Binds the four services (singletons: they hold no per-call state), the error and authentication filters (in
    /// that order, so authentication failures are logged too), health, and reflection when <c>Rpc:Reflection</c> is true
    /// (default: in Development only).
    /// </summary>
    public static IServiceCollection AddCofundApi(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddSingleton(provider => new MarketplaceCatalog(provider.GetRequiredService<IGrainStorage>(), provider.GetRequiredService<Silo>().JsonOptions));
        services.AddSingleton<CatalogReader>();
        services.AddHostedService<CatalogFollower>();
        var rpc = services.AddRpc()
            .AddService<OrganisationApi>(V1.OrganisationServiceReflection.Descriptor.Services[0], ServiceLifetime.Singleton)
            .AddService<ProjectApi>(V1.ProjectServiceReflection.Descriptor.Services[0], ServiceLifetime.Singleton)
            .AddService<PledgeApi>(V1.PledgeServiceReflection.Descriptor.Services[0], ServiceLifetime.Singleton)
            .AddService<MarketplaceApi>(V1.MarketplaceServiceReflection.Descriptor.Services[0], ServiceLifetime.Singleton)
            .AddFilter<ErrorFilter>()
            .AddFilter<AuthenticationFilter>()
            .AddHealthService();
        if (configuration.GetValue("Rpc:Reflection", environment.IsDevelopment()))
        {
            rpc.AddReflectionService();
        }

        return services;
    }
}
