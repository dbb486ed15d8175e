using CoFundMarket.Runtime.AdoNet.Dialects;
using CoFundMarket.Runtime.AdoNet.Reading;
using CoFundMarket.Runtime.AdoNet.Reminders;
using CoFundMarket.Runtime.AdoNet.Schema;
using CoFundMarket.Runtime.AdoNet.Writing;
using CoFundMarket.Runtime.Identity;
using CoFundMarket.Runtime.Reminders;
using CoFundMarket.Runtime.Storage;

namespace CoFundMarket.Runtime.AdoNet;

/// <summary>
/// Grain state, journal, event feed and reminders in one SQLite file or one PostgreSQL database.
/// Writes go through group commit: concurrent writes share a transaction, each keeps its own
/// version check and result, and no write completes before its transaction has committed durably.
/// </summary>
public sealed class AdoNetStorage : IGrainStorage, IReminderStore, IAsyncDisposable
{
    /// <summary>The name of the <see cref="System.Diagnostics.Metrics.Meter"/> this storage reports group-commit metrics on.</summary>
    public const string MeterName = "CoFundMarket.Runtime.AdoNet";

    private readonly SqlDialect _dialect;
    private readonly SchemaMigrator _migrator;
    private readonly GroupCommitWriter _writer;
    private readonly StateReader _reader;
    private readonly ReminderTable _reminders;
    private readonly Lock _initializationLock = new();
    private Task? _initialization;
    private int _disposed;

    private AdoNetStorage(AdoNetEngine engine, SqlDialect dialect, AdoNetStorageOptions options)
    {
        Engine = engine;
        _dialect = dialect;
        _migrator = new SchemaMigrator(dialect, options.TimeProvider);
        _reader = new StateReader(dialect);
        _reminders = new ReminderTable(dialect);
        _writer = new GroupCommitWriter(
            new BatchCommitter(dialect, options.TimeProvider),
            () => new WriterConnection(dialect, options.TimeProvider),
            dialect.WriterCount,
            options.MaxBatchSize);
    }

    /// <summary>The engine behind this storage.</summary>
    public AdoNetEngine Engine { get; }

    /// <summary>Where the data lives, for logs and metrics: the SQLite file path, or PostgreSQL <c>host:port/database</c> (never a password).</summary>
    public string Location => _dialect.Target;

    /// <summary>
    /// Creates the storage without touching the database; the schema is migrated by
    /// <see cref="InitializeAsync"/> or, failing that, by the first operation.
    /// </summary>
    /// <param name="engine">SQLite or PostgreSQL.</param>
    /// <param name="connectionString">For SQLite a file path or a connection string; for PostgreSQL an Npgsql connection string.</param>
    /// <param name="options">Tuning; null for the defaults.</param>
    public static AdoNetStorage Create(AdoNetEngine engine, string connectionString, AdoNetStorageOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        options ??= new AdoNetStorageOptions();
        options.Validate();
        SqlDialect dialect = engine switch
        {
            AdoNetEngine.Sqlite => new SqliteDialect(connectionString, options),
            AdoNetEngine.Postgres => new PostgresDialect(connectionString, options),
            _ => throw new ArgumentOutOfRangeException(nameof(engine), engine, "Unknown storage engine."),
        };
        return new AdoNetStorage(engine, dialect, options);
    }

    /// <summary>Opens (creating if needed) a SQLite database file and migrates its schema.</summary>
    /// <param name="pathOrConnectionString">A file path, or a Microsoft.Data.Sqlite connection string (anything containing '=').</param>
    /// <param name="options">Tuning; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the migration.</param>
    /// <exception cref="GrainStorageException">The file cannot be opened, is not a database, or cannot be migrated.</exception>
    public static Task<AdoNetStorage> CreateSqliteAsync(string pathOrConnectionString, AdoNetStorageOptions? options = null, CancellationToken cancellationToken = default) =>
        CreateInitializedAsync(AdoNetEngine.Sqlite, pathOrConnectionString, options, cancellationToken);

    /// <summary>Connects to a PostgreSQL database and migrates its schema.</summary>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="options">Tuning; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the migration.</param>
    /// <exception cref="GrainStorageException">The server cannot be reached or the schema cannot be migrated.</exception>
    public static Task<AdoNetStorage> CreatePostgresAsync(string connectionString, AdoNetStorageOptions? options = null, CancellationToken cancellationToken = default) =>
        CreateInitializedAsync(AdoNetEngine.Postgres, connectionString, options, cancellationToken);

    /// <summary>
    /// Migrates the schema if that has not happened yet. Safe to call any number of times and from
    /// several processes at once; after a failure the next call tries again.
    /// </summary>
    /// <exception cref="GrainStorageException">The database cannot be reached or migrated.</exception>
    public Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var initialization = _initialization;
        if (initialization is not { IsCompletedSuccessfully: true })
        {
            lock (_initializationLock)
            {
                if (_initialization is null or { IsFaulted: true } or { IsCanceled: true })
                {
                    _initialization = _migrator.MigrateAsync(CancellationToken.None);
                }

                initialization = _initialization;
            }
        }

        return initialization.IsCompletedSuccessfully ? initialization : initialization.WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<StoredState?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken = default)
    {
        ValidateKey(key);
        await InitializeAsync(cancellationToken);
        return await _reader.ReadStateAsync(key, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<StateWriteResult> WriteAsync(StateWrite write, CancellationToken cancellationToken = default)
    {
        ValidateWrite(write);
        cancellationToken.ThrowIfCancellationRequested();
        await InitializeAsync(cancellationToken);
        return await _writer.WriteAsync(write, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredEvent>> ReadJournalAsync(GrainId grain, long afterSequence, CancellationToken cancellationToken = default)
    {
        ValidateGrain(grain);
        await InitializeAsync(cancellationToken);
        return await _reader.ReadJournalAsync(grain, afterSequence, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredEvent>> ReadFeedAsync(long afterPosition, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await InitializeAsync(cancellationToken);
        return await _reader.ReadFeedAsync(afterPosition, limit, cancellationToken);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<(GrainStateKey Key, StoredState State)> ScanAsync(string grainType, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(grainType);
        await InitializeAsync(cancellationToken);
        await foreach (var row in _reader.ScanAsync(grainType, cancellationToken))
        {
            yield return row;
        }
    }

    /// <inheritdoc />
    public async Task<ReminderEntry> UpsertAsync(GrainId grain, string name, DateTimeOffset dueAt, TimeSpan period, CancellationToken cancellationToken = default)
    {
        ValidateReminder(grain, name);
        ArgumentOutOfRangeException.ThrowIfLessThan(period, TimeSpan.Zero);
        await InitializeAsync(cancellationToken);
        return await _writer.ChangeReminderAsync(_reminders.Upsert(grain, name, dueAt, period, cancellationToken));
    }

    /// <inheritdoc />
    public async Task<bool> RemoveAsync(GrainId grain, string name, CancellationToken cancellationToken = default)
    {
        ValidateReminder(grain, name);
        await InitializeAsync(cancellationToken);
        return await _writer.ChangeReminderAsync(ReminderTable.Remove(grain, name, cancellationToken));
    }

    /// <inheritdoc />
    async Task<IReadOnlyList<ReminderEntry>> IReminderStore.ReadAsync(GrainId grain, CancellationToken cancellationToken)
    {
        ValidateGrain(grain);
        await InitializeAsync(cancellationToken);
        return await _reminders.ReadAsync(grain, cancellationToken);
    }

    /// <summary>One grain's reminders (the same as <see cref="IReminderStore.ReadAsync"/>).</summary>
    public Task<IReadOnlyList<ReminderEntry>> ReadRemindersAsync(GrainId grain, CancellationToken cancellationToken = default) =>
        ((IReminderStore)this).ReadAsync(grain, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<ReminderEntry>> ReadDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await InitializeAsync(cancellationToken);
        return await _reminders.ReadDueAsync(now, limit, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken);
        return await _reminders.NextDueAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<ReminderEntry?> TryLeaseAsync(ReminderEntry entry, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ValidateReminder(entry.Grain, entry.Name);
        await InitializeAsync(cancellationToken);
        return await _reminders.TryLeaseAsync(entry, leaseUntil, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> CompleteTickAsync(ReminderEntry leased, DateTimeOffset nextDueAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(leased);
        ValidateReminder(leased.Grain, leased.Name);
        await InitializeAsync(cancellationToken);
        return await _reminders.CompleteTickAsync(leased, nextDueAt, cancellationToken);
    }

    /// <summary>Takes no more writes, commits every write already queued, then closes the connections.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _writer.DisposeAsync();
        await _dialect.DisposeAsync();
    }

    private static async Task<AdoNetStorage> CreateInitializedAsync(AdoNetEngine engine, string connectionString, AdoNetStorageOptions? options, CancellationToken cancellationToken)
    {
        var storage = Create(engine, connectionString, options);
        try
        {
            await storage.InitializeAsync(cancellationToken);
            return storage;
        }
        catch
        {
            await storage.DisposeAsync();
            throw;
        }
    }

    private static void ValidateGrain(GrainId grain)
    {
        if (string.IsNullOrEmpty(grain.Type) || grain.Key is null)
        {
            throw new ArgumentException($"A grain id needs a type and a key; got '{grain}'.", nameof(grain));
        }
    }

    private static void ValidateKey(GrainStateKey key)
    {
        ValidateGrain(key.Grain);
        if (string.IsNullOrEmpty(key.StateName))
        {
            throw new ArgumentException($"A state key needs a state name; got '{key}'.", nameof(key));
        }
    }

    private static void ValidateReminder(GrainId grain, string name)
    {
        ValidateGrain(grain);
        ArgumentException.ThrowIfNullOrEmpty(name);
    }

    private static void ValidateWrite(StateWrite write)
    {
        ArgumentNullException.ThrowIfNull(write);
        ValidateKey(write.Key);
        ArgumentOutOfRangeException.ThrowIfNegative(write.ExpectedVersion, nameof(write));
        if (write.Events is null || write.Events.Any(e => e is null || e.Type is null || e.Payload is null || e.Actor is null))
        {
            throw new ArgumentException($"Every event written to {write.Key} needs a type, a payload and an actor.", nameof(write));
        }

        write.EnsureWellFormed();
    }
}
