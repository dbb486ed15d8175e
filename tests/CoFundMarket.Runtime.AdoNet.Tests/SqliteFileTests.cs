using CoFundMarket.Runtime.Storage;
using CoFundMarket.Runtime.Testing;
using Microsoft.Data.Sqlite;

namespace CoFundMarket.Runtime.AdoNet.Tests;

/// <summary>How the SQLite file is set up, and how a file that cannot be used fails: with a storage error that says which file and why.</summary>
public sealed class SqliteFileTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public async Task ACorruptDatabaseFileGivesAClearStorageError()
    {
        var path = _directory.File("corrupt.db");
        await File.WriteAllTextAsync(path, new string('x', 8192));

        var error = await Assert.ThrowsAsync<GrainStorageException>(() => AdoNetStorage.CreateSqliteAsync(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("not a database", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADatabasePathThroughAFileInsteadOfADirectoryGivesAClearStorageError()
    {
        var blocker = _directory.File("not-a-directory");
        await File.WriteAllTextAsync(blocker, "");
        var path = Path.Combine(blocker, "data", "cofund.db");

        var error = await Assert.ThrowsAsync<GrainStorageException>(() => AdoNetStorage.CreateSqliteAsync(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADatabaseAtSchemaOneIsMigratedAndItsRowsReadAsBefore()
    {
        var path = _directory.File("schema-one.db");
        await using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            await connection.OpenAsync();
            await using var resource = typeof(AdoNetStorage).Assembly.GetManifestResourceStream("CoFundMarket.Runtime.AdoNet.Schema.001-initial.sqlite.sql")!;
            var script = await new StreamReader(resource).ReadToEndAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"""
                CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT;
                {script}
                INSERT INTO schema_version VALUES (1, '001-initial', '2026-11-01T00:00:00.000000Z');
                INSERT INTO grain_state VALUES ('project', 'p-1', 'journal', 4, '"written by schema one"', '2026-11-01T00:00:00.000000Z');
                """;
            await command.ExecuteNonQueryAsync();
        }

        SqliteConnection.ClearAllPools();
        await using var storage = await AdoNetStorage.CreateSqliteAsync(path);

        var stored = await storage.ReadAsync(new GrainStateKey(new Identity.GrainId("project", "p-1"), "journal"));
        Assert.Equal((4L, "\"written by schema one\"", (long?)null, 4L), (stored!.Version, stored.Payload, stored.PayloadVersion, stored.SnapshotVersion));
    }

    [Fact]
    public async Task ADatabaseAtSchemaTwoKeepsEachSnapshotWithTheVersionItWasTakenAtAndItsReminders()
    {
        var path = _directory.File("schema-two.db");
        await using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"""
                CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT;
                {SchemaScript("001-initial")}
                {SchemaScript("002-snapshot-version")}
                INSERT INTO schema_version VALUES (1, '001-initial', '2026-11-01T00:00:00.000000Z'), (2, '002-snapshot-version', '2026-11-01T00:00:00.000000Z');
                INSERT INTO grain_state VALUES ('project', 'kept', 'journal', 9, '"snapshot at six"', '2026-11-01T00:00:00.000000Z', 6);
                INSERT INTO grain_state VALUES ('project', 'fresh', 'journal', 3, '"snapshot at three"', '2026-11-01T00:00:00.000000Z', NULL);
                INSERT INTO grain_state VALUES ('project', 'cleared', 'journal', 2, NULL, '2026-11-01T00:00:00.000000Z', NULL);
                INSERT INTO reminder VALUES ('project', 'kept', 'deadline', '2026-12-01T00:00:00.000000Z', 60000, 3, NULL);
                """;
            await command.ExecuteNonQueryAsync();
        }

        SqliteConnection.ClearAllPools();
        await using var storage = await AdoNetStorage.CreateSqliteAsync(path);

        var scanned = await storage.ScanAsync("project").ToDictionaryAsync(row => row.Key.Grain.Key, row => row.State);
        Assert.Equal((9L, "\"snapshot at six\"", (long?)6L), (scanned["kept"].Version, scanned["kept"].Payload, scanned["kept"].PayloadVersion));
        Assert.Equal((3L, "\"snapshot at three\"", (long?)null), (scanned["fresh"].Version, scanned["fresh"].Payload, scanned["fresh"].PayloadVersion));
        Assert.Equal((2L, (string?)null), (scanned["cleared"].Version, scanned["cleared"].Payload));
        Assert.Equal(scanned["kept"], await storage.ReadAsync(new GrainStateKey(new Identity.GrainId("project", "kept"), "journal")));
        var reminder = Assert.Single(await storage.ReadRemindersAsync(new Identity.GrainId("project", "kept")));
        Assert.Equal(("deadline", new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromMinutes(1)), (reminder.Name, reminder.DueAt, reminder.Period));
        Assert.Equal(reminder.DueAt, await storage.NextDueAsync());
    }

    private static string SchemaScript(string name)
    {
        using var resource = typeof(AdoNetStorage).Assembly.GetManifestResourceStream($"CoFundMarket.Runtime.AdoNet.Schema.{name}.sqlite.sql")!;
        return new StreamReader(resource).ReadToEnd();
    }

    [Fact]
    public async Task AMissingDataDirectoryIsCreated()
    {
        var path = Path.Combine(_directory.Path, "new", "data", "cofund.db");

        await using var storage = await AdoNetStorage.CreateSqliteAsync(path);

        Assert.True(File.Exists(path));
    }

    [Fact]
    public async Task TheDatabaseFileIsInWalModeSoReadersDoNotBlockTheWriter()
    {
        var path = _directory.File("wal.db");
        await using (await AdoNetStorage.CreateSqliteAsync(path))
        {
        }

        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";

        Assert.Equal("wal", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task TheWriteAheadLogIsCopiedIntoTheDatabaseOnceItHoldsTheConfiguredNumberOfPages()
    {
        const int Commits = 400; // each a new state row and an event: ~7 dirty pages per commit, ~3,000 log pages in all
        var shortLog = await WalBytesAfterCommitsAsync(_directory.File("short-log.db"), new AdoNetStorageOptions { SqliteCheckpointPages = 100 }, Commits);
        var defaultLog = await WalBytesAfterCommitsAsync(_directory.File("default-log.db"), new AdoNetStorageOptions(), Commits);

        // A log checkpointed at 100 pages starts over and stays near that size; under the default of 16,000 pages every
        // commit's pages are still in the log (SQLite's own default, 1,000, would have started it over at ~1,000).
        const int FrameBytes = 4096 + 24;
        Assert.InRange(shortLog, 1, 200 * FrameBytes);
        Assert.InRange(defaultLog, 2_000 * FrameBytes, 16_000 * FrameBytes);
    }

    [Fact]
    public async Task ACheckpointIntervalBelowOnePageIsRefused()
    {
        var path = _directory.File("refused.db");

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => AdoNetStorage.CreateSqliteAsync(path, new AdoNetStorageOptions { SqliteCheckpointPages = 0 }));

        Assert.Equal("SqliteCheckpointPages", error.ParamName);
        Assert.False(File.Exists(path));
    }

    public void Dispose() => _directory.Dispose();

    private static async Task<long> WalBytesAfterCommitsAsync(string path, AdoNetStorageOptions options, int commits)
    {
        await using var storage = await AdoNetStorage.CreateSqliteAsync(path, options);
        for (var i = 0; i < commits; i++)
        {
            var key = new GrainStateKey(new Identity.GrainId("counter", $"c-{i:D4}"), "journal");
            var opened = new EventToAppend("Opened", $$"""{"n":{{i}},"padding":"{{new string('p', 200)}}"}""", DateTimeOffset.UnixEpoch, EventActor.System, null);
            await storage.WriteAsync(new StateWrite(key, 0, null, [opened]));
        }

        return new FileInfo(path + "-wal").Length;
    }
}
