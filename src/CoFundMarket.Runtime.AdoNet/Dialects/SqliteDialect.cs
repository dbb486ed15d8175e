using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using CoFundMarket.Runtime.AdoNet.Writing;
using CoFundMarket.Runtime.Storage;
using Microsoft.Data.Sqlite;

namespace CoFundMarket.Runtime.AdoNet.Dialects;

/// <summary>
/// SQLite: one file in WAL mode with <c>synchronous=FULL</c> (a commit is on disk before it returns),
/// one writer, readers alongside. Times are fixed-width UTC text, so text order is time order.
/// </summary>
internal sealed class SqliteDialect : SqlDialect
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    private const string AppendEventSql = """
        INSERT INTO grain_event (position, grain_type, grain_key, sequence, event_type, payload, occurred_at,
                                 actor_id, actor_organisation, actor_role, correlation_id)
        SELECT last - @count + @ordinal, @grain_type, @grain_key, @sequence, @event_type, @payload, @occurred_at,
               @actor_id, @actor_organisation, @actor_role, @correlation_id
        FROM event_position WHERE id = 1
        """;

    private readonly string _connectionString;
    private const int MaxIdleReaders = 16;

    private readonly string _connectionPragmas;

    // Native handles (pooled by Microsoft.Data.Sqlite across opens) that already run with the pragmas:
    // setting them on every open cost a statement compile and run per read.
    private readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> _configuredHandles = [];

    // Readers keep their connections open with their statements prepared: activating a grain is one
    // indexed read, and opening a connection and compiling the query cost more than running it.
    private readonly ConcurrentBag<(DbConnection Connection, PreparedCommands Commands)> _idleReaders = [];
    private readonly ConditionalWeakTable<DbConnection, PreparedCommands> _readerCommands = [];
    private readonly string _path;
    private volatile bool _directoryExists;

    public SqliteDialect(string pathOrConnectionString, AdoNetStorageOptions options)
    {
        var builder = pathOrConnectionString.Contains('=', StringComparison.Ordinal)
            ? new SqliteConnectionStringBuilder(pathOrConnectionString)
            : new SqliteConnectionStringBuilder { DataSource = pathOrConnectionString };
        if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:")
        {
            throw new ArgumentException("SQLite grain storage needs a database file; an in-memory database is neither durable nor shared between connections.", nameof(pathOrConnectionString));
        }

        _path = Path.GetFullPath(builder.DataSource);
        builder.DataSource = _path;
        builder.Pooling = true;
        builder.DefaultTimeout = Math.Max(builder.DefaultTimeout, (int)Math.Ceiling(options.SqliteBusyTimeout.TotalSeconds) + 5);
        _connectionString = builder.ToString();
        _connectionPragmas = FormattableString.Invariant(
            $"PRAGMA synchronous = FULL; PRAGMA wal_autocheckpoint = {options.SqliteCheckpointPages}; PRAGMA busy_timeout = {(long)options.SqliteBusyTimeout.TotalMilliseconds};");
    }

    public override string EngineName => "SQLite";

    public override string Target => _path;

    public override string ScriptSuffix => "sqlite";

    public override int WriterCount => 1;

    public override bool WriterPreparesCommands => true;

    public override string BeginWriteSql => "BEGIN IMMEDIATE";

    public override string SchemaVersionTableSql => """
        CREATE TABLE IF NOT EXISTS schema_version (
            version     INTEGER NOT NULL PRIMARY KEY,
            name        TEXT    NOT NULL,
            applied_at  TEXT    NOT NULL
        ) STRICT
        """;

    public override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        if (!_directoryExists)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
            _directoryExists = true;
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);

            // synchronous is per connection: FULL syncs the WAL on every commit, so an acknowledged write survives power loss.
            // So is wal_autocheckpoint, which only the writer's commits act on (see AdoNetStorageOptions.SqliteCheckpointPages).
            if (!_configuredHandles.TryGetValue(connection.Handle!, out _))
            {
                await using var command = CreateCommand(connection, new SqlStatement(_connectionPragmas));
                await command.ExecuteNonQueryAsync(cancellationToken);
                _configuredHandles.AddOrUpdate(connection.Handle!, this);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public override async Task PrepareSchemaAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var mode = (await ExecuteAsync(connection, [new SqlStatement("PRAGMA journal_mode = WAL", returnsRows: true)], cancellationToken))[0].FirstValue as string;
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"SQLite could not switch '{_path}' to WAL journal mode (it reports '{mode}').");
        }
    }

    /// <summary>Nothing to do: <see cref="BeginWriteSql"/> already holds the database's only write lock.</summary>
    public override Task LockSchemaAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    public override object ToDb(DateTimeOffset time) => StoragePrecision.Truncate(time).ToString(TimeFormat, CultureInfo.InvariantCulture);

    public override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) =>
        DateTimeOffset.ParseExact(reader.GetString(ordinal), TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public override IEnumerable<SqlStatement> AppendEvents(IReadOnlyList<EventRow> events) =>
        events.Select(row => new SqlStatement(AppendEventSql)
            .With("@count", (long)events.Count)
            .With("@ordinal", (long)row.Ordinal)
            .With("@grain_type", row.Grain.Type)
            .With("@grain_key", row.Grain.Key)
            .With("@sequence", row.Sequence)
            .With("@event_type", row.Event.Type)
            .With("@payload", row.Event.Payload)
            .With("@occurred_at", ToDb(row.Event.OccurredAt))
            .With("@actor_id", row.Event.Actor.UserId)
            .With("@actor_organisation", row.Event.Actor.OrganisationCode)
            .With("@actor_role", row.Event.Actor.Role)
            .With("@correlation_id", row.Event.CorrelationId));

    /// <summary>SQLite has no connection to lose; an I/O error is the nearest thing.</summary>
    public override bool IsConnectionFailure(Exception exception) =>
        exception is IOException or SqliteException { SqliteErrorCode: SQLitePCL.raw.SQLITE_IOERR };

    public override bool IsWriteSpecificFailure(Exception exception) =>
        exception is SqliteException
        {
            SqliteErrorCode: SQLitePCL.raw.SQLITE_CONSTRAINT or SQLitePCL.raw.SQLITE_TOOBIG or SQLitePCL.raw.SQLITE_MISMATCH or SQLitePCL.raw.SQLITE_RANGE,
        };

    protected override async ValueTask<DbConnection> RentConnectionAsync(CancellationToken cancellationToken)
    {
        if (_idleReaders.TryTake(out var idle))
        {
            return idle.Connection;
        }

        var connection = await OpenConnectionAsync(cancellationToken);
        _readerCommands.Add(connection, new PreparedCommands(connection));
        return connection;
    }

    protected override async ValueTask ReturnConnectionAsync(DbConnection connection, bool healthy)
    {
        var commands = _readerCommands.TryGetValue(connection, out var c) ? c : null;
        if (healthy && commands is not null && connection is SqliteConnection { Handle: { } handle } && SQLitePCL.raw.sqlite3_get_autocommit(handle) != 0
            && _idleReaders.Count < MaxIdleReaders)
        {
            _idleReaders.Add((connection, commands));
            return;
        }

        if (commands is not null)
        {
            _readerCommands.Remove(connection);
            await commands.DisposeAsync();
        }

        await connection.DisposeAsync();
    }

    protected override PreparedCommands? PreparedOn(DbConnection connection) => _readerCommands.TryGetValue(connection, out var commands) ? commands : null;

    protected override void ForgetPooledConnections()
    {
        while (_idleReaders.TryTake(out var idle))
        {
            _readerCommands.Remove(idle.Connection);
            idle.Commands.DisposeAsync().AsTask().GetAwaiter().GetResult();
            idle.Connection.Dispose();
        }

        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    /// <summary>
    /// Rolls back only when a transaction is really open: a pooled SQLite connection handed back in
    /// the middle of a transaction would make the next user's statements part of it.
    /// </summary>
    public override async Task RollbackQuietlyAsync(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle } || SQLitePCL.raw.sqlite3_get_autocommit(handle) != 0)
        {
            return;
        }

        await base.RollbackQuietlyAsync(connection);
        if (SQLitePCL.raw.sqlite3_get_autocommit(handle) == 0)
        {
            ForgetPooledConnections();
        }
    }

    public override ValueTask DisposeAsync()
    {
        ForgetPooledConnections();
        return ValueTask.CompletedTask;
    }
}
