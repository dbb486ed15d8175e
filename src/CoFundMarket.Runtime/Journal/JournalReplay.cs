using System.Text.Json;
using CoFundMarket.Runtime.Persistence;
using CoFundMarket.Runtime.Storage;

namespace CoFundMarket.Runtime.Journal;

/// <summary>Rebuilds a journaled state from its events, outside any grain (checkers, audits, tests).</summary>
public static class JournalReplay
{
    /// <summary>Applies <paramref name="events"/> in order to <c>TState.Initial</c>; checks sequences are 1, 2, 3, …</summary>
    public static (TState State, long Version) Replay<TState, TEvent>(IEnumerable<StoredEvent> events, JsonSerializerOptions options)
        where TState : class, IJournalState<TState, TEvent>
        where TEvent : class =>
        Continue<TState, TEvent>(TState.Initial, 0, events, options);

    /// <summary>Applies <paramref name="events"/> to <paramref name="state"/> taken at <paramref name="version"/>
    /// (a snapshot); checks their sequences go on from it without a gap.</summary>
    public static (TState State, long Version) Continue<TState, TEvent>(TState state, long version, IEnumerable<StoredEvent> events, JsonSerializerOptions options)
        where TState : class, IJournalState<TState, TEvent>
        where TEvent : class
    {
        foreach (var stored in events)
        {
            if (stored.Sequence != version + 1)
            {
                throw new GrainStateFormatException($"The journal of {stored.Grain} jumps from sequence {version} to {stored.Sequence}.");
            }

            state = state.Apply(ReadEvent<TEvent>(stored, options));
            version = stored.Sequence;
        }

        return (state, version);
    }

    /// <summary>Reads one stored event as its concrete type.</summary>
    public static TEvent ReadEvent<TEvent>(StoredEvent stored, JsonSerializerOptions options) where TEvent : class
    {
        var type = EventTypes<TEvent>.TypeOf(stored.Type);
        try
        {
            return (TEvent?)JsonSerializer.Deserialize(stored.Payload, type, options)
                ?? throw new GrainStateFormatException($"Event {stored.Sequence} of {stored.Grain} is JSON null.");
        }
        catch (JsonException e)
        {
            throw new GrainStateFormatException($"Event {stored.Sequence} ({stored.Type}) of {stored.Grain} no longer reads as {type.Name}: {e.Message}", e);
        }
    }
}
