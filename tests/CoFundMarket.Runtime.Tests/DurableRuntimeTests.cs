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
    public async Task ReplayingTheJournalEqualsTheStoredSnapshot()
    {
        await using var cluster = await Clusters.Start(storage: _storage, reminders: _storage);
        var account = cluster.Client.GetGrain<IAccountGrain>("durable");
        await Task.WhenAll(Enumerable.Range(1, 30).Select(i => account.Deposit(i, $"memo {i}")));
        await account.DepositTwiceAtomically(7);

        var grain = new GrainId("account", "durable");
        var (replayed, version) = JournalReplay.Replay<AccountState, AccountEvent>(await _storage.ReadJournalAsync(grain, 0), cluster.Silos[0].Silo.JsonOptions);
        var snapshot = await _storage.ReadAsync(new GrainStateKey(grain, "journal"));

        Assert.Equal(32, version);
        Assert.Equal(snapshot!.Version, version);
        Assert.Equal(snapshot.Payload, System.Text.Json.JsonSerializer.Serialize(replayed, cluster.Silos[0].Silo.JsonOptions));
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
