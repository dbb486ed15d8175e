using Microsoft.Extensions.Hosting;

namespace CoFundMarket.Runtime.AdoNet;

/// <summary>Migrates the schema when the host starts, so a bad database fails the start rather than the first call.</summary>
internal sealed class AdoNetStorageInitializer(AdoNetStorage storage) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => storage.InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
