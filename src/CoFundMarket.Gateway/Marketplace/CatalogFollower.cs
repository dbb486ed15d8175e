using CoFundMarket.Domain.Marketplace;
using CoFundMarket.Runtime.Hosting;

namespace CoFundMarket.Gateway.Marketplace;

/// <summary>
/// Keeps the <see cref="MarketplaceCatalog"/> current: follows the event feed from position 0 (so the catalog is
/// rebuilt from the events at every start) and folds each committed event in. A failure (storage down) is logged and
/// the follower resumes from the catalog's position a second later, so no event is skipped or applied twice.
/// </summary>
public sealed class CatalogFollower(MarketplaceCatalog catalog, Silo silo, ILogger<CatalogFollower> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new Runtime.Storage.StoredEvent[1];
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var stored in silo.EventFeed.WatchAsync(catalog.Position, stoppingToken))
                {
                    batch[0] = stored;
                    await catalog.ApplyAsync(batch, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "The marketplace catalog stopped following the event feed at position {Position}; retrying", catalog.Position);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), silo.TimeProvider, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
