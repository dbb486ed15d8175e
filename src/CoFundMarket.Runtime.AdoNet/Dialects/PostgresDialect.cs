using System.Data.Common;
using System.Net.Sockets;
using CoFundMarket.Runtime.AdoNet.Writing;
using CoFundMarket.Runtime.Storage;
using Npgsql;

namespace CoFundMarket.Runtime.AdoNet.Dialects;

/// <summary>
/// PostgreSQL through an <see cref="NpgsqlDataSource"/>: pooled connections, statements batched into
/// one round trip, commits durable with the server's default <c>synchronous_commit=on</c>.
/// </summary>
internal sealed class PostgresDialect : SqlDialect
{
    /// <summary>The advisory lock that serialises schema migrations across processes ("CoFund" in ASCII).</summary>
    private const long SchemaLockKey = 0x436F46756E64;

    private const string AppendEventsSql = """
        INSERT INTO grain_event (position, grain_type, grain_key, sequence, event_type, payload, occurred_at,
                                 actor_id, actor_organisation, actor_role, correlation_id)
        SELECT c.last - @count + e.ordinal, e.grain_type, e.grain_key, e.sequence, e.event_type, e.payload, e.occurred_at,
               e.actor_id, e.actor_organisation, e.actor_role, e.correlation_id
        FROM event_position c
        CROSS JOIN unnest(@grain_types, @grain_keys, @sequences, @event_types, @payloads, @occurred_ats,
                          @actor_ids, @actor_organisations, @actor_roles, @correlation_ids)
            WITH ORDINALITY AS e(grain_type, grain_key, sequence, event_type, payload, occurred_at,
                                 actor_id, actor_organisation, actor_role, correlation_id, ordinal)
        WHERE c.id = 1
        """;

    private readonly NpgsqlDataSource _dataSource;

    public PostgresDialect(string connectionString, AdoNetStorageOptions options)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        Target = $"{builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}";
        WriterCount = options.PostgresWriterCount;
        if (builder.MaxAutoPrepare == 0)
        {
            // The same few statements run all day: let Npgsql prepare them on the server once per connection.
            builder.MaxAutoPrepare = 32;
        }

        // Npgsql resets a pooled connection's session (RESET ALL, CLOSE ALL, DISCARD ...) before its next use, and the
        // server parses and runs that on every read a grain activation makes: a tenth of the CPU per pledge. This storage
        // leaves no session state behind (no SET, temporary tables, LISTEN or session locks; its one advisory lock is
        // transaction-scoped), and Npgsql still rolls back a transaction left open, so there is nothing to reset.
        builder.NoResetOnClose = true;
        _dataSource = NpgsqlDataSource.Create(builder);
    }

    public override string EngineName => "PostgreSQL";

    public override string Target { get; }

    public override string ScriptSuffix => "postgres";

    public override int WriterCount { get; }

    public override bool WriterPreparesCommands => false;

    public override string BeginWriteSql => "BEGIN";

    public override string SchemaVersionTableSql => """
        CREATE TABLE IF NOT EXISTS schema_version (
            version     integer     NOT NULL PRIMARY KEY,
            name        text        NOT NULL,
            applied_at  timestamptz NOT NULL
        )
        """;

    public override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    public override Task PrepareSchemaAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Held until the schema transaction ends, so a second process migrating at the same time waits, then finds the work done.</summary>
    public override Task LockSchemaAsync(DbConnection connection, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, [new SqlStatement("SELECT pg_advisory_xact_lock(@key)", returnsRows: true).With("@key", SchemaLockKey)], cancellationToken);

    public override object ToDb(DateTimeOffset time) => StoragePrecision.Truncate(time);

    public override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    public override IEnumerable<SqlStatement> AppendEvents(IReadOnlyList<EventRow> events)
    {
        yield return new SqlStatement(AppendEventsSql)
            .With("@count", (long)events.Count)
            .With("@grain_types", events.Select(e => e.Grain.Type).ToArray())
            .With("@grain_keys", events.Select(e => e.Grain.Key).ToArray())
            .With("@sequences", events.Select(e => e.Sequence).ToArray())
            .With("@event_types", events.Select(e => e.Event.Type).ToArray())
            .With("@payloads", events.Select(e => e.Event.Payload).ToArray())
            .With("@occurred_ats", events.Select(e => StoragePrecision.Truncate(e.Event.OccurredAt)).ToArray())
            .With("@actor_ids", events.Select(e => e.Event.Actor.UserId).ToArray())
            .With("@actor_organisations", events.Select(e => e.Event.Actor.OrganisationCode).ToArray())
            .With("@actor_roles", events.Select(e => e.Event.Actor.Role).ToArray())
            .With("@correlation_ids", events.Select(e => e.Event.CorrelationId).ToArray());
    }

    /// <summary>
    /// An Npgsql failure the server did not report (socket, timeout), or the server ending the session
    /// (class 08 connection exceptions, 57P shutdowns).
    /// </summary>
    public override bool IsConnectionFailure(Exception exception) => exception switch
    {
        PostgresException e => e.SqlState.StartsWith("08", StringComparison.Ordinal) || e.SqlState.StartsWith("57P", StringComparison.Ordinal),
        NpgsqlException or IOException or SocketException or TimeoutException => true,
        _ => false,
    };

    /// <summary>Data exceptions (22), integrity violations (23), limits (54), and serialisation or deadlock aborts.</summary>
    public override bool IsWriteSpecificFailure(Exception exception) =>
        exception is PostgresException e
        && (e.SqlState.StartsWith("22", StringComparison.Ordinal)
            || e.SqlState.StartsWith("23", StringComparison.Ordinal)
            || e.SqlState.StartsWith("54", StringComparison.Ordinal)
            || e.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected);

    protected override void ForgetPooledConnections() => _dataSource.Clear();

    public override ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
