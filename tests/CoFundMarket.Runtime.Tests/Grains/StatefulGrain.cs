using CoFundMarket.Runtime.Grains;
using CoFundMarket.Runtime.Persistence;

namespace CoFundMarket.Runtime.Tests.Grains;

public sealed record NoteState
{
    public string Text { get; init; } = "";

    public int Writes { get; init; }
}

public interface INoteGrain : IGrainWithStringKey
{
    Task<NoteState> Read();

    Task<long> Write(string text);

    Task Clear();

    Task<long> Etag();

    Task KeepAliveFor(TimeSpan delay);

    Task DeactivateSoon();
}

[GrainType("note")]
public sealed class NoteGrain([PersistentState("note")] IPersistentState<NoteState> note) : Grain, INoteGrain
{
    public Task<NoteState> Read() => Task.FromResult(note.State);

    public async Task<long> Write(string text)
    {
        note.State = note.State with { Text = text, Writes = note.State.Writes + 1 };
        await note.WriteStateAsync();
        return note.Etag;
    }

    public Task Clear() => note.ClearStateAsync();

    public Task<long> Etag() => Task.FromResult(note.Etag);

    public Task KeepAliveFor(TimeSpan delay)
    {
        DelayDeactivation(delay);
        return Task.CompletedTask;
    }

    public Task DeactivateSoon()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}

/// <summary>A second grain type with the same state name: its rows must never collide with the note's.</summary>
public interface IOtherNoteGrain : IGrainWithStringKey
{
    Task<long> Write(string text);

    Task<NoteState> Read();
}

[GrainType("other-note")]
public sealed class OtherNoteGrain([PersistentState("note")] IPersistentState<NoteState> note) : Grain, IOtherNoteGrain
{
    public async Task<long> Write(string text)
    {
        note.State = note.State with { Text = text };
        await note.WriteStateAsync();
        return note.Etag;
    }

    public Task<NoteState> Read() => Task.FromResult(note.State);
}
