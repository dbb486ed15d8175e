using CoFundMarket.Runtime.AdoNet;
using CoFundMarket.Runtime.Identity;
using CoFundMarket.Runtime.Journal;
using CoFundMarket.Runtime.Storage;
using CoFundMarket.Runtime.Testing;
using CoFundMarket.Runtime.Tests.Grains;

namespace CoFundMarket.Runtime.Tests;

public sealed class CoalescingTests
{
    [Fact]
    public async Task AReentrantJournaledGrainCoalescesConcurrentConfirmsIntoFewerCommits()
    {
        using var directory = new TemporaryDirectory();
        {
            await using var sqlite = await AdoNetStorage.CreateSqliteAsync(directory.File("hot.db"));
            var counting = new CountingStorage(sqlite);
            await using var cluster = await Clusters.Start(storage: counting);
            var account = cluster.Client.GetGrain<IHotAccountGrain>("hot");

            var balances = await Task.WhenAll(Enumerable.Range(1, 200).Select(i => account.Deposit(1, $"d{i}")));

            var journal = await sqlite.ReadJournalAsync(new GrainId("hot-account", "hot"), 0);
            Assert.Equal(200, journal.Count);
            Assert.Equal(200, (await account.Read()).Balance);
            Assert.Equal(200, balances.Max());
            Assert.True(counting.Writes < 200, $"{counting.Writes} commits for 200 confirms");
            var (replayed, version) = JournalReplay.Replay<AccountState, AccountEvent>(journal, cluster.Silos[0].Silo.JsonOptions);
            Assert.Equal((200L, 200L), (replayed.Balance, version));
        }
    }

    private sealed class CountingStorage(IGrainStorage inner) : IGrainStorage
    {
        private int _writes;

        public int Writes => _writes;

        public Task<StoredState?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken = default) => inner.ReadAsync(key, cancellationToken);

        public Task<StateWriteResult> WriteAsync(StateWrite write, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _writes);
            return inner.WriteAsync(write, cancellationToken);
        }

        public Task<IReadOnlyList<StoredEvent>> ReadJournalAsync(GrainId grain, long afterSequence, CancellationToken cancellationToken = default) => inner.ReadJournalAsync(grain, afterSequence, cancellationToken);

        public Task<IReadOnlyList<StoredEvent>> ReadFeedAsync(long afterPosition, int limit, CancellationToken cancellationToken = default) => inner.ReadFeedAsync(afterPosition, limit, cancellationToken);

        public IAsyncEnumerable<(GrainStateKey Key, StoredState State)> ScanAsync(string grainType, CancellationToken cancellationToken = default) => inner.ScanAsync(grainType, cancellationToken);
    }
}
