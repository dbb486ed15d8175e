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

    /// <summary>The clock for <c>updated_at</c> and schema bookkeeping. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBatchSize, 1, nameof(MaxBatchSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(PostgresWriterCount, 1, nameof(PostgresWriterCount));
        ArgumentOutOfRangeException.ThrowIfLessThan(SqliteBusyTimeout, TimeSpan.Zero, nameof(SqliteBusyTimeout));
        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
    }
}
