namespace CoFundMarket.Runtime.Persistence;

/// <summary>
/// A grain's durable state, loaded before <c>OnActivateAsync</c>. Every write is checked against
/// the version read (<see cref="Etag"/>); a stale write throws <see cref="InconsistentStateException"/>
/// and the activation is deactivated so the next call reloads.
/// </summary>
public interface IPersistentState<TState>
{
    /// <summary>The state; a new instance until something was written.</summary>
    TState State { get; set; }

    /// <summary>The integer version last read or written; 0 when no row exists.</summary>
    long Etag { get; }

    /// <summary>True once the state was written (and not cleared).</summary>
    bool RecordExists { get; }

    /// <summary>Reloads the state from storage.</summary>
    Task ReadStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Writes the state; completes when it is durable.</summary>
    Task WriteStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Clears the state (a tombstone that keeps the version) and resets <see cref="State"/>.</summary>
    Task ClearStateAsync(CancellationToken cancellationToken = default);
}
