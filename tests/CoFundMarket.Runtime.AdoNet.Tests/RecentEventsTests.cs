using CoFundMarket.Runtime.AdoNet.Reading;
using CoFundMarket.Runtime.Identity;
using CoFundMarket.Runtime.Storage;

namespace CoFundMarket.Runtime.AdoNet.Tests;

/// <summary>The ring of recently committed events on its own, small enough to fill; the conformance suite checks it against the databases.</summary>
public sealed class RecentEventsTests
{
    private static readonly GrainId Grain = new("pledge", "p1");
    private readonly RecentEvents _ring = new(capacity: 8);

    [Theory]
    [InlineData(1, 3, 4)] // stops at the limit
    [InlineData(2, 100, 5)] // stops at the newest position committed
    public void ARunThatFillsTheLimitOrReachesTheNewestCommittedPositionIsComplete(long after, int limit, long last)
    {
        Commit(firstPosition: 1, count: 5);

        var run = _ring.ReadAfter(after, limit);

        Assert.Equal(Enumerable.Range((int)after + 1, (int)(last - after)).Select(p => (long)p), run.Events.Select(e => e.Position));
        Assert.True(run.IsComplete);
    }

    [Fact]
    public void ARunThatStopsAtAHoleAsksForTheDatabase()
    {
        Commit(firstPosition: 1, count: 2);
        Commit(firstPosition: 5, count: 2);

        var run = _ring.ReadAfter(0, 100);

        Assert.Equal([1L, 2L], run.Events.Select(e => e.Position));
        Assert.False(run.IsComplete);
    }

    [Fact]
    public void NothingIsServedForAPositionTheRingNeverHeld()
    {
        Commit(firstPosition: 5, count: 2);

        Assert.Equal(RecentRun.None, _ring.ReadAfter(0, 100));
        Assert.Equal(RecentRun.None, _ring.ReadAfter(6, 100));
        Assert.Equal(RecentRun.None, _ring.ReadAfter(-3, 100));
        Assert.Equal(RecentRun.None, _ring.ReadAfter(long.MaxValue, 100));
    }

    [Fact]
    public void EvictedPositionsAreNotServed()
    {
        Commit(firstPosition: 1, count: 12);

        Assert.Equal(RecentRun.None, _ring.ReadAfter(3, 100));
        Assert.Equal([5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L], _ring.ReadAfter(4, 100).Events.Select(e => e.Position));
    }

    [Fact]
    public void ABatchCompletingLateDoesNotEvictNewerEvents()
    {
        // Two writer loops: the batch holding 9..12 completes before the one holding 1..8.
        Commit(firstPosition: 9, count: 4);
        Commit(firstPosition: 1, count: 8);

        Assert.Equal([9L, 10L, 11L, 12L], _ring.ReadAfter(8, 100).Events.Select(e => e.Position));
        Assert.Equal([5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L], _ring.ReadAfter(4, 100).Events.Select(e => e.Position));
    }

    [Fact]
    public void AnEventIsKeptAsTheDatabaseReadsItBack()
    {
        var occurredAt = new DateTimeOffset(2030, 3, 1, 9, 30, 15, TimeSpan.FromHours(2)).AddTicks(1_234_567);
        var actor = new EventActor("user-7", null, "finance");
        var write = new StateWrite(new GrainStateKey(Grain, "state"), 4, "{}", [new EventToAppend("PledgeActivated", """{"a":1}""", occurredAt, actor, null)]);

        _ring.Add(write, new StateWriteResult(5, 17));

        var stored = Assert.Single(_ring.ReadAfter(16, 1).Events);
        Assert.Equal(new StoredEvent(17, Grain, 5, "PledgeActivated", """{"a":1}""", new DateTimeOffset(2030, 3, 1, 7, 30, 15, TimeSpan.Zero).AddTicks(1_234_560), actor, null), stored);
        Assert.Equal(TimeSpan.Zero, stored.OccurredAt.Offset);
    }

    // The lone surrogate goes in as a number: xunit would replace it in a string argument.
    [Theory]
    [InlineData(0xD800, " then more")]
    [InlineData(0xDC00, " then more")]
    [InlineData(0xD83D, "")]
    public void AnEventWithTextUtf8CannotHoldIsLeftToTheDatabase(int loneSurrogate, string after)
    {
        var text = $"text {(char)loneSurrogate}{after}";
        Commit(firstPosition: 1, count: 1);
        _ring.Add(new StateWrite(new GrainStateKey(Grain, "state"), 1, "{}", [Event(text)]), new StateWriteResult(2, 2));

        var run = _ring.ReadAfter(0, 100);

        Assert.Equal([1L], run.Events.Select(e => e.Position));
        Assert.False(run.IsComplete);
    }

    [Fact]
    public void TextWithSurrogatePairsIsKept()
    {
        _ring.Add(new StateWrite(new GrainStateKey(Grain, "state"), 0, "{}", [Event("funded 🎉 at last 😀")]), new StateWriteResult(1, 1));

        Assert.Equal("funded 🎉 at last 😀", Assert.Single(_ring.ReadAfter(0, 100).Events).Type);
    }

    private void Commit(long firstPosition, int count) =>
        _ring.Add(
            new StateWrite(new GrainStateKey(new GrainId("pledge", $"p{firstPosition}"), "state"), 0, "{}", [.. Enumerable.Range(0, count).Select(i => Event($"E{i}"))]),
            new StateWriteResult(count, firstPosition));

    private static EventToAppend Event(string type) => new(type, "{}", DateTimeOffset.UnixEpoch, EventActor.System, "corr-1");
}
