using CoFundMarket.Runtime.Storage;

namespace CoFundMarket.Runtime.AdoNet.Reading;

/// <summary>What <see cref="RecentEvents"/> can serve of one feed read.</summary>
/// <param name="Events">Consecutive events right after the position asked for, in position order; maybe none.</param>
/// <param name="IsComplete">
/// True when <paramref name="Events"/> alone answers the read: it is not empty, and it either fills the
/// limit or reaches the newest position this storage instance committed. False when the database has
/// to be read for what follows it.
/// </param>
internal readonly record struct RecentRun(IReadOnlyList<StoredEvent> Events, bool IsComplete)
{
    /// <summary>The ring does not hold the next position: everything comes from the database.</summary>
    public static RecentRun None { get; } = new([], false);
}
