namespace CoFundMarket.Runtime.Storage;

/// <summary>
/// One conditional write: succeeds only when the stored version equals <see cref="ExpectedVersion"/>
/// (0 = no row may exist yet). A journal commit carries its events, which are stored in the same
/// transaction with sequences <c>ExpectedVersion + 1 …</c> and consecutive global feed positions.
/// Only one state of a grain carries events (the journal), so a grain's sequences are gap-free.
/// </summary>
/// <param name="Key">The grain state being written.</param>
/// <param name="ExpectedVersion">The version the writer last saw; 0 when it saw no row.</param>
/// <param name="Payload">The new JSON payload, or null to clear the state (a tombstone).</param>
/// <param name="Events">Events to append atomically with the state; empty for plain state.</param>
public sealed record StateWrite(GrainStateKey Key, long ExpectedVersion, string? Payload, IReadOnlyList<EventToAppend> Events)
{
    /// <summary>
    /// A journal commit that appends its events but leaves the stored snapshot (and the version it was
    /// taken at) as it is, so a large state is not rewritten on every commit; readers replay the events
    /// after the snapshot. On a new row (<see cref="ExpectedVersion"/> 0) there is no snapshot yet: readers
    /// replay the whole journal. Only with events and a null <see cref="Payload"/>.
    /// </summary>
    public bool KeepsPayload { get; init; }

    /// <summary>Refuses a <see cref="KeepsPayload"/> write that has no events or a payload of its own.</summary>
    /// <exception cref="ArgumentException">The write is malformed.</exception>
    public void EnsureWellFormed()
    {
        if (KeepsPayload && (Events.Count == 0 || Payload is not null))
        {
            throw new ArgumentException($"A write to {Key} that keeps the stored snapshot needs events and no payload of its own.");
        }
    }

    /// <summary>The version the row has after this write succeeds.</summary>
    public long NewVersion => ExpectedVersion + Math.Max(1, Events.Count);
}

/// <summary>An event about to be appended to a grain's journal.</summary>
/// <param name="Type">The stable event type name (for example <c>PledgeActivated</c>).</param>
/// <param name="Payload">The event as JSON.</param>
/// <param name="OccurredAt">When the event happened (the silo's clock).</param>
/// <param name="Actor">Who caused it.</param>
/// <param name="CorrelationId">The request that caused it, for tracing a change across grains.</param>
public sealed record EventToAppend(string Type, string Payload, DateTimeOffset OccurredAt, EventActor Actor, string? CorrelationId);

/// <summary>The person or system behind an event. Every part may be empty for system actions.</summary>
/// <param name="UserId">The user (JWT <c>sub</c>) or system name.</param>
/// <param name="OrganisationCode">The organisation the actor acted for.</param>
/// <param name="Role">The role the actor acted in.</param>
public sealed record EventActor(string? UserId, string? OrganisationCode, string? Role)
{
    /// <summary>The runtime itself (reminders, compensation).</summary>
    public static EventActor System { get; } = new("system", null, "system");
}

/// <summary>What a successful write returns.</summary>
/// <param name="Version">The row's new version (the new ETag).</param>
/// <param name="FirstPosition">The global feed position of the first appended event, or 0 when none; the write's
/// other events follow it consecutively.</param>
public readonly record struct StateWriteResult(long Version, long FirstPosition);
