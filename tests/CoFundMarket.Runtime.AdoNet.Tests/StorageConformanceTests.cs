using CoFundMarket.Runtime.AdoNet.Tests.Fixtures;
using CoFundMarket.Runtime.Identity;
using CoFundMarket.Runtime.Persistence;
using CoFundMarket.Runtime.Storage;

namespace CoFundMarket.Runtime.AdoNet.Tests;

/// <summary>
/// What every engine must do, run against SQLite and PostgreSQL alike. Each test gets a fresh
/// database; <see cref="OpenAnotherAsync"/> opens more storage instances on it, standing in for
/// more processes (each has its own connections and its own group-commit writer).
/// </summary>
public abstract partial class StorageConformanceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset OccurredAt = new(2030, 3, 1, 9, 30, 15, 123, TimeSpan.Zero);
    private readonly List<AdoNetStorage> _opened = [];
    private string _database = "";

    protected AdoNetStorage Storage { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        Storage = await OpenAnotherAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var storage in _opened)
        {
            await storage.DisposeAsync();
        }
    }

    /// <summary>Creates an empty database and returns what <see cref="OpenStorageAsync"/> needs to open it.</summary>
    protected abstract Task<string> CreateDatabaseAsync();

    /// <summary>Opens (and migrates) storage on <paramref name="database"/>.</summary>
    protected abstract Task<AdoNetStorage> OpenStorageAsync(string database);

    protected async Task<AdoNetStorage> OpenAnotherAsync()
    {
        var storage = await OpenStorageAsync(_database);
        lock (_opened)
        {
            _opened.Add(storage);
        }

        return storage;
    }

    protected async Task<IReadOnlyList<AdoNetStorage>> OpenManyAsync(int count) =>
        await Task.WhenAll(Enumerable.Range(0, count).Select(_ => OpenAnotherAsync()));

    [Fact]
    public async Task ReadingAStateThatWasNeverWrittenReturnsNull()
    {
        Assert.Null(await Storage.ReadAsync(NewKey()));
    }

    [Fact]
    public async Task TheFirstWriteExpectingNoRowCreatesVersionOne()
    {
        var key = NewKey();

        var result = await Storage.WriteAsync(new StateWrite(key, 0, """{"balance":10}""", []));

        Assert.Equal(new StateWriteResult(1, 0), result);
        var stored = await Storage.ReadAsync(key);
        Assert.NotNull(stored);
        Assert.Equal(1, stored.Version);
        Assert.Equal("""{"balance":10}""", stored.Payload);
    }

    [Fact]
    public async Task AStaleWriteThrowsInconsistentStateAndLeavesTheRowAlone()
    {
        var key = NewKey();
        await Storage.WriteAsync(new StateWrite(key, 0, "\"first\"", []));
        await Storage.WriteAsync(new StateWrite(key, 1, "\"second\"", []));

        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteAsync(new StateWrite(key, 1, "\"stale\"", [])));

        Assert.Equal(key.ToString(), conflict.StateKey);
        Assert.Equal(1, conflict.ExpectedVersion);
        Assert.Equal(2, conflict.StoredVersion);
        Assert.Contains(key.ToString(), conflict.Message, StringComparison.Ordinal);
        var stored = await Storage.ReadAsync(key);
        Assert.Equal((2L, "\"second\""), (stored!.Version, stored.Payload));
    }

    [Fact]
    public async Task AWriteExpectingARowThatDoesNotExistConflictsWithNoRow()
    {
        var key = NewKey();

        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteAsync(new StateWrite(key, 3, "{}", [])));

        Assert.Null(conflict.StoredVersion);
        Assert.Null(await Storage.ReadAsync(key));
    }

    [Fact]
    public async Task OfManyFirstWritesRacingForOneKeyExactlyOneWins()
    {
        var key = NewKey();
        var instances = await OpenManyAsync(4);

        var attempts = instances
            .SelectMany((storage, i) => Enumerable.Range(0, 5).Select(j => storage.WriteAsync(new StateWrite(key, 0, $"\"writer {i}.{j}\"", []))))
            .ToArray();
        await SettleAsync(attempts);

        _ = Assert.Single(attempts, a => a.IsCompletedSuccessfully);
        Assert.All(attempts.Where(a => !a.IsCompletedSuccessfully), a => Assert.IsType<InconsistentStateException>(a.Exception!.InnerException));
        var stored = await Storage.ReadAsync(key);
        Assert.Equal(1, stored!.Version);
    }

    [Fact]
    public async Task AConflictInsideAGroupCommitDoesNotFailItsNeighbours()
    {
        var keys = Enumerable.Range(0, 50).Select(_ => NewKey()).ToArray();
        var isStale = keys.Select((_, i) => i % 5 == 2).ToArray();
        foreach (var key in keys.Where((_, i) => isStale[i]))
        {
            await Storage.WriteAsync(new StateWrite(key, 0, "\"existing\"", []));
        }

        using var batches = new BatchSizeRecorder(Storage);

        // All 50 are queued before the first can commit, so they share transactions; every fifth is stale.
        var writes = keys.Select((key, i) => Storage.WriteAsync(new StateWrite(key, 0, isStale[i] ? "\"stale\"" : "\"new\"", []))).ToArray();
        await SettleAsync(writes);

        Assert.True(batches.Sizes.Count < writes.Length, $"50 writes took {batches.Sizes.Count} transactions");
        for (var i = 0; i < keys.Length; i++)
        {
            if (isStale[i])
            {
                Assert.IsType<InconsistentStateException>(writes[i].Exception!.InnerException);
                Assert.Equal("\"existing\"", (await Storage.ReadAsync(keys[i]))!.Payload);
            }
            else
            {
                Assert.Equal(1, writes[i].Result.Version);
                Assert.Equal("\"new\"", (await Storage.ReadAsync(keys[i]))!.Payload);
            }
        }
    }

    [Fact]
    public async Task StaleUpdatesInsideAGroupCommitFailAloneAmongGoodUpdatesAndNewRows()
    {
        var existing = Enumerable.Range(0, 40).Select(_ => NewKey()).ToArray();
        await Task.WhenAll(existing.Select(key => Storage.WriteAsync(new StateWrite(key, 0, "\"one\"", []))));
        var isStale = existing.Select((_, i) => i % 4 == 1).ToArray();
        var fresh = Enumerable.Range(0, 20).Select(_ => NewKey()).ToArray();
        using var batches = new BatchSizeRecorder(Storage);

        // Queued together, so updates of existing rows (every fourth expecting a version the row does not have) share
        // transactions with first writes of new rows.
        var updates = existing.Select((key, i) => Storage.WriteAsync(new StateWrite(key, isStale[i] ? 7 : 1, "\"two\"", []))).ToArray();
        var inserts = fresh.Select(key => Storage.WriteAsync(new StateWrite(key, 0, "\"new\"", []))).ToArray();
        await SettleAsync([.. updates, .. inserts]);

        Assert.True(batches.Sizes.Count < updates.Length + inserts.Length, $"{updates.Length + inserts.Length} writes took {batches.Sizes.Count} transactions");
        for (var i = 0; i < existing.Length; i++)
        {
            var stored = await Storage.ReadAsync(existing[i]);
            if (isStale[i])
            {
                Assert.Equal(1L, Assert.IsType<InconsistentStateException>(updates[i].Exception!.InnerException).StoredVersion);
                Assert.Equal((1L, "\"one\""), (stored!.Version, stored.Payload));
            }
            else
            {
                Assert.Equal(2, updates[i].Result.Version);
                Assert.Equal((2L, "\"two\""), (stored!.Version, stored.Payload));
            }
        }

        foreach (var (key, insert) in fresh.Zip(inserts))
        {
            Assert.Equal(1, insert.Result.Version);
            Assert.Equal("\"new\"", (await Storage.ReadAsync(key))!.Payload);
        }
    }

    [Fact]
    public async Task TwoWritesOfOneRowQueuedTogetherCommitInTheirOrder()
    {
        var key = NewKey();
        await Storage.WriteAsync(new StateWrite(key, 0, "\"one\"", []));
        var neighbours = Enumerable.Range(0, 10).Select(_ => NewKey()).ToArray();
        await Task.WhenAll(neighbours.Select(k => Storage.WriteAsync(new StateWrite(k, 0, "\"one\"", []))));

        var writes = new[]
        {
            Storage.WriteAsync(new StateWrite(key, 1, "\"two\"", [])),
            Storage.WriteAsync(new StateWrite(key, 2, "\"three\"", [])),
        }.Concat(neighbours.Select(k => Storage.WriteAsync(new StateWrite(k, 1, "\"two\"", [])))).ToArray();
        await Task.WhenAll(writes);

        var stored = await Storage.ReadAsync(key);
        Assert.Equal((3L, "\"three\""), (stored!.Version, stored.Payload));
        foreach (var neighbour in neighbours)
        {
            Assert.Equal(2, (await Storage.ReadAsync(neighbour))!.Version);
        }
    }

    [Fact]
    public async Task ClearingKeepsTheVersionMovingForwardAndALaterWriteFromTheTombstoneSucceeds()
    {
        var key = NewKey();
        await Storage.WriteAsync(new StateWrite(key, 0, "\"alive\"", []));

        var cleared = await Storage.WriteAsync(new StateWrite(key, 1, null, []));

        Assert.Equal(2, cleared.Version);
        var tombstone = await Storage.ReadAsync(key);
        Assert.Equal((2L, (string?)null), (tombstone!.Version, tombstone.Payload));
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteAsync(new StateWrite(key, 0, "\"reborn\"", [])));

        var rewritten = await Storage.WriteAsync(new StateWrite(key, 2, "\"reborn\"", []));

        Assert.Equal(3, rewritten.Version);
        Assert.Equal("\"reborn\"", (await Storage.ReadAsync(key))!.Payload);
    }

    [Fact]
    public async Task TheSameKeyUnderTwoGrainTypesOrTwoStateNamesIsStoredSeparately()
    {
        var id = Guid.NewGuid().ToString("N");
        var pledge = new GrainStateKey(new GrainId("pledge", id), "state");
        var project = new GrainStateKey(new GrainId("project", id), "state");
        var projectBudget = new GrainStateKey(new GrainId("project", id), "budget");

        await Storage.WriteAsync(new StateWrite(pledge, 0, "\"pledge\"", []));
        await Storage.WriteAsync(new StateWrite(project, 0, "\"project\"", []));
        await Storage.WriteAsync(new StateWrite(projectBudget, 0, "\"budget\"", []));

        Assert.Equal("\"pledge\"", (await Storage.ReadAsync(pledge))!.Payload);
        Assert.Equal("\"project\"", (await Storage.ReadAsync(project))!.Payload);
        Assert.Equal("\"budget\"", (await Storage.ReadAsync(projectBudget))!.Payload);
    }

    [Fact]
    public async Task AJournalCommitStoresTheSnapshotAndItsEventsTogether()
    {
        var key = NewKey("pledge");
        var events = new[] { Event("PledgeCreated", """{"amount":100}"""), Event("PledgeApproved"), Event("PledgeActivated") };

        var result = await Storage.WriteAsync(new StateWrite(key, 0, """{"status":"active"}""", events));

        Assert.Equal(new StateWriteResult(3, 1), result);
        var journal = await Storage.ReadJournalAsync(key.Grain, 0);
        Assert.Equal([1L, 2L, 3L], journal.Select(e => e.Sequence));
        Assert.Equal([1L, 2L, 3L], journal.Select(e => e.Position));
        Assert.Equal(
            new StoredEvent(1, key.Grain, 1, "PledgeCreated", """{"amount":100}""", OccurredAt, new EventActor("user-7", "RX1", "finance"), "corr-42"),
            journal[0]);
        Assert.Equal(3, (await Storage.ReadAsync(key))!.Version);
    }

    [Fact]
    public async Task AConflictingJournalCommitStoresNoEvents()
    {
        var key = NewKey("pledge");
        await Storage.WriteAsync(new StateWrite(key, 0, "\"one\"", [Event("PledgeCreated")]));

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteAsync(new StateWrite(key, 0, "\"rival\"", [Event("PledgeCreated"), Event("PledgeApproved")])));

        Assert.Single(await Storage.ReadJournalAsync(key.Grain, 0));
        Assert.Single(await Storage.ReadFeedAsync(0, 100));
        Assert.Equal("\"one\"", (await Storage.ReadAsync(key))!.Payload);
    }

    [Fact]
    public async Task AJournalCommitThatKeepsThePayloadAppendsEventsAndRemembersTheSnapshotVersion()
    {
        var key = NewKey("project");
        await Storage.WriteAsync(new StateWrite(key, 0, "\"snapshot at 2\"", [Event("A"), Event("B")]));

        var kept = await Storage.WriteAsync(new StateWrite(key, 2, null, [Event("C")]) { KeepsPayload = true });
        await Storage.WriteAsync(new StateWrite(key, 3, null, [Event("D"), Event("E")]) { KeepsPayload = true });

        Assert.Equal(new StateWriteResult(3, 3), kept);
        var stored = (await Storage.ReadAsync(key))!;
        Assert.Equal((5L, "\"snapshot at 2\"", 2L, 2L), (stored.Version, stored.Payload, stored.PayloadVersion, stored.SnapshotVersion));
        Assert.Equal(["C", "D", "E"], (await Storage.ReadJournalAsync(key.Grain, stored.SnapshotVersion)).Select(e => e.Type));

        // A commit with a new snapshot puts the payload back at the row's version.
        await Storage.WriteAsync(new StateWrite(key, 5, "\"snapshot at 6\"", [Event("F")]));
        stored = (await Storage.ReadAsync(key))!;
        Assert.Equal((6L, "\"snapshot at 6\"", (long?)null, 6L), (stored.Version, stored.Payload, stored.PayloadVersion, stored.SnapshotVersion));
    }

    [Fact]
    public async Task ANewJournalCanStartWithoutASnapshotAndTakeOneLater()
    {
        var key = NewKey("pledge");

        await Storage.WriteAsync(new StateWrite(key, 0, null, [Event("A"), Event("B")]) { KeepsPayload = true });
        await Storage.WriteAsync(new StateWrite(key, 2, null, [Event("C")]) { KeepsPayload = true });

        var stored = (await Storage.ReadAsync(key))!;
        Assert.Equal((3L, (string?)null, (long?)0L, 0L), (stored.Version, stored.Payload, stored.PayloadVersion, stored.SnapshotVersion));
        Assert.Equal(stored, (await Storage.ScanAsync("pledge").ToListAsync()).Single(row => row.Key == key).State);
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteAsync(new StateWrite(key, 0, null, [Event("X")]) { KeepsPayload = true }));

        await Storage.WriteAsync(new StateWrite(key, 3, "\"snapshot at 4\"", [Event("D")]));
        stored = (await Storage.ReadAsync(key))!;
        Assert.Equal((4L, "\"snapshot at 4\"", (long?)null), (stored.Version, stored.Payload, stored.PayloadVersion));
        Assert.Equal(["A", "B", "C", "D"], (await Storage.ReadJournalAsync(key.Grain, 0)).Select(e => e.Type));
    }

    [Fact]
    public async Task AWriteThatKeepsAPayloadItDoesNotHaveIsRefusedAndChangesNothing()
    {
        var key = NewKey("project");
        await Assert.ThrowsAsync<ArgumentException>(() => Storage.WriteAsync(new StateWrite(key, 0, null, []) { KeepsPayload = true }));
        Assert.Null(await Storage.ReadAsync(key));
        await Storage.WriteAsync(new StateWrite(key, 0, "\"one\"", [Event("A")]));
        await Assert.ThrowsAsync<ArgumentException>(() => Storage.WriteAsync(new StateWrite(key, 1, null, []) { KeepsPayload = true }));
        await Assert.ThrowsAsync<ArgumentException>(() => Storage.WriteAsync(new StateWrite(key, 1, "\"two\"", [Event("B")]) { KeepsPayload = true }));

        var stored = (await Storage.ReadAsync(key))!;
        Assert.Equal((1L, "\"one\"", (long?)null), (stored.Version, stored.Payload, stored.PayloadVersion));
        Assert.Single(await Storage.ReadJournalAsync(key.Grain, 0));
    }

    [Fact]
    public async Task ReadingAJournalAfterASequenceSkipsTheEarlierEvents()
    {
        var key = NewKey("pledge");
        await Storage.WriteAsync(new StateWrite(key, 0, "{}", [Event("A"), Event("B")]));
        await Storage.WriteAsync(new StateWrite(key, 2, "{}", [Event("C")]));

        var tail = await Storage.ReadJournalAsync(key.Grain, 1);

        Assert.Equal(["B", "C"], tail.Select(e => e.Type));
        Assert.Equal([2L, 3L], tail.Select(e => e.Sequence));
    }

    [Fact]
    public async Task ReadingTheFeedReturnsAtMostTheLimitInPositionOrder()
    {
        await Storage.WriteAsync(new StateWrite(NewKey(), 0, "{}", [Event("A"), Event("B"), Event("C"), Event("D")]));

        var page = await Storage.ReadFeedAsync(1, 2);

        Assert.Equal([2L, 3L], page.Select(e => e.Position));
    }

    [Fact]
    public async Task FeedPositionsAreGapFreeFromOneAcrossEightConcurrentWriters()
    {
        var writers = await OpenManyAsync(8);

        var results = await Task.WhenAll(writers.Select((storage, w) => WriteJournalsAsync(storage, w, writesPerGrain: 10)));

        var written = results.SelectMany(r => r).ToArray();
        var feed = await ReadWholeFeedAsync(0);
        Assert.Equal(Enumerable.Range(1, written.Sum(w => w.Events)).Select(p => (long)p), feed.Select(e => e.Position));
        foreach (var (grain, result, expectedVersion, eventCount) in written)
        {
            var first = feed[(int)result.FirstPosition - 1];
            Assert.Equal((grain, expectedVersion + 1), (first.Grain, first.Sequence));
            Assert.Equal(expectedVersion + eventCount, result.Version);
        }
    }

    [Fact]
    public async Task AFeedReaderSeesEveryLaterEventOnceAndInOrderWhileEightWritersCommit()
    {
        await Storage.WriteAsync(new StateWrite(NewKey(), 0, "{}", [Event("Before"), Event("Before")]));
        var start = (await Storage.ReadFeedAsync(0, 100))[^1].Position;
        var writers = await OpenManyAsync(8);
        var reader = await OpenAnotherAsync();
        using var writersDone = new CancellationTokenSource();

        var readerTask = Task.Run(async () =>
        {
            var seen = new List<long>();
            var after = start;
            while (true)
            {
                var finished = writersDone.IsCancellationRequested;
                var page = await reader.ReadFeedAsync(after, 50);
                foreach (var e in page)
                {
                    // A later position visible before an earlier one would show up here as a jump.
                    Assert.Equal(after + 1, e.Position);
                    seen.Add(e.Position);
                    after = e.Position;
                }

                if (page.Count == 0)
                {
                    if (finished)
                    {
                        return seen;
                    }

                    await Task.Delay(1);
                }
            }
        });
        var written = await Task.WhenAll(writers.Select((storage, w) => WriteJournalsAsync(storage, w, writesPerGrain: 15)));
        await writersDone.CancelAsync();
        var seen = await readerTask;

        var total = written.SelectMany(r => r).Sum(w => w.Events);
        Assert.Equal(Enumerable.Range((int)start + 1, total).Select(p => (long)p), seen);
    }

    [Fact]
    public async Task ScanningAGrainTypeListsEveryStateInKeyOrderPageAfterPage()
    {
        var grainType = "scan-" + Guid.NewGuid().ToString("N")[..8];
        var keys = Enumerable.Range(0, 620).Select(i => new GrainStateKey(new GrainId(grainType, $"k{i:D4}"), i % 2 == 0 ? "a" : "b")).ToArray();
        await Task.WhenAll(keys.Select(key => Storage.WriteAsync(new StateWrite(key, 0, "{}", []))));
        await Storage.WriteAsync(new StateWrite(keys[7], 1, null, []));
        await Storage.WriteAsync(new StateWrite(new GrainStateKey(new GrainId(grainType + "-other", "k0000"), "a"), 0, "{}", []));

        var scanned = new List<(GrainStateKey Key, StoredState State)>();
        await foreach (var row in Storage.ScanAsync(grainType))
        {
            scanned.Add(row);
        }

        Assert.Equal(keys.OrderBy(k => k.Grain.Key, StringComparer.Ordinal).ThenBy(k => k.StateName, StringComparer.Ordinal), scanned.Select(r => r.Key));
        Assert.Null(scanned.Single(r => r.Key == keys[7]).State.Payload);
    }

    [Fact]
    public async Task AWriteCancelledBeforeItIsQueuedIsNotWritten()
    {
        var key = NewKey();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Storage.WriteAsync(new StateWrite(key, 0, "{}", []), cancelled.Token));

        Assert.Null(await Storage.ReadAsync(key));
    }

    [Fact]
    public async Task DisposingCommitsTheWritesStillQueued()
    {
        var storage = await OpenAnotherAsync();
        var keys = Enumerable.Range(0, 200).Select(_ => NewKey()).ToArray();
        var writes = keys.Select(key => storage.WriteAsync(new StateWrite(key, 0, "\"queued\"", []))).ToArray();

        await storage.DisposeAsync();

        Assert.All(writes, write => Assert.Equal(1, write.Result.Version));
        foreach (var key in keys)
        {
            Assert.Equal(1, (await Storage.ReadAsync(key))!.Version);
        }
    }

    [Fact]
    public async Task MigrationsCanRunAgainAndFromSeveralProcessesAtOnce()
    {
        var key = NewKey();
        await Storage.WriteAsync(new StateWrite(key, 0, "\"kept\"", []));

        var late = await OpenManyAsync(4);
        await Task.WhenAll(late.Select(s => s.InitializeAsync()));

        Assert.Equal("\"kept\"", (await late[3].ReadAsync(key))!.Payload);
        Assert.Equal(2, (await late[0].WriteAsync(new StateWrite(key, 1, "\"again\"", []))).Version);
    }

    [Fact]
    public async Task AFreshDatabaseMigratedFromSeveralProcessesAtOnceWorks()
    {
        var database = await CreateDatabaseAsync();

        var racing = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => OpenStorageAsync(database)));
        try
        {
            var key = NewKey();
            await racing[0].WriteAsync(new StateWrite(key, 0, "{}", [Event("Created")]));
            Assert.Equal(1, (await racing[3].ReadAsync(key))!.Version);
        }
        finally
        {
            foreach (var storage in racing)
            {
                await storage.DisposeAsync();
            }
        }
    }

    /// <summary>Waits until every task has finished, whether it succeeded or not.</summary>
    protected static async Task SettleAsync(IEnumerable<Task> tasks)
    {
        try
        {
            await Task.WhenAll(tasks);
        }
        catch (Exception)
        {
            // The caller inspects each task.
        }
    }

    protected static GrainStateKey NewKey(string grainType = "account", string stateName = "state") =>
        new(new GrainId(grainType, Guid.NewGuid().ToString("N")), stateName);

    protected static EventToAppend Event(string type, string payload = "{}") =>
        new(type, payload, OccurredAt, new EventActor("user-7", "RX1", "finance"), "corr-42");

    private static async Task<List<(GrainId Grain, StateWriteResult Result, long ExpectedVersion, int Events)>> WriteJournalsAsync(AdoNetStorage storage, int writer, int writesPerGrain)
    {
        var written = new List<(GrainId, StateWriteResult, long, int)>();
        var grains = Enumerable.Range(0, 4).Select(g => NewKey($"writer-{writer}")).ToArray();
        var versions = new long[grains.Length];
        for (var round = 0; round < writesPerGrain; round++)
        {
            // Each grain's next write waits for its last, but the four grains write side by side.
            var results = await Task.WhenAll(grains.Select(async (key, g) =>
            {
                var events = Enumerable.Range(0, 1 + ((round + g) % 3)).Select(i => Event($"E{i}")).ToArray();
                var result = await storage.WriteAsync(new StateWrite(key, versions[g], "{}", events));
                return (key.Grain, result, versions[g], events.Length);
            }));
            foreach (var (grain, result, expected, count) in results)
            {
                written.Add((grain, result, expected, count));
            }

            for (var g = 0; g < grains.Length; g++)
            {
                versions[g] = results[g].result.Version;
            }
        }

        return written;
    }

    private async Task<List<StoredEvent>> ReadWholeFeedAsync(long after)
    {
        var all = new List<StoredEvent>();
        while (true)
        {
            var page = await Storage.ReadFeedAsync(after, 500);
            if (page.Count == 0)
            {
                return all;
            }

            all.AddRange(page);
            after = page[^1].Position;
        }
    }
}
