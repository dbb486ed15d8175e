namespace CoFundMarket.Runtime.Storage;

/// <summary>
/// A state row as storage holds it. <see cref="Payload"/> is null for a cleared state (a tombstone
/// keeps its version so that versions never go backwards), and for a journal that has no snapshot yet
/// (<see cref="SnapshotVersion"/> 0: its whole journal is replayed).
/// </summary>
/// <param name="Version">The integer ETag: 1 after the first write, +1 per write (+n for n journal events).</param>
/// <param name="Payload">The JSON payload, or null when the state was cleared.</param>
/// <param name="UpdatedAt">When the row was last written.</param>
/// <param name="PayloadVersion">For a journal whose last commits kept the earlier snapshot (see
/// <see cref="StateWrite.KeepsPayload"/>): the version the payload was taken at, so events after it must
/// be replayed on top; 0 when no snapshot was taken yet. Null when the payload is at <see cref="Version"/>.</param>
public sealed record StoredState(long Version, string? Payload, DateTimeOffset UpdatedAt, long? PayloadVersion = null)
{
    /// <summary>The version <see cref="Payload"/> reflects.</summary>
    public long SnapshotVersion => PayloadVersion ?? Version;
}
