using CoFundMarket.Runtime.Grains;
using CoFundMarket.Runtime.Identity;
using CoFundMarket.Runtime.Persistence;
using CoFundMarket.Runtime.Storage;
using CoFundMarket.Runtime.Tests.Grains;

namespace CoFundMarket.Runtime.Tests;

public sealed class PersistenceTests
{
    [Fact]
    public async Task WrittenStateIsThereAfterTheGrainIsDeactivated()
    {
        await using var cluster = await Clusters.Start();
        var note = cluster.Client.GetGrain<INoteGrain>("kept");
        await note.Write("hello");

        await cluster.Silos[0].Silo.DeactivateAsync(new GrainId("note", "kept"));

        Assert.Equal(0, cluster.Silos[0].Silo.ActivationCount);
        Assert.Equal(new NoteState { Text = "hello", Writes = 1 }, await note.Read());
        Assert.Equal(1, await note.Etag());
    }

    [Fact]
    public async Task TheEtagIsAnIntegerVersionThatGrowsByOnePerWrite()
    {
        await using var cluster = await Clusters.Start();
        var note = cluster.Client.GetGrain<INoteGrain>("versions");

        Assert.Equal(1, await note.Write("a"));
        Assert.Equal(2, await note.Write("b"));
        await note.Clear();
        Assert.Equal(3, await note.Etag());
        Assert.Equal(4, await note.Write("c"));
    }

    [Fact]
    public async Task AStaleWriteAfterAnotherSilosWriteThrowsAndTheNextCallSeesFreshState()
    {
        await using var cluster = await Clusters.Start(silos: 2);
        var onFirst = cluster.Silos[0].Silo.GetGrain<INoteGrain>("contested");
        var onSecond = cluster.Silos[1].Silo.GetGrain<INoteGrain>("contested");
        await onFirst.Write("first");
        Assert.Equal("first", (await onSecond.Read()).Text);

        await onSecond.Write("second");
        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => onFirst.Write("stale"));

        Assert.Contains("note/contested#note", conflict.Message, StringComparison.Ordinal);
        Assert.Equal(1, conflict.ExpectedVersion);
        Assert.Equal(2, conflict.StoredVersion);
        Assert.Equal(new NoteState { Text = "second", Writes = 2 }, await onFirst.Read());
        Assert.Equal(3, await onFirst.Write("retried"));
    }

    [Fact]
    public async Task TwoGrainTypesWithTheSameKeyAndStateNameKeepSeparateRows()
    {
        await using var cluster = await Clusters.Start();

        await cluster.Client.GetGrain<INoteGrain>("same").Write("note");
        await cluster.Client.GetGrain<IOtherNoteGrain>("same").Write("other");

        Assert.Equal("note", (await cluster.Client.GetGrain<INoteGrain>("same").Read()).Text);
        Assert.Equal("other", (await cluster.Client.GetGrain<IOtherNoteGrain>("same").Read()).Text);
        Assert.NotNull(await cluster.Storage.ReadAsync(new GrainStateKey(new GrainId("note", "same"), "note")));
        Assert.NotNull(await cluster.Storage.ReadAsync(new GrainStateKey(new GrainId("other-note", "same"), "note")));
    }

    [Fact]
    public async Task APayloadThatNoLongerDeserializesFailsActivationNamingTheGrain()
    {
        await using var cluster = await Clusters.Start();
        var key = new GrainStateKey(new GrainId("note", "corrupt"), "note");
        await cluster.Storage.WriteAsync(new StateWrite(key, 0, """{"text":"x","writes":"not a number"}""", []));

        var failure = await Assert.ThrowsAsync<GrainActivationException>(() => cluster.Client.GetGrain<INoteGrain>("corrupt").Read());

        var format = Assert.IsType<GrainStateFormatException>(failure.InnerException);
        Assert.Contains("note/corrupt#note", format.Message, StringComparison.Ordinal);
        Assert.Contains("NoteState", format.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APayloadWithAnUnknownMemberIsRefusedNotSilentlyDropped()
    {
        await using var cluster = await Clusters.Start();
        var key = new GrainStateKey(new GrainId("note", "renamed"), "note");
        await cluster.Storage.WriteAsync(new StateWrite(key, 0, """{"text":"x","writes":1,"colour":"blue"}""", []));

        var failure = await Assert.ThrowsAsync<GrainActivationException>(() => cluster.Client.GetGrain<INoteGrain>("renamed").Read());

        Assert.Contains("colour", failure.InnerException!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStorageOutageSurfacesAsAnExceptionAndTheNextCallReloads()
    {
        var storage = new FlakyStorage();
        await using var cluster = await Clusters.Start(storage: storage);
        var note = cluster.Client.GetGrain<INoteGrain>("outage");
        await note.Write("before");

        storage.Down = true;
        var failure = await Assert.ThrowsAsync<GrainStorageException>(() => note.Write("during"));
        storage.Down = false;

        Assert.Contains("storage is down", failure.Message, StringComparison.Ordinal);
        Assert.Equal("before", (await note.Read()).Text);
    }

    /// <summary>In-memory storage whose writes can be made to fail, to show how the runtime reacts to an outage.
    /// (The real engines' outage behaviour is tested in CoFundMarket.Runtime.AdoNet.Tests against a stopped server.)</summary>
    private sealed class FlakyStorage : IGrainStorage
    {
        private readonly InMemoryGrainStorage _inner = new();

        public bool Down { get; set; }

        public Task<StoredState?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken = default) => _inner.ReadAsync(key, cancellationToken);

        public Task<StateWriteResult> WriteAsync(StateWrite write, CancellationToken cancellationToken = default) =>
            Down ? Task.FromException<StateWriteResult>(new GrainStorageException($"Writing {write.Key} failed: storage is down.")) : _inner.WriteAsync(write, cancellationToken);

        public Task<IReadOnlyList<StoredEvent>> ReadJournalAsync(GrainId grain, long afterSequence, CancellationToken cancellationToken = default) => _inner.ReadJournalAsync(grain, afterSequence, cancellationToken);

        public Task<IReadOnlyList<StoredEvent>> ReadFeedAsync(long afterPosition, int limit, CancellationToken cancellationToken = default) => _inner.ReadFeedAsync(afterPosition, limit, cancellationToken);

        public IAsyncEnumerable<(GrainStateKey Key, StoredState State)> ScanAsync(string grainType, CancellationToken cancellationToken = default) => _inner.ScanAsync(grainType, cancellationToken);
    }
}
