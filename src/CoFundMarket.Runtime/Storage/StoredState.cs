namespace CoFundMarket.Runtime.Storage;

/// <summary>
/// A state row as storage holds it. <see cref="Payload"/> is null for a cleared state (a tombstone
/// keeps its version so that versions never go backwards).
/// </summary>
/// <param name="Version">The integer ETag: 1 after the first write, +1 per write (+n for n journal events).</param>
/// <param name="Payload">The JSON payload, or null when the state was cleared.</param>
/// <param name="UpdatedAt">When the row was last written.</param>
public sealed record StoredState(long Version, string? Payload, DateTimeOffset UpdatedAt);
