using CoFundMarket.Runtime.Identity;

namespace CoFundMarket.Runtime.Storage;

/// <summary>A committed event: immutable, with its global position and its sequence within its grain.</summary>
/// <param name="Position">Global, gap-free, starts at 1, in commit order.</param>
/// <param name="Grain">The grain whose journal holds the event.</param>
/// <param name="Sequence">1-based position within that grain's journal.</param>
/// <param name="Type">The stable event type name.</param>
/// <param name="Payload">The event as JSON.</param>
/// <param name="OccurredAt">When it happened.</param>
/// <param name="Actor">Who caused it.</param>
/// <param name="CorrelationId">The request that caused it.</param>
public sealed record StoredEvent(
    long Position,
    GrainId Grain,
    long Sequence,
    string Type,
    string Payload,
    DateTimeOffset OccurredAt,
    EventActor Actor,
    string? CorrelationId);
