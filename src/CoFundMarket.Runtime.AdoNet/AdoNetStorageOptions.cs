namespace CoFundMarket.Runtime.AdoNet;

/// <summary>Tuning for <see cref="AdoNetStorage"/>. The defaults suit a small production node.</summary>
public sealed class AdoNetStorageOptions
{
    /// <summary>The most state writes the group-commit writer puts into one transaction. Default 256.</summary>
    public int MaxBatchSize { get; init; } = 256;

    /// <summary>
    /// How many writer loops (each with its own connection) commit batches side by side on PostgreSQL.
    /// SQLite always has exactly one writer. Default 2.
    /// </summary>
    public int PostgresWriterCount { get; init; } = 2;

    /// <summary>How long a SQLite connection waits for another connection's write lock. Default 30 s.</summary>
    public TimeSpan SqliteBusyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How many pages SQLite's write-ahead log may hold before a commit copies them into the database file
    /// (<c>wal_autocheckpoint</c>; SQLite's own default is 1,000). A checkpoint copies each page once however often
    /// the log holds it, and the pages group commit dirties — the journal index, the state rows of busy grains — are
    /// written again and again, so a longer log means far fewer page copies per commit. The cost is disk space: the log
    /// file keeps the size it grew to (about 4 KB a page, 64 MB at the default) until the database is closed.
    /// Default 16,000.
    /// </summary>
    public int SqliteCheckpointPages { get; init; } = 16_000;

    /// <summary>The clock for <c>updated_at</c> and schema bookkeeping. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBatchSize, 1, nameof(MaxBatchSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(PostgresWriterCount, 1, nameof(PostgresWriterCount));
        ArgumentOutOfRangeException.ThrowIfLessThan(SqliteCheckpointPages, 1, nameof(SqliteCheckpointPages));
        ArgumentOutOfRangeException.ThrowIfLessThan(SqliteBusyTimeout, TimeSpan.Zero, nameof(SqliteBusyTimeout));
        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
    }
}
