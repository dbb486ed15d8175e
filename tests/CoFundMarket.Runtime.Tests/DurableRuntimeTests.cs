using CoFundMarket.Runtime.AdoNet;
using CoFundMarket.Runtime.Identity;
using CoFundMarket.Runtime.Journal;
using CoFundMarket.Runtime.Persistence;
using CoFundMarket.Runtime.Storage;
using CoFundMarket.Runtime.Testing;
using CoFundMarket.Runtime.Tests.Grains;

namespace CoFundMarket.Runtime.Tests;

/// <summary>The runtime's persistence semantics on the real engines, not only in memory.</summary>
public abstract class DurableRuntimeTests : IAsyncLifetime
{
    private AdoNetStorage _storage = null!;

    protected abstract Task<AdoNetStorage> CreateStorageAsync();

    public async Task InitializeAsync() => _storage = await CreateStorageAsync();

    public virtual async Task DisposeAsync() => await _storage.DisposeAsync();

    [Fact]
    public async Task AStaleWriteAfterAnotherSilosWriteThrowsAndTheNextCallSeesFreshState()
    {
        await using var cluster = await Clusters.Start(silos: 2, storage: _storage, reminders: _storage);
        var onFirst = cluster.Silos[0].Silo.GetGrain<INoteGrain>("contested");
        var onSecond = cluster.Silos[1].Silo.GetGrain<INoteGrain>("contested");
        await onFirst.Write("first");
        await onSecond.Read();
        await onSecond.Write("second");

        await Assert.ThrowsAsync<InconsistentStateException>(() => onFirst.Write("stale"));

        Assert.Equal("second", (await onFirst.Read()).Text);
    }

    [Fact]
    public async Task ReplayingTheJournalEqualsTheStoredSnapshotAndAReloadRebuildsTheState()
    {
        await using var cluster = await Clusters.Start(storage: _storage, reminders: _storage);
        var account = cluster.Client.GetGrain<IAccountGrain>("durable");
        await Task.WhenAll(Enumerable.Range(1, 30).Select(i => account.Deposit(i, $"memo {i}")));
        await account.DepositTwiceAtomically(7);
        for (var i = 31; i <= 120; i++)
        {
            await account.Deposit(i, $"a longer memo so that the state outgrows the snapshot interval, number {i}");
        }

        var grain = new GrainId("account", "durable");
        var json = cluster.Silos[0].Silo.JsonOptions;
        var journal = await _storage.ReadJournalAsync(grain, 0);
        var (replayed, version) = JournalReplay.Replay<AccountState, AccountEvent>(journal, json);
        var stored = await _storage.ReadAsync(new GrainStateKey(grain, "journal"));
        var (atSnapshot, _) = JournalReplay.Replay<AccountState, AccountEvent>(journal.TakeWhile(e => e.Sequence <= stored!.SnapshotVersion), json);

        Assert.Equal(122, version);
        Assert.Equal(stored!.Version, version);
        Assert.True(stored.SnapshotVersion < stored.Version, $"a growing state is not rewritten on every commit (snapshot at {stored.SnapshotVersion} of {stored.Version})");
        Assert.Equal(stored.Payload, System.Text.Json.JsonSerializer.Serialize(atSnapshot, json));

        // A new activation reads the snapshot, replays the events after it, and goes on from the right version.
        var restarted = await cluster.RestartSiloAsync(cluster.Silos[0]);
        var reloaded = restarted.Silo.GetGrain<IAccountGrain>("durable");
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(replayed, json), System.Text.Json.JsonSerializer.Serialize(await reloaded.Read(), json));
        await reloaded.Deposit(1, "after the reload");
        Assert.Equal(123, await reloaded.JournalVersion());
    }

    [Fact]
    public async Task AReminderFiresAfterTheSiloWasKilledAndRestarted()
    {
        await using var cluster = await Clusters.Start(storage: _storage, reminders: _storage);
        await cluster.Client.GetGrain<IReminderGrain>("deadline").Remind("deadline", TimeSpan.FromHours(1), TimeSpan.FromDays(1));

        var restarted = await cluster.RestartSiloAsync(cluster.Silos[0]);
        cluster.Time.Advance(TimeSpan.FromHours(1));
        await restarted.Silo.DeliverDueRemindersAsync();

        Assert.Equal(1, (await restarted.Silo.GetGrain<IReminderGrain>("deadline").Log()).Ticks);
    }

    [Fact]
    public async Task AnIdleGrainIsCollectedAndComesBackWithItsState()
    {
        await using var cluster = await Clusters.Start(storage: _storage, reminders: _storage);
        var silo = cluster.Silos[0].Silo;
        await cluster.Client.GetGrain<INoteGrain>("idle").Write("kept on disk");

        cluster.Time.Advance(TimeSpan.FromMinutes(1));
        await silo.CollectIdleActivationsAsync();
        cluster.Time.Advance(TimeSpan.FromMinutes(15));
        await silo.CollectIdleActivationsAsync();

        Assert.Equal(0, silo.ActivationCount);
        Assert.Equal("kept on disk", (await cluster.Client.GetGrain<INoteGrain>("idle").Read()).Text);
    }
}

public sealed class SqliteRuntimeTests : DurableRuntimeTests
{
    private readonly TemporaryDirectory _directory = new();

    protected override Task<AdoNetStorage> CreateStorageAsync() => AdoNetStorage.CreateSqliteAsync(_directory.File("runtime.db"));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _directory.Dispose();
    }
}

public sealed class PostgresRuntimeTests : DurableRuntimeTests
{
    private TemporaryPostgresServer? _server;

    protected override async Task<AdoNetStorage> CreateStorageAsync()
    {
        _server = await TemporaryPostgresServer.CreateAsync();
        return await AdoNetStorage.CreatePostgresAsync(_server.ConnectionString);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _server!.DisposeAsync();
    }
}
