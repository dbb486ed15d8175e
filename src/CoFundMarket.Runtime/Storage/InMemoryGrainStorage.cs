using System.Runtime.CompilerServices;
using CoFundMarket.Runtime.Identity;
using CoFundMarket.Runtime.Persistence;

namespace CoFundMarket.Runtime.Storage;

/// <summary>
/// Grain storage held in process memory (Orleans' memory provider): the same version rules as the
/// durable engines, nothing survives the process. For tests of grain logic and for throwaway hosts.
/// </summary>
public sealed class InMemoryGrainStorage : IGrainStorage
{
    private readonly Lock _lock = new();
    private readonly Dictionary<GrainStateKey, StoredState> _states = [];
    private readonly Dictionary<GrainId, List<StoredEvent>> _journals = [];
    private readonly List<StoredEvent> _feed = [];
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates an empty store.</summary>
    public InMemoryGrainStorage(TimeProvider? timeProvider = null) => _timeProvider = timeProvider ?? TimeProvider.System;

    /// <inheritdoc />
    public Task<StoredState?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_states.GetValueOrDefault(key));
        }
    }

    /// <inheritdoc />
    public Task<StateWriteResult> WriteAsync(StateWrite write, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        write.EnsureWellFormed();
        lock (_lock)
        {
            var stored = _states.GetValueOrDefault(write.Key);
            if ((stored?.Version ?? 0) != write.ExpectedVersion)
            {
                return Task.FromException<StateWriteResult>(new InconsistentStateException(write.Key.ToString(), write.ExpectedVersion, stored?.Version));
            }

            var now = _timeProvider.GetUtcNow();
            _states[write.Key] = write.KeepsPayload
                ? new StoredState(write.NewVersion, stored?.Payload, now, stored?.SnapshotVersion ?? 0)
                : new StoredState(write.NewVersion, write.Payload, now);
            var firstPosition = write.Events.Count == 0 ? 0 : _feed.Count + 1;
            if (write.Events.Count > 0)
            {
                if (!_journals.TryGetValue(write.Key.Grain, out var journal))
                {
                    _journals[write.Key.Grain] = journal = [];
                }

                for (var i = 0; i < write.Events.Count; i++)
                {
                    var e = write.Events[i];
                    var appended = new StoredEvent(_feed.Count + 1, write.Key.Grain, write.ExpectedVersion + i + 1, e.Type, e.Payload, e.OccurredAt, e.Actor, e.CorrelationId);
                    _feed.Add(appended);
                    journal.Add(appended);
                }
            }

            return Task.FromResult(new StateWriteResult(write.NewVersion, firstPosition));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredEvent>> ReadJournalAsync(GrainId grain, long afterSequence, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IReadOnlyList<StoredEvent> events = _journals.TryGetValue(grain, out var journal)
                ? journal.Where(e => e.Sequence > afterSequence).ToArray()
                : [];
            return Task.FromResult(events);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredEvent>> ReadFeedAsync(long afterPosition, int limit, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var start = (int)Math.Clamp(afterPosition, 0, _feed.Count);
            IReadOnlyList<StoredEvent> events = _feed.GetRange(start, Math.Min(limit, _feed.Count - start));
            return Task.FromResult(events);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<(GrainStateKey Key, StoredState State)> ScanAsync(string grainType, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        KeyValuePair<GrainStateKey, StoredState>[] rows;
        lock (_lock)
        {
            rows = _states.Where(p => p.Key.Grain.Type == grainType).OrderBy(p => p.Key.Grain.Key, StringComparer.Ordinal).ThenBy(p => p.Key.StateName, StringComparer.Ordinal).ToArray();
        }

        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return (row.Key, row.Value);
        }

        await Task.CompletedTask;
    }
}
