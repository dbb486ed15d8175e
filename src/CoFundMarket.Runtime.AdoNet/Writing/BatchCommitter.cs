using System.Globalization;
using CoFundMarket.Runtime.AdoNet.Dialects;
using CoFundMarket.Runtime.Storage;

namespace CoFundMarket.Runtime.AdoNet.Writing;

/// <summary>
/// Commits a batch of state writes and reminder changes in one transaction. Each state write is its own
/// conditional statement, so its own row count decides its own result: a stale write gets a conflict
/// while the rest commit.
/// </summary>
internal sealed class BatchCommitter(SqlDialect dialect, TimeProvider timeProvider)
{
    private const string InsertStateSql = """
        INSERT INTO grain_state (grain_type, grain_key, state_name, version, updated_at)
        VALUES (@grain_type, @grain_key, @state_name, @version, @updated_at)
        ON CONFLICT (grain_type, grain_key, state_name) DO NOTHING
        """;

    private const string UpdateStateSql = """
        UPDATE grain_state SET version = @version, updated_at = @updated_at
        WHERE grain_type = @grain_type AND grain_key = @grain_key AND state_name = @state_name AND version = @expected_version
        """;

    // Written only for state writes that succeeded and carry a payload: a commit that keeps its snapshot never touches it.
    private const string WriteSnapshotSql = """
        INSERT INTO grain_snapshot (grain_type, grain_key, state_name, version, payload)
        VALUES (@grain_type, @grain_key, @state_name, @version, @payload)
        ON CONFLICT (grain_type, grain_key, state_name) DO UPDATE SET version = excluded.version, payload = excluded.payload
        """;

    private const string StoredVersionSql = """
        SELECT version FROM grain_state WHERE grain_type = @grain_type AND grain_key = @grain_key AND state_name = @state_name
        """;

    private const string TakePositionsSql = "UPDATE event_position SET last = last + @count WHERE id = 1 RETURNING last";

    private readonly GroupCommitMetrics _metrics = new(dialect);

    /// <summary>
    /// Commits <paramref name="batch"/> on the writer loop's <paramref name="connection"/> and completes
    /// every change in it. Never throws: a failed transaction fails its changes with
    /// <see cref="GrainStorageException"/> (outcome unknown).
    /// </summary>
    public async Task CommitAsync(IReadOnlyList<PendingOperation> batch, WriterConnection connection)
    {
        try
        {
            var started = timeProvider.GetTimestamp();
            var writes = batch.OfType<PendingWrite>().ToArray();
            var reminders = batch.OfType<PendingReminderChange>().ToArray();
            var (outcomes, reminderResults) = await CommitOnceAsync(connection, writes.Select(p => p.Write).ToArray(), reminders);
            _metrics.Committed(batch.Count, outcomes.Count(o => o.Result is null), timeProvider.GetElapsedTime(started));
            for (var i = 0; i < writes.Length; i++)
            {
                writes[i].Complete(outcomes[i]);
            }

            for (var i = 0; i < reminders.Length; i++)
            {
                reminders[i].Complete(reminderResults[i]);
            }
        }
        catch (Exception exception) when (batch.Count > 1 && dialect.IsWriteSpecificFailure(exception))
        {
            // The database refused one change's data (a constraint, a bad value) and rolled the whole
            // transaction back, so nothing is in doubt: give every change a transaction of its own and
            // let only the culprit fail.
            foreach (var pending in batch)
            {
                await CommitAsync([pending], connection);
            }
        }
        catch (Exception exception) when (dialect.IsWriteSpecificFailure(exception))
        {
            batch[0].Fail(dialect.Failure($"{batch[0].Description} (refused by the database; nothing was committed)", exception));
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
                    $"{pending.Description} (in a batch of {batch.Count}; it may or may not have been committed)", exception));
            }
        }
    }

    private async Task<(WriteOutcome[] Outcomes, StatementResult[] ReminderResults)> CommitOnceAsync(
        WriterConnection writer, StateWrite[] writes, PendingReminderChange[] reminders)
    {
        var connection = await writer.GetAsync();
        var cancellationToken = CancellationToken.None; // taken writes complete normally, whatever their callers do
        var updatedAt = dialect.ToDb(timeProvider.GetUtcNow());

        // Key order, stable for changes to the same key, state rows before reminder rows: overlapping
        // batches lock rows in one order and cannot deadlock, and two changes of one row keep their order.
        var order = Enumerable.Range(0, writes.Length).OrderBy(i => writes[i].Key, StateKeyOrder.Instance).ToArray();
        var reminderOrder = Enumerable.Range(0, reminders.Length)
            .OrderBy(i => reminders[i].Grain.Type, StringComparer.Ordinal)
            .ThenBy(i => reminders[i].Grain.Key, StringComparer.Ordinal)
            .ThenBy(i => reminders[i].Name, StringComparer.Ordinal)
            .ToArray();

        try
        {
            // Round trip 1: BEGIN, every conditional state write and every reminder change.
            var firstResults = await writer.ExecuteAsync(
                [
                    new SqlStatement(dialect.BeginWriteSql),
                    .. order.Select(i => StateStatement(writes[i], updatedAt)),
                    .. reminderOrder.Select(i => reminders[i].Statement),
                ],
                cancellationToken);
            var succeeded = order.Where((_, k) => firstResults[k + 1].RowsAffected == 1).ToArray();
            var conflicted = order.Where((_, k) => firstResults[k + 1].RowsAffected != 1).ToArray();
            var reminderResults = new StatementResult[reminders.Length];
            for (var k = 0; k < reminderOrder.Length; k++)
            {
                reminderResults[reminderOrder[k]] = firstResults[1 + order.Length + k];
            }

            var outcomes = new WriteOutcome[writes.Length];
            await ReadConflictsAsync(writer, writes, conflicted, outcomes, cancellationToken);

            // Round trip 2: positions, events, the new snapshots and COMMIT in one go (see TakePositionsStatement).
            var events = new List<EventRow>();
            var firstOrdinals = new int[writes.Length];
            foreach (var i in succeeded)
            {
                firstOrdinals[i] = events.Count + 1;
                events.AddRange(writes[i].Events.Select((e, j) => new EventRow(writes[i].Key.Grain, writes[i].ExpectedVersion + 1 + j, e, firstOrdinals[i] + j)));
            }

            List<SqlStatement> finish = events.Count == 0 ? [] : [TakePositionsStatement(events.Count), .. dialect.AppendEvents(events)];
            finish.AddRange(succeeded.Where(i => !writes[i].KeepsPayload).Select(i => SnapshotStatement(writes[i])));
            finish.Add(new SqlStatement("COMMIT"));
            var finishResults = await writer.ExecuteAsync(finish, cancellationToken);

            var positionBeforeBatch = events.Count == 0 ? 0 : Convert.ToInt64(finishResults[0].FirstValue, CultureInfo.InvariantCulture) - events.Count;
            foreach (var i in succeeded)
            {
                var firstPosition = writes[i].Events.Count == 0 ? 0 : positionBeforeBatch + firstOrdinals[i];
                outcomes[i] = WriteOutcome.Success(new StateWriteResult(writes[i].NewVersion, firstPosition));
            }

            return (outcomes, reminderResults);
        }
        catch
        {
            await dialect.RollbackQuietlyAsync(connection);
            throw;
        }
    }

    /// <summary>Reads what storage holds for each conflicting write, so its exception can say so. Rare: one extra round trip.</summary>
    private static async Task ReadConflictsAsync(WriterConnection writer, StateWrite[] writes, int[] conflicted, WriteOutcome[] outcomes, CancellationToken cancellationToken)
    {
        if (conflicted.Length == 0)
        {
            return;
        }

        var stored = await writer.ExecuteAsync(conflicted.Select(i => KeyStatement(StoredVersionSql, writes[i].Key, returnsRows: true)).ToArray(), cancellationToken);
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
            .With("@updated_at", updatedAt);
    }

    private static SqlStatement SnapshotStatement(StateWrite write) =>
        KeyStatement(WriteSnapshotSql, write.Key)
            .With("@version", write.NewVersion)
            .With("@payload", write.Payload);

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
