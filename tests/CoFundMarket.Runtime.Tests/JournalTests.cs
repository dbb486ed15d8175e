using CoFundMarket.Runtime.Context;
using CoFundMarket.Runtime.Identity;
using CoFundMarket.Runtime.Journal;
using CoFundMarket.Runtime.Persistence;
using CoFundMarket.Runtime.Storage;
using CoFundMarket.Runtime.Tests.Grains;

namespace CoFundMarket.Runtime.Tests;

public sealed class JournalTests
{
    [Fact]
    public async Task ASmallJournalHasNoSnapshotAndItsReplayIsTheState()
    {
        await using var cluster = await Clusters.Start();
        var account = cluster.Client.GetGrain<IAccountGrain>("replayed");
        for (var i = 1; i <= 20; i++)
        {
            await account.Deposit(i * 100, $"deposit {i}");
            if (i % 3 == 0)
            {
                await account.Withdraw(50);
            }
        }

        var grain = new GrainId("account", "replayed");
        var events = await cluster.Storage.ReadJournalAsync(grain, 0);
        var (replayed, version) = JournalReplay.Replay<AccountState, AccountEvent>(events, cluster.Silos[0].Silo.JsonOptions);
        var stored = await cluster.Storage.ReadAsync(new GrainStateKey(grain, "journal"));

        // 26 short events stay under the minimum snapshot interval: no snapshot was written, only the events.
        Assert.Equal(26, version);
        Assert.Equal((26L, (string?)null, 0L), (stored!.Version, stored.Payload, stored.SnapshotVersion));
        Assert.Equal((await account.Read()).Balance, replayed.Balance);

        // A new activation rebuilds the state from the first event.
        await cluster.Silos[0].Silo.DeactivateAsync(grain);
        Assert.Equal(replayed.Balance, (await account.Read()).Balance);
        Assert.Equal(26, await account.JournalVersion());
    }

    [Fact]
    public async Task EventsRaisedTogetherCommitTogetherWithConsecutivePositions()
    {
        await using var cluster = await Clusters.Start();
        var account = cluster.Client.GetGrain<IAccountGrain>("atomic");

        await account.DepositTwiceAtomically(10);

        var feed = await cluster.Storage.ReadFeedAsync(0, 100);
        Assert.Equal([1L, 2L], feed.Select(e => e.Position));
        Assert.Equal([1L, 2L], feed.Select(e => e.Sequence));
        Assert.Equal(["Deposited", "Deposited"], feed.Select(e => e.Type));
    }

    [Fact]
    public async Task EventsCarryTheActorAndCorrelationIdOfTheRequest()
    {
        await using var cluster = await Clusters.Start();
        RequestContext.Actor = new EventActor("alice", "RTE", "org_lead");
        RequestContext.CorrelationId = "req-42";

        await cluster.Client.GetGrain<IAccountGrain>("audited").Deposit(500, "audited");
        RequestContext.Clear();

        var stored = Assert.Single(await cluster.Storage.ReadFeedAsync(0, 10));
        Assert.Equal(new EventActor("alice", "RTE", "org_lead"), stored.Actor);
        Assert.Equal("req-42", stored.CorrelationId);
        Assert.Equal(cluster.Time.GetUtcNow(), stored.OccurredAt);
    }

    [Fact]
    public async Task AConflictingJournalCommitStoresNoEventsAndTheGrainReloads()
    {
        await using var cluster = await Clusters.Start(silos: 2);
        var first = cluster.Silos[0].Silo.GetGrain<IAccountGrain>("raced");
        var second = cluster.Silos[1].Silo.GetGrain<IAccountGrain>("raced");
        await first.Deposit(100, "one");
        await second.Read();
        await first.Deposit(100, "two");

        await Assert.ThrowsAsync<InconsistentStateException>(() => second.Deposit(999, "stale"));

        var journal = await cluster.Storage.ReadJournalAsync(new GrainId("account", "raced"), 0);
        Assert.Equal(2, journal.Count);
        Assert.Equal(200, (await second.Read()).Balance);
        Assert.Equal(2, await second.JournalVersion());
    }

    [Fact]
    public async Task ARefusedCommandRaisesNoEvent()
    {
        await using var cluster = await Clusters.Start();
        var account = cluster.Client.GetGrain<IAccountGrain>("refusing");
        await account.Deposit(100, "only");

        await Assert.ThrowsAsync<InvalidOperationException>(() => account.Withdraw(1_000));

        Assert.Single(await cluster.Storage.ReadFeedAsync(0, 10));
        Assert.Equal(100, (await account.Read()).Balance);
    }

    [Fact]
    public async Task TheFeedWatcherSeesCommitsAsTheyHappen()
    {
        await using var cluster = await Clusters.Start();
        var silo = cluster.Silos[0].Silo;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var seen = new List<long>();
        var watching = Task.Run(async () =>
        {
            await foreach (var stored in silo.EventFeed.WatchAsync(0, stop.Token))
            {
                seen.Add(stored.Position);
                if (stored.Position == 5)
                {
                    return;
                }
            }
        });

        for (var i = 0; i < 5; i++)
        {
            await cluster.Client.GetGrain<IAccountGrain>($"watched-{i}").Deposit(1, "w");
        }

        await watching;
        Assert.Equal([1L, 2L, 3L, 4L, 5L], seen);
    }
}
