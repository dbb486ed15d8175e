namespace CoFundMarket.Runtime.Journal;

/// <summary>
/// The state of a journaled grain: immutable, starting from <see cref="Initial"/>, changed only by
/// applying events. Because it is a pure function of the events, replaying a journal rebuilds it exactly.
/// </summary>
public interface IJournalState<TSelf, in TEvent> where TSelf : IJournalState<TSelf, TEvent>
{
    /// <summary>The state before any event.</summary>
    static abstract TSelf Initial { get; }

    /// <summary>The state after <paramref name="event"/>. Throws when the event cannot apply (a bug, never user input).</summary>
    TSelf Apply(TEvent @event);
}
