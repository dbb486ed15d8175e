using CoFundMarket.Runtime.Identity;

namespace CoFundMarket.Runtime.Reminders;

/// <summary>
/// Durable reminder rows shared by every silo. Delivery is at least once: a silo leases a due
/// reminder (a conditional update on its version), delivers it, then moves it to its next due time.
/// </summary>
public interface IReminderStore
{
    /// <summary>Creates or replaces a reminder; returns the stored row.</summary>
    Task<ReminderEntry> UpsertAsync(GrainId grain, string name, DateTimeOffset dueAt, TimeSpan period, CancellationToken cancellationToken = default);

    /// <summary>Deletes a reminder; false when there was none.</summary>
    Task<bool> RemoveAsync(GrainId grain, string name, CancellationToken cancellationToken = default);

    /// <summary>One grain's reminders.</summary>
    Task<IReadOnlyList<ReminderEntry>> ReadAsync(GrainId grain, CancellationToken cancellationToken = default);

    /// <summary>Reminders due at <paramref name="now"/> whose lease (if any) has expired, earliest first.</summary>
    Task<IReadOnlyList<ReminderEntry>> ReadDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default);

    /// <summary>The earliest time any reminder can next be delivered: its due time, or its lease expiry when
    /// it is leased (so a leased reminder does not wake the service continuously). Null when there are none.</summary>
    Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims a due reminder until <paramref name="leaseUntil"/> if its version is unchanged.
    /// Returns the claimed row (with a new version) or null when another silo claimed or changed it.
    /// </summary>
    Task<ReminderEntry?> TryLeaseAsync(ReminderEntry entry, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default);

    /// <summary>
    /// After a delivered tick: moves the reminder to <paramref name="nextDueAt"/> and clears the lease,
    /// if its version is unchanged (a grain that re-registered or removed it in its tick wins).
    /// </summary>
    Task<bool> CompleteTickAsync(ReminderEntry leased, DateTimeOffset nextDueAt, CancellationToken cancellationToken = default);
}
