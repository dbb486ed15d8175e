using System.Data.Common;
using System.Globalization;
using CoFundMarket.Runtime.AdoNet.Dialects;
using CoFundMarket.Runtime.AdoNet.Writing;
using CoFundMarket.Runtime.Identity;
using CoFundMarket.Runtime.Reminders;
using CoFundMarket.Runtime.Storage;

namespace CoFundMarket.Runtime.AdoNet.Reminders;

/// <summary>
/// The <c>reminder</c> table. Every change bumps the row's version, and leases and completed ticks
/// are conditional on it, so of two silos racing for one tick exactly one wins.
/// </summary>
internal sealed class ReminderTable(SqlDialect dialect)
{
    private const string Columns = "grain_type, grain_key, name, due_at, period_ms, version, lease_until";

    private const string KeyMatches = "grain_type = @grain_type AND grain_key = @grain_key AND name = @name";

    private const string UpsertSql = $"""
        INSERT INTO reminder ({Columns}) VALUES (@grain_type, @grain_key, @name, @due_at, @period_ms, 1, NULL)
        ON CONFLICT (grain_type, grain_key, name) DO UPDATE
            SET due_at = excluded.due_at, period_ms = excluded.period_ms, version = reminder.version + 1, lease_until = NULL
        RETURNING version
        """;

    private const string RemoveSql = $"DELETE FROM reminder WHERE {KeyMatches}";

    private const string ReadGrainSql = $"SELECT {Columns} FROM reminder WHERE grain_type = @grain_type AND grain_key = @grain_key ORDER BY name";

    private const string ReadDueSql = $"""
        SELECT {Columns} FROM reminder
        WHERE due_at <= @now AND (lease_until IS NULL OR lease_until <= @now)
        ORDER BY due_at, grain_type, grain_key, name LIMIT @limit
        """;

    /// <summary>
    /// A reminder leased past its due time cannot be delivered before the lease runs out, so that is
    /// its next moment (as InMemoryReminderStore does); otherwise a poller would wake at once, again and again.
    /// </summary>
    private const string NextDueSql =
        "SELECT MIN(CASE WHEN lease_until IS NOT NULL AND lease_until > due_at THEN lease_until ELSE due_at END) FROM reminder";

    private const string LeaseSql = $"""
        UPDATE reminder SET lease_until = @lease_until, version = version + 1
        WHERE {KeyMatches} AND version = @version
        RETURNING {Columns}
        """;

    private const string CompleteTickSql = $"""
        UPDATE reminder SET due_at = @due_at, lease_until = NULL, version = version + 1
        WHERE {KeyMatches} AND version = @version
        """;

    /// <summary>A registration for the group-commit writer; its result is the stored row.</summary>
    public PendingReminderChange<ReminderEntry> Upsert(GrainId grain, string name, DateTimeOffset dueAt, TimeSpan period, CancellationToken cancellationToken)
    {
        var periodMilliseconds = period.Ticks / TimeSpan.TicksPerMillisecond;
        var statement = new SqlStatement(UpsertSql, returnsRows: true)
            .With("@grain_type", grain.Type).With("@grain_key", grain.Key).With("@name", name)
            .With("@due_at", dialect.ToDb(dueAt))
            .With("@period_ms", periodMilliseconds);

        // The row is what was just written; only its version comes from the database.
        return new PendingReminderChange<ReminderEntry>(
            grain,
            name,
            statement,
            result => new ReminderEntry(grain, name, StoragePrecision.Truncate(dueAt), TimeSpan.FromMilliseconds(periodMilliseconds), Convert.ToInt64(result.FirstValue, CultureInfo.InvariantCulture), null),
            cancellationToken);
    }

    /// <summary>A removal for the group-commit writer; its result says whether there was a row.</summary>
    public static PendingReminderChange<bool> Remove(GrainId grain, string name, CancellationToken cancellationToken) =>
        new(grain, name, KeyStatement(RemoveSql, grain, name), result => result.RowsAffected > 0, cancellationToken);

    public Task<IReadOnlyList<ReminderEntry>> ReadAsync(GrainId grain, CancellationToken cancellationToken)
    {
        var statement = new SqlStatement(ReadGrainSql).With("@grain_type", grain.Type).With("@grain_key", grain.Key);
        return dialect.QueryAsync($"Reading the reminders of {grain}", statement, ReadEntry, cancellationToken);
    }

    public Task<IReadOnlyList<ReminderEntry>> ReadDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        var statement = new SqlStatement(ReadDueSql).With("@now", dialect.ToDb(now)).With("@limit", (long)limit);
        return dialect.QueryAsync("Reading due reminders", statement, ReadEntry, cancellationToken);
    }

    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken)
    {
        var rows = await dialect.QueryAsync("Reading the next reminder due time", new SqlStatement(NextDueSql), r => r.IsDBNull(0) ? (DateTimeOffset?)null : dialect.ReadTime(r, 0), cancellationToken);
        return rows[0];
    }

    public async Task<ReminderEntry?> TryLeaseAsync(ReminderEntry entry, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        var statement = KeyStatement(LeaseSql, entry.Grain, entry.Name)
            .With("@lease_until", dialect.ToDb(leaseUntil))
            .With("@version", entry.Version);
        var rows = await dialect.QueryAsync($"Leasing reminder '{entry.Name}' of {entry.Grain}", statement, ReadEntry, cancellationToken, idempotent: false);
        return rows.Count == 0 ? null : rows[0];
    }

    public Task<bool> CompleteTickAsync(ReminderEntry leased, DateTimeOffset nextDueAt, CancellationToken cancellationToken)
    {
        var statement = KeyStatement(CompleteTickSql, leased.Grain, leased.Name)
            .With("@due_at", dialect.ToDb(nextDueAt))
            .With("@version", leased.Version);
        return ExecuteAsync($"Completing a tick of reminder '{leased.Name}' of {leased.Grain}", statement, cancellationToken);
    }

    /// <summary>Runs a change; true when it changed a row.</summary>
    private Task<bool> ExecuteAsync(string operation, SqlStatement statement, CancellationToken cancellationToken) =>
        dialect.RunAsync(operation, idempotent: false, async (connection, ct) => (await SqlDialect.ExecuteAsync(connection, [statement], ct))[0].RowsAffected > 0, cancellationToken);

    private ReminderEntry ReadEntry(DbDataReader r) => new(
        Grain: new GrainId(r.GetString(0), r.GetString(1)),
        Name: r.GetString(2),
        DueAt: dialect.ReadTime(r, 3),
        Period: TimeSpan.FromMilliseconds(r.GetInt64(4)),
        Version: r.GetInt64(5),
        LeaseUntil: r.IsDBNull(6) ? null : dialect.ReadTime(r, 6));

    private static SqlStatement KeyStatement(string sql, GrainId grain, string name) =>
        new SqlStatement(sql).With("@grain_type", grain.Type).With("@grain_key", grain.Key).With("@name", name);
}
