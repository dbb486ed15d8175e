using CoFundMarket.Runtime.AdoNet.Reading;
using CoFundMarket.Runtime.Storage;

namespace CoFundMarket.Runtime.AdoNet.Tests;

/// <summary>
/// Feed reads served from the memory of recent commits: whatever the memory holds or lacks, a reader
/// gets what the database returns. A second instance opened afterwards has nothing in memory, so its
/// reads are the database's answer.
/// </summary>
public abstract partial class StorageConformanceTests
{
    [Fact]
    public async Task EventsServedFromMemoryEqualWhatAnotherInstanceReadsFromTheDatabase()
    {
        var key = NewKey("pledge");
        var occurredAt = new DateTimeOffset(2030, 3, 1, 9, 30, 15, TimeSpan.FromHours(2)).AddTicks(1_234_567);
        await Storage.WriteAsync(new StateWrite(key, 0, "{}",
        [
            new EventToAppend("PledgeCreated", """{"amount":100,"note":"é € 😀"}""", occurredAt, new EventActor("user-7", "RX1", "finance"), "corr-42"),
            new EventToAppend("PledgeApproved", "", DateTimeOffset.UnixEpoch, new EventActor(null, null, null), null),
            new EventToAppend("", "{}", occurredAt.ToOffset(TimeSpan.FromHours(-7)).AddTicks(9), new EventActor("", "", ""), ""),
        ]));
        await Storage.WriteAsync(new StateWrite(key, 3, null, [Event("PledgeActivated")]) { KeepsPayload = true });

        var fromMemory = await Storage.ReadFeedAsync(0, 100);
        var fromDatabase = await (await OpenAnotherAsync()).ReadFeedAsync(0, 100);

        Assert.Equal(4, fromMemory.Count);
        Assert.Equal(fromDatabase, fromMemory);

        // The very same objects a second time: these came from memory, not from the database.
        Assert.All(fromMemory.Zip(await Storage.ReadFeedAsync(0, 100)), pair => Assert.Same(pair.First, pair.Second));
    }

    [Fact]
    public async Task EventsAnotherInstanceWroteBetweenThisInstancesWritesAreReadInOrder()
    {
        var other = await OpenAnotherAsync();
        await Storage.WriteAsync(new StateWrite(NewKey(), 0, "{}", [Event("Mine"), Event("Mine")]));
        await other.WriteAsync(new StateWrite(NewKey(), 0, "{}", [Event("Theirs"), Event("Theirs")]));
        await Storage.WriteAsync(new StateWrite(NewKey(), 0, "{}", [Event("Mine"), Event("Mine")]));
        await other.WriteAsync(new StateWrite(NewKey(), 0, "{}", [Event("Theirs")]));
        await Storage.WriteAsync(new StateWrite(NewKey(), 0, "{}", [Event("Mine")]));

        var expected = await (await OpenAnotherAsync()).ReadFeedAsync(0, 100);

        Assert.Equal(["Mine", "Mine", "Theirs", "Theirs", "Mine", "Mine", "Theirs", "Mine"], expected.Select(e => e.Type));
        for (var after = 0; after <= expected.Count; after++)
        {
            for (var limit = 1; limit <= expected.Count + 1; limit++)
            {
                Assert.Equal(expected.Skip(after).Take(limit), await Storage.ReadFeedAsync(after, limit));
            }
        }
    }

    [Fact]
    public async Task ReadsFromPositionsLongEvictedFromMemoryStillReturnEverythingInOrder()
    {
        const int EventsPerWrite = 100;
        var writes = (RecentEvents.DefaultCapacity / EventsPerWrite) + 5;
        await Task.WhenAll(Enumerable.Range(0, writes).Select(_ =>
            Storage.WriteAsync(new StateWrite(NewKey(), 0, "{}", [.. Enumerable.Range(0, EventsPerWrite).Select(i => Event($"E{i}"))]))));
        var total = writes * EventsPerWrite;
        var lastEvicted = total - RecentEvents.DefaultCapacity;

        var expected = await ReadWholeFeedAsync(await OpenAnotherAsync());

        Assert.Equal(Enumerable.Range(1, total).Select(p => (long)p), expected.Select(e => e.Position));
        Assert.Equal(expected, await ReadWholeFeedAsync(Storage, pageSize: 333));
        Assert.Equal(expected.Skip(lastEvicted - 5).Take(20), await Storage.ReadFeedAsync(lastEvicted - 5, 20));
    }

    [Fact]
    public async Task AFollowerReadingSmallPagesSeesEveryPositionOnceAndInOrderWhileManyWritersCommit()
    {
        // Another instance commits alongside, so this one's memory has holes the database fills.
        var other = await OpenAnotherAsync();
        using var writersDone = new CancellationTokenSource();

        var follower = FollowFeedAsync(Storage, 0, pageSize: 7, writersDone.Token);
        var written = await Task.WhenAll(
        [
            .. Enumerable.Range(0, 6).Select(w => WriteJournalsAsync(Storage, w, writesPerGrain: 10)),
            WriteJournalsAsync(other, 6, writesPerGrain: 10),
        ]);
        await writersDone.CancelAsync();
        var seen = await follower;

        var expected = await ReadWholeFeedAsync(await OpenAnotherAsync());
        Assert.Equal(written.SelectMany(r => r).Sum(w => w.Events), expected.Count);
        Assert.Equal(expected, seen);
    }
}
