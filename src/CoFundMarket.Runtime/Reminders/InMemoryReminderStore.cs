using CoFundMarket.Runtime.Identity;

namespace CoFundMarket.Runtime.Reminders;

/// <summary>Reminder rows in process memory, with the same lease and version rules as the durable stores.</summary>
public sealed class InMemoryReminderStore : IReminderStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(GrainId Grain, string Name), ReminderEntry> _entries = [];

    /// <inheritdoc />
    public Task<ReminderEntry> UpsertAsync(GrainId grain, string name, DateTimeOffset dueAt, TimeSpan period, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var version = _entries.TryGetValue((grain, name), out var existing) ? existing.Version + 1 : 1;
            var entry = new ReminderEntry(grain, name, dueAt, period, version, null);
            _entries[(grain, name)] = entry;
            return Task.FromResult(entry);
        }
    }

    /// <inheritdoc />
    public Task<bool> RemoveAsync(GrainId grain, string name, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_entries.Remove((grain, name)));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ReminderEntry>> ReadAsync(GrainId grain, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IReadOnlyList<ReminderEntry> entries = _entries.Values.Where(e => e.Grain == grain).OrderBy(e => e.Name, StringComparer.Ordinal).ToArray();
            return Task.FromResult(entries);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ReminderEntry>> ReadDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IReadOnlyList<ReminderEntry> due = _entries.Values
                .Where(e => e.DueAt <= now && (e.LeaseUntil is null || e.LeaseUntil <= now))
                .OrderBy(e => e.DueAt).Take(limit).ToArray();
            return Task.FromResult(due);
        }
    }

    /// <inheritdoc />
    public Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_entries.Count == 0 ? (DateTimeOffset?)null : _entries.Values.Min(e => e.LeaseUntil is { } lease && lease > e.DueAt ? lease : e.DueAt));
        }
    }

    /// <inheritdoc />
    public Task<ReminderEntry?> TryLeaseAsync(ReminderEntry entry, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue((entry.Grain, entry.Name), out var current) || current.Version != entry.Version)
            {
                return Task.FromResult<ReminderEntry?>(null);
            }

            var leased = current with { Version = current.Version + 1, LeaseUntil = leaseUntil };
            _entries[(entry.Grain, entry.Name)] = leased;
            return Task.FromResult<ReminderEntry?>(leased);
        }
    }

    /// <inheritdoc />
    public Task<bool> CompleteTickAsync(ReminderEntry leased, DateTimeOffset nextDueAt, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue((leased.Grain, leased.Name), out var current) || current.Version != leased.Version)
            {
                return Task.FromResult(false);
            }

            _entries[(leased.Grain, leased.Name)] = current with { Version = current.Version + 1, DueAt = nextDueAt, LeaseUntil = null };
            return Task.FromResult(true);
        }
    }
}
