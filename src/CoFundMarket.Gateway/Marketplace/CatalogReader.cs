using CoFundMarket.Domain.Marketplace;
using CoFundMarket.Runtime.Hosting;

namespace CoFundMarket.Gateway.Marketplace;

/// <summary>
/// Hands the catalog to list RPCs after letting it catch up, briefly, with every event this silo has committed: a
/// client that lists right after its own change sees it (read-your-writes on one node), while lists stay eventually
/// consistent across nodes. It waits at most <see cref="CatchUpLimit"/>, then answers with what the catalog has.
/// </summary>
public sealed class CatalogReader(MarketplaceCatalog catalog, Silo silo)
{
    /// <summary>The longest a list waits for the catalog.</summary>
    public static readonly TimeSpan CatchUpLimit = TimeSpan.FromSeconds(2);

    /// <summary>The catalog without waiting (for watchers that follow it themselves).</summary>
    public MarketplaceCatalog Catalog => catalog;

    /// <summary>The catalog, caught up with this silo's commits as of now (or after <see cref="CatchUpLimit"/>).</summary>
    public async ValueTask<MarketplaceCatalog> CurrentAsync(CancellationToken cancellationToken)
    {
        var target = silo.EventFeed.LastKnownPosition;
        if (catalog.Position >= target)
        {
            return catalog;
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(CatchUpLimit);
        try
        {
            while (true)
            {
                // Take the signal before checking, so an advance between the two is not slept through.
                var advanced = catalog.Advanced;
                if (catalog.Position >= target)
                {
                    break;
                }

                await advanced.WaitAsync(limit.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Behind for longer than the limit (a slow or failing feed): answer with what the catalog has.
        }

        return catalog;
    }
}
