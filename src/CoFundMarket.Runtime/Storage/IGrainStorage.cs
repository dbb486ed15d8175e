namespace CoFundMarket.Runtime.Storage;

/// <summary>
/// Durable grain state, journal and event feed. Implementations must make a write durable before
/// its task completes (acknowledged = committed), check the version of every write, and may group
/// concurrent writes into one transaction as long as each write gets its own result.
/// </summary>
public interface IGrainStorage
{
    /// <summary>Reads one state row, or null when none was ever written.</summary>
    Task<StoredState?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes one state (and its events) if the stored version still equals the expected one.
    /// </summary>
    /// <exception cref="Persistence.InconsistentStateException">The stored version differs; nothing was written.</exception>
    /// <exception cref="GrainStorageException">Storage failed; the write may or may not have happened.</exception>
    Task<StateWriteResult> WriteAsync(StateWrite write, CancellationToken cancellationToken = default);

    /// <summary>Reads a grain's journal in sequence order, starting after <paramref name="afterSequence"/>.</summary>
    Task<IReadOnlyList<StoredEvent>> ReadJournalAsync(Identity.GrainId grain, long afterSequence, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads the global event feed after <paramref name="afterPosition"/> in position order, at most
    /// <paramref name="limit"/> events. A reader that resumes from the last position it saw never
    /// misses an event, including one whose transaction commits late.
    /// </summary>
    Task<IReadOnlyList<StoredEvent>> ReadFeedAsync(long afterPosition, int limit, CancellationToken cancellationToken = default);

    /// <summary>Every state row of one grain type (for checkers and exports), in key order.</summary>
    IAsyncEnumerable<(GrainStateKey Key, StoredState State)> ScanAsync(string grainType, CancellationToken cancellationToken = default);
}
