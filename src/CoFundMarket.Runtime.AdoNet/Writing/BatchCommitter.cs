using System.Data.Common;
using System.Globalization;
using CoFundMarket.Runtime.AdoNet.Dialects;
using CoFundMarket.Runtime.Storage;

namespace CoFundMarket.Runtime.AdoNet.Writing;

/// <summary>
/// Commits a batch of state writes in one transaction. Each write is its own conditional statement,
/// so its own row count decides its own result: a stale write gets a conflict while the rest commit.
/// </summary>
internal sealed class BatchCommitter(SqlDialect dialect, TimeProvider timeProvider)
{
    private const string InsertStateSql = """
        INSERT INTO grain_state (grain_type, grain_key, state_name, version, payload, updated_at)
        VALUES (@grain_type, @grain_key, @state_name, @version, @payload, @updated_at)
        ON CONFLICT (grain_type, grain_key, state_name) DO NOTHING
        """;

    private const string UpdateStateSql = """
        UPDATE grain_state SET version = @version, payload = @payload, updated_at = @updated_at
        WHERE grain_type = @grain_type AND grain_key = @grain_key AND state_name = @state_name AND version = @expected_version
        """;

    private const string StoredVersionSql = """
        SELECT version FROM grain_state WHERE grain_type = @grain_type AND grain_key = @grain_key AND state_name = @state_name
        """;

    private const string TakePositionsSql = "UPDATE event_position SET last = last + @count WHERE id = 1 RETURNING last";

    private readonly GroupCommitMetrics _metrics = new(dialect);

    /// <summary>
    /// Commits <paramref name="batch"/> on the writer loop's <paramref name="connection"/> and completes
    /// every write in it. Never throws: a failed transaction fails its writes with
    /// <see cref="GrainStorageException"/> (outcome unknown).
    /// </summary>
    public async Task CommitAsync(IReadOnlyList<PendingWrite> batch, WriterConnection connection)
    {
        try
        {
            var started = timeProvider.GetTimestamp();
            var outcomes = await CommitOnceAsync(await connection.GetAsync(), batch.Select(p => p.Write).ToArray());
            _metrics.Committed(batch.Count, outcomes.Count(o => o.Result is null), timeProvider.GetElapsedTime(started));
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Complete(outcomes[i]);
            }
        }
        catch (Exception exception) when (batch.Count > 1 && dialect.IsWriteSpecificFailure(exception))
        {
            // The database refused one write's data (a constraint, a bad value) and rolled the whole
            // transaction back, so nothing is in doubt: give every write a transaction of its own and
            // let only the culprit fail.
            foreach (var pending in batch)
            {
                await CommitAsync([pending], connection);
            }
        }
        catch (Exception exception) when (dialect.IsWriteSpecificFailure(exception))
        {
            batch[0].Fail(dialect.Failure($"Writing {batch[0].Write.Key} (refused by the database; nothing was committed)", exception));
        }
        catch (Exception exception)
        {
            _metrics.Failed();
            await connection.ResetAsync();
            if (dialect.IsConnectionFailure(exception))
            {
                dialect.ConnectionFailed();
            }

            foreach (var pending in batch)
            {
                pending.Fail(dialect.Failure(
                    $"Writing {pending.Write.Key} (in a batch of {batch.Count}; it may or may not have been committed)", exception));
            }
        }
    }

    private async Task<WriteOutcome[]> CommitOnceAsync(DbConnection connection, StateWrite[] writes)
    {
        var cancellationToken = CancellationToken.None; // taken writes complete normally, whatever their callers do
        var updatedAt = dialect.ToDb(timeProvider.GetUtcNow());

        // Key order, stable for writes to the same key: overlapping batches lock rows in one order and cannot deadlock.
        var order = Enumerable.Range(0, writes.Length).OrderBy(i => writes[i].Key, StateKeyOrder.Instance).ToArray();

        try
        {
            // Round trip 1: BEGIN and every conditional state write.
            var stateResults = await SqlDialect.ExecuteAsync(
                connection,
                [new SqlStatement(dialect.BeginWriteSql), .. order.Select(i => StateStatement(writes[i], updatedAt))],
                cancellationToken);
            var succeeded = order.Where((_, k) => stateResults[k + 1].RowsAffected == 1).ToArray();
            var conflicted = order.Where((_, k) => stateResults[k + 1].RowsAffected != 1).ToArray();

            var outcomes = new WriteOutcome[writes.Length];
            await ReadConflictsAsync(connection, writes, conflicted, outcomes, cancellationToken);

            // Round trip 2: positions, events and COMMIT in one go (see TakePositionsStatement).
            var events = new List<EventRow>();
            var firstOrdinals = new int[writes.Length];
            foreach (var i in succeeded)
            {
                firstOrdinals[i] = events.Count + 1;
                events.AddRange(writes[i].Events.Select((e, j) => new EventRow(writes[i].Key.Grain, writes[i].ExpectedVersion + 1 + j, e, firstOrdinals[i] + j)));
            }

            List<SqlStatement> finish = events.Count == 0 ? [] : [TakePositionsStatement(events.Count), .. dialect.AppendEvents(events)];
            finish.Add(new SqlStatement("COMMIT"));
            var finishResults = await SqlDialect.ExecuteAsync(connection, finish, cancellationToken);

            var positionBeforeBatch = events.Count == 0 ? 0 : Convert.ToInt64(finishResults[0].FirstValue, CultureInfo.InvariantCulture) - events.Count;
            foreach (var i in succeeded)
            {
                var firstPosition = writes[i].Events.Count == 0 ? 0 : positionBeforeBatch + firstOrdinals[i];
                outcomes[i] = WriteOutcome.Success(new StateWriteResult(writes[i].NewVersion, firstPosition));
            }

            return outcomes;
        }
        catch
        {
            await dialect.RollbackQuietlyAsync(connection);
            throw;
        }
    }

    /// <summary>Reads what storage holds for each conflicting write, so its exception can say so. Rare: one extra round trip.</summary>
    private static async Task ReadConflictsAsync(DbConnection connection, StateWrite[] writes, int[] conflicted, WriteOutcome[] outcomes, CancellationToken cancellationToken)
    {
        if (conflicted.Length == 0)
        {
            return;
        }

        var stored = await SqlDialect.ExecuteAsync(connection, conflicted.Select(i => KeyStatement(StoredVersionSql, writes[i].Key, returnsRows: true)).ToArray(), cancellationToken);
        for (var k = 0; k < conflicted.Length; k++)
        {
            outcomes[conflicted[k]] = WriteOutcome.Conflict(stored[k].FirstValue is { } version ? Convert.ToInt64(version, CultureInfo.InvariantCulture) : null);
        }
    }

    private static SqlStatement StateStatement(StateWrite write, object updatedAt)
    {
        var statement = write.ExpectedVersion == 0
            ? KeyStatement(InsertStateSql, write.Key)
            : KeyStatement(UpdateStateSql, write.Key).With("@expected_version", write.ExpectedVersion);
        return statement
            .With("@version", write.NewVersion)
            .With("@payload", write.Payload)
            .With("@updated_at", updatedAt);
    }

    /// <summary>
    /// Bumps the single <c>event_position</c> row by the batch's event count. It runs after the state
    /// writes, in the same round trip as COMMIT, so its row lock is held only while the server finishes
    /// the transaction. That lock is what keeps the feed safe: on PostgreSQL a second transaction
    /// (from this process or any other) blocks on it until the first has committed and become visible,
    /// and only then reads <c>last</c>. Positions are therefore handed out in commit order, and a
    /// reader that has seen position P can never later find a smaller position committing late — the
    /// trap with plain sequences, where a slow transaction holding 41 commits after one holding 42 and
    /// a reader that resumed from 42 misses 41 for ever. A rollback undoes the bump, so positions stay
    /// gap-free. On SQLite the database-wide write lock gives the same order.
    /// </summary>
    private static SqlStatement TakePositionsStatement(int count) =>
        new SqlStatement(TakePositionsSql, returnsRows: true).With("@count", (long)count);

    private static SqlStatement KeyStatement(string sql, GrainStateKey key, bool returnsRows = false) =>
        new SqlStatement(sql, returnsRows)
            .With("@grain_type", key.Grain.Type)
            .With("@grain_key", key.Grain.Key)
            .With("@state_name", key.StateName);
}
