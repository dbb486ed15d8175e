using System.Data.Common;
using System.Runtime.CompilerServices;
using CoFundMarket.Runtime.AdoNet.Dialects;
using CoFundMarket.Runtime.Identity;
using CoFundMarket.Runtime.Storage;

namespace CoFundMarket.Runtime.AdoNet.Reading;

/// <summary>Reads state rows, a grain's journal, the global event feed, and scans of one grain type.</summary>
internal sealed class StateReader(SqlDialect dialect)
{
    private const int ScanPageSize = 500;

    // A state's small row and its snapshot's row (see schema 003); a journal has no snapshot row until its events
    // outgrow the minimum snapshot interval, and then it is replayed from its first event.
    private const string StateColumns = "s.version, p.payload, s.updated_at, COALESCE(p.version, 0)";

    private const string StateTables = """
        grain_state s LEFT JOIN grain_snapshot p
          ON p.grain_type = s.grain_type AND p.grain_key = s.grain_key AND p.state_name = s.state_name
        """;

    private const string EventColumns =
        "position, grain_type, grain_key, sequence, event_type, payload, occurred_at, actor_id, actor_organisation, actor_role, correlation_id";

    private const string ReadStateSql =
        $"SELECT {StateColumns} FROM {StateTables} WHERE s.grain_type = @grain_type AND s.grain_key = @grain_key AND s.state_name = @state_name";

    private const string ReadJournalSql =
        $"SELECT {EventColumns} FROM grain_event WHERE grain_type = @grain_type AND grain_key = @grain_key AND sequence > @after ORDER BY sequence";

    private const string ReadFeedSql =
        $"SELECT {EventColumns} FROM grain_event WHERE position > @after ORDER BY position LIMIT @limit";

    private const string ScanFirstPageSql =
        $"SELECT s.grain_key, s.state_name, {StateColumns} FROM {StateTables} WHERE s.grain_type = @grain_type ORDER BY s.grain_key, s.state_name LIMIT @limit";

    private const string ScanNextPageSql = $"""
        SELECT s.grain_key, s.state_name, {StateColumns} FROM {StateTables}
        WHERE s.grain_type = @grain_type AND (s.grain_key, s.state_name) > (@after_key, @after_state)
        ORDER BY s.grain_key, s.state_name LIMIT @limit
        """;

    public async Task<StoredState?> ReadStateAsync(GrainStateKey key, CancellationToken cancellationToken)
    {
        var statement = new SqlStatement(ReadStateSql)
            .With("@grain_type", key.Grain.Type)
            .With("@grain_key", key.Grain.Key)
            .With("@state_name", key.StateName);
        var rows = await dialect.QueryAsync($"Reading {key}", statement, r => ReadState(r, 0), cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    public Task<IReadOnlyList<StoredEvent>> ReadJournalAsync(GrainId grain, long afterSequence, CancellationToken cancellationToken)
    {
        var statement = new SqlStatement(ReadJournalSql)
            .With("@grain_type", grain.Type)
            .With("@grain_key", grain.Key)
            .With("@after", afterSequence);
        return dialect.QueryAsync($"Reading the journal of {grain}", statement, ReadEvent, cancellationToken);
    }

    public Task<IReadOnlyList<StoredEvent>> ReadFeedAsync(long afterPosition, int limit, CancellationToken cancellationToken)
    {
        var statement = new SqlStatement(ReadFeedSql)
            .With("@after", afterPosition)
            .With("@limit", (long)limit);
        return dialect.QueryAsync($"Reading the event feed after position {afterPosition}", statement, ReadEvent, cancellationToken);
    }

    /// <summary>
    /// Pages through one grain type in key order, one short query per page, so no read transaction
    /// stays open while the caller works through the rows.
    /// </summary>
    public async IAsyncEnumerable<(GrainStateKey Key, StoredState State)> ScanAsync(string grainType, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var statement = new SqlStatement(ScanFirstPageSql)
            .With("@grain_type", grainType)
            .With("@limit", (long)ScanPageSize);
        while (true)
        {
            var page = await dialect.QueryAsync(
                $"Scanning grain type '{grainType}'",
                statement,
                r => (Key: new GrainStateKey(new GrainId(grainType, r.GetString(0)), r.GetString(1)), State: ReadState(r, 2)),
                cancellationToken);
            foreach (var row in page)
            {
                yield return row;
            }

            if (page.Count < ScanPageSize)
            {
                yield break;
            }

            statement = new SqlStatement(ScanNextPageSql)
                .With("@grain_type", grainType)
                .With("@after_key", page[^1].Key.Grain.Key)
                .With("@after_state", page[^1].Key.StateName)
                .With("@limit", (long)ScanPageSize);
        }
    }

    private StoredState ReadState(DbDataReader r, int first)
    {
        var version = r.GetInt64(first);
        var snapshotVersion = r.GetInt64(first + 3);
        return new(version, NullableString(r, first + 1), dialect.ReadTime(r, first + 2), snapshotVersion == version ? null : snapshotVersion);
    }

    private StoredEvent ReadEvent(DbDataReader r) => new(
        Position: r.GetInt64(0),
        Grain: new GrainId(r.GetString(1), r.GetString(2)),
        Sequence: r.GetInt64(3),
        Type: r.GetString(4),
        Payload: r.GetString(5),
        OccurredAt: dialect.ReadTime(r, 6),
        Actor: new EventActor(NullableString(r, 7), NullableString(r, 8), NullableString(r, 9)),
        CorrelationId: NullableString(r, 10));

    private static string? NullableString(DbDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetString(ordinal);
}
