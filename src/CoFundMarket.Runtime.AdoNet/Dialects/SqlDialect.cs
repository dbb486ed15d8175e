using System.Data.Common;
using CoFundMarket.Runtime.AdoNet.Writing;
using CoFundMarket.Runtime.Persistence;
using CoFundMarket.Runtime.Storage;

namespace CoFundMarket.Runtime.AdoNet.Dialects;

/// <summary>
/// What differs between SQLite and PostgreSQL (connections, time columns, appending events, which
/// failures mean what), and the plain ADO.NET both share: running statements and turning provider
/// exceptions into <see cref="GrainStorageException"/>.
/// </summary>
internal abstract class SqlDialect : IAsyncDisposable
{
    private long _connectionFailures;

    /// <summary>The engine's name for messages.</summary>
    public abstract string EngineName { get; }

    /// <summary>Where the data lives, for messages; never holds a password.</summary>
    public abstract string Target { get; }

    /// <summary>The middle part of this engine's schema script names (<c>001-initial.&lt;suffix&gt;.sql</c>).</summary>
    public abstract string ScriptSuffix { get; }

    /// <summary>How many group-commit writer loops may run side by side.</summary>
    public abstract int WriterCount { get; }

    /// <summary>True when the writer should keep its commands prepared (SQLite, which has no round trips to
    /// save by batching); false when it sends each batch in one round trip (PostgreSQL).</summary>
    public abstract bool WriterPreparesCommands { get; }

    /// <summary>Starts a transaction that writes (SQLite takes the write lock at once, so it never has to upgrade).</summary>
    public abstract string BeginWriteSql { get; }

    /// <summary>Creates <c>schema_version</c> if it is missing.</summary>
    public abstract string SchemaVersionTableSql { get; }

    /// <summary>Opens a connection ready for use (pooled where the provider pools).</summary>
    public abstract ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>Runs before the schema transaction: SQLite switches the file to WAL; PostgreSQL has nothing to do.</summary>
    public abstract Task PrepareSchemaAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Serialises concurrent migrations from several processes, inside the schema transaction.</summary>
    public abstract Task LockSchemaAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>A time as this engine stores it: UTC, truncated to microseconds (PostgreSQL's precision).</summary>
    public abstract object ToDb(DateTimeOffset time);

    /// <summary>Reads a time column written by <see cref="ToDb"/>.</summary>
    public abstract DateTimeOffset ReadTime(DbDataReader reader, int ordinal);

    /// <summary>
    /// Statements that insert <paramref name="events"/> with positions taken from <c>event_position</c>:
    /// event <c>Ordinal</c> k of n gets position <c>last - n + k</c>, where <c>last</c> was just bumped by n.
    /// </summary>
    public abstract IEnumerable<SqlStatement> AppendEvents(IReadOnlyList<EventRow> events);

    /// <summary>True when the connection (not the statement) failed, so pooled connections are suspect and a read may be retried.</summary>
    public abstract bool IsConnectionFailure(Exception exception);

    /// <summary>True when the database refused one write's data (a constraint, a bad value): the transaction rolled back as a whole and nothing is in doubt.</summary>
    public abstract bool IsWriteSpecificFailure(Exception exception);

    /// <summary>How many connection failures this storage has seen; a writer holding a connection older than the last one replaces it.</summary>
    public long ConnectionFailures => Interlocked.Read(ref _connectionFailures);

    /// <summary>Records a connection failure and drops idle pooled connections, which are probably dead too, so the next call dials afresh.</summary>
    public void ConnectionFailed()
    {
        Interlocked.Increment(ref _connectionFailures);
        ForgetPooledConnections();
    }

    /// <summary>Drops idle pooled connections.</summary>
    protected abstract void ForgetPooledConnections();

    /// <summary>Rolls back whatever transaction <paramref name="connection"/> has open; never throws.</summary>
    public virtual async Task RollbackQuietlyAsync(DbConnection connection)
    {
        try
        {
            await using var command = CreateCommand(connection, new SqlStatement("ROLLBACK"));
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (Exception)
        {
            // The connection is broken; the provider discards it and the server rolls back on its own.
        }
    }

    /// <inheritdoc />
    public abstract ValueTask DisposeAsync();

    /// <summary>
    /// Runs <paramref name="statements"/> in order on <paramref name="connection"/>, in one round trip where
    /// the provider supports batches. Stops at the first failing statement.
    /// </summary>
    public static async Task<StatementResult[]> ExecuteAsync(DbConnection connection, IReadOnlyList<SqlStatement> statements, CancellationToken cancellationToken)
    {
        if (connection.CanCreateBatch)
        {
            return await ExecuteBatchAsync(connection, statements, cancellationToken);
        }

        var results = new StatementResult[statements.Count];
        for (var i = 0; i < statements.Count; i++)
        {
            await using var command = CreateCommand(connection, statements[i]);
            results[i] = await RunAsync(command, statements[i].ReturnsRows, cancellationToken);
        }

        return results;
    }

    /// <summary>Runs one command: its rows changed and, when it returns rows, the first value.</summary>
    public static async Task<StatementResult> RunAsync(DbCommand command, bool returnsRows, CancellationToken cancellationToken)
    {
        if (!returnsRows)
        {
            return new StatementResult(await command.ExecuteNonQueryAsync(cancellationToken), null);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var firstValue = await ReadFirstValueAsync(reader, cancellationToken);
        await reader.CloseAsync();
        return new StatementResult(reader.RecordsAffected, firstValue);
    }

    /// <summary>Creates a command for one statement.</summary>
    public static DbCommand CreateCommand(DbConnection connection, SqlStatement statement)
    {
        var command = connection.CreateCommand();
        command.CommandText = statement.Sql;
        Bind(statement, command.Parameters, command.CreateParameter);
        return command;
    }

    /// <summary>Runs one query on a connection of its own (see <see cref="RunAsync"/>) and maps every row.</summary>
    public Task<IReadOnlyList<T>> QueryAsync<T>(string operation, SqlStatement statement, Func<DbDataReader, T> map, CancellationToken cancellationToken, bool idempotent = true) =>
        RunAsync(operation, idempotent, (connection, ct) => PreparedOn(connection) is { } prepared ? prepared.QueryAsync(statement, map, ct) : QueryAsync(connection, statement, map, ct), cancellationToken);

    /// <summary>Runs a query and maps every row.</summary>
    public static async Task<IReadOnlyList<T>> QueryAsync<T>(DbConnection connection, SqlStatement statement, Func<DbDataReader, T> map, CancellationToken cancellationToken)
    {
        await using var command = CreateCommand(connection, statement);
        return await ReadRowsAsync(command, map, cancellationToken);
    }

    /// <summary>Runs a query command and maps every row.</summary>
    public static async Task<IReadOnlyList<T>> ReadRowsAsync<T>(DbCommand command, Func<DbDataReader, T> map, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    /// <summary>
    /// Opens a connection, runs <paramref name="body"/>, and turns provider failures into a
    /// <see cref="GrainStorageException"/> that says what was being done. An idempotent operation
    /// is tried once more after a connection failure (a pooled connection the server had dropped).
    /// </summary>
    public async Task<T> RunAsync<T>(string operation, bool idempotent, Func<DbConnection, CancellationToken, Task<T>> body, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            DbConnection? connection = null;
            var healthy = false;
            try
            {
                connection = await RentConnectionAsync(cancellationToken);
                var result = await body(connection, cancellationToken);
                healthy = true;
                return result;
            }
            catch (Exception exception) when (IsProviderFailure(exception, cancellationToken))
            {
                var connectionFailed = IsConnectionFailure(exception);
                if (connectionFailed)
                {
                    ConnectionFailed();
                }

                if (!(idempotent && connectionFailed && attempt == 1))
                {
                    throw Failure(operation, exception);
                }
            }
            finally
            {
                if (connection is not null)
                {
                    await ReturnConnectionAsync(connection, healthy);
                }
            }
        }
    }

    /// <summary>A connection for one operation of <see cref="RunAsync"/>: a new one (from the provider's pool) unless the dialect keeps its own.</summary>
    protected virtual async ValueTask<DbConnection> RentConnectionAsync(CancellationToken cancellationToken) => await OpenConnectionAsync(cancellationToken);

    /// <summary>Takes back what <see cref="RentConnectionAsync"/> lent; <paramref name="healthy"/> is false after any failure.</summary>
    protected virtual ValueTask ReturnConnectionAsync(DbConnection connection, bool healthy) => connection.DisposeAsync();

    /// <summary>Commands kept prepared on <paramref name="connection"/>, when the dialect keeps them (SQLite); otherwise null.</summary>
    protected virtual PreparedCommands? PreparedOn(DbConnection connection) => null;

    /// <summary>A <see cref="GrainStorageException"/> naming the operation, the engine and where the data lives.</summary>
    public GrainStorageException Failure(string operation, Exception exception) =>
        new($"{operation} failed on {EngineName} ({Target}): {exception.Message}", exception);

    /// <summary>Anything but our own typed exceptions and a cancellation the caller asked for.</summary>
    public static bool IsProviderFailure(Exception exception, CancellationToken cancellationToken) =>
        exception is not GrainStorageException
        && exception is not InconsistentStateException
        && !(exception is OperationCanceledException && cancellationToken.IsCancellationRequested);

    private static async Task<StatementResult[]> ExecuteBatchAsync(DbConnection connection, IReadOnlyList<SqlStatement> statements, CancellationToken cancellationToken)
    {
        await using var batch = connection.CreateBatch();
        foreach (var statement in statements)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = statement.Sql;
            Bind(statement, command.Parameters, command.CreateParameter);
            batch.BatchCommands.Add(command);
        }

        var firstValues = new object?[statements.Count];
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            // The reader walks only the statements that produce a result set, in order.
            var hasResult = true;
            for (var i = 0; i < statements.Count; i++)
            {
                if (!statements[i].ReturnsRows)
                {
                    continue;
                }

                if (!hasResult)
                {
                    throw new InvalidOperationException($"Statement {i} returned no result set: {statements[i].Sql}");
                }

                firstValues[i] = await ReadFirstValueAsync(reader, cancellationToken);
                hasResult = await reader.NextResultAsync(cancellationToken);
            }

            while (hasResult)
            {
                hasResult = await reader.NextResultAsync(cancellationToken);
            }
        }

        var results = new StatementResult[statements.Count];
        for (var i = 0; i < statements.Count; i++)
        {
            results[i] = new StatementResult(batch.BatchCommands[i].RecordsAffected, firstValues[i]);
        }

        return results;
    }

    private static void Bind(SqlStatement statement, DbParameterCollection parameters, Func<DbParameter> createParameter)
    {
        foreach (var (name, value) in statement.Parameters)
        {
            var parameter = createParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            parameters.Add(parameter);
        }
    }

    /// <summary>The first column of the first row (null when none), reading the result to its end.</summary>
    public static async Task<object?> ReadFirstValueAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        object? value = null;
        if (await reader.ReadAsync(cancellationToken) && !await reader.IsDBNullAsync(0, cancellationToken))
        {
            value = reader.GetValue(0);
        }

        while (await reader.ReadAsync(cancellationToken))
        {
        }

        return value;
    }
}
