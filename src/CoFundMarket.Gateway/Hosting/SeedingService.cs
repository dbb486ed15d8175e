using CoFundMarket.Domain.Seeding;
using CoFundMarket.Runtime.Grains;

namespace CoFundMarket.Gateway.Hosting;

/// <summary>
/// At start: registers the NHS England organisations (idempotent, any storage) and, on the embedded
/// default (SQLite) unless <c>Seed:Demo</c> is false, the demo projects once.
/// </summary>
public sealed class SeedingService(IGrainFactory grains, TimeProvider timeProvider, IConfiguration configuration, ILogger<SeedingService> logger) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var embedded = (configuration["Storage:Provider"] ?? "Sqlite").Equals("Sqlite", StringComparison.OrdinalIgnoreCase);
        var demo = configuration.GetValue("Seed:Demo", defaultValue: embedded);
        var count = await new MarketplaceSeeder(grains, timeProvider).SeedAsync(demo, cancellationToken);
        logger.LogInformation("Seeded {Count} NHS England organisations{Demo}. {Attribution}", count, demo ? " and the demo projects" : "", NhsEnglandOrganisations.Attribution);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
