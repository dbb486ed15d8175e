using System.Runtime.CompilerServices;
using CoFundMarket.Runtime.Storage;

namespace CoFundMarket.Runtime.EventFeed;

/// <summary>
/// The committed events of every journaled grain in global position order: the audit trail, the
/// partner feed and the source for watchers. Readers resume from the last position they saw; commits
/// in this silo wake watchers at once, commits in other processes are found by polling.
/// </summary>
public sealed class EventFeed
{
    private readonly IGrainStorage _storage;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _pollInterval;
    private TaskCompletionSource? _committed;
    private long _lastKnownPosition;

    internal EventFeed(IGrainStorage storage, TimeProvider timeProvider, TimeSpan pollInterval)
    {
        _storage = storage;
        _timeProvider = timeProvider;
        _pollInterval = pollInterval;
    }

    /// <summary>The highest position this silo has seen committed.</summary>
    public long LastKnownPosition => Interlocked.Read(ref _lastKnownPosition);

    /// <summary>Up to <paramref name="limit"/> events after <paramref name="afterPosition"/>.</summary>
    public Task<IReadOnlyList<StoredEvent>> ReadAsync(long afterPosition, int limit, CancellationToken cancellationToken = default) =>
        _storage.ReadFeedAsync(afterPosition, limit, cancellationToken);

    /// <summary>Every event after <paramref name="afterPosition"/>, then each new one as it commits, until cancelled.</summary>
    public async IAsyncEnumerable<StoredEvent> WatchAsync(long afterPosition, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        const int BatchSize = 500;
        while (!cancellationToken.IsCancellationRequested)
        {
            // Take the wake-up signal before reading, so a commit between the read and the wait is not slept through.
            var committed = WaitSignal();
            var batch = await _storage.ReadFeedAsync(afterPosition, BatchSize, cancellationToken).ConfigureAwait(false);
            foreach (var stored in batch)
            {
                yield return stored;
                afterPosition = stored.Position;
            }

            if (batch.Count < BatchSize)
            {
                await Task.WhenAny(committed, Task.Delay(_pollInterval, _timeProvider, cancellationToken)).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Wakes watchers after a commit that reached <paramref name="lastPosition"/>.</summary>
    internal void NotifyCommitted(long lastPosition)
    {
        long known;
        do
        {
            known = Interlocked.Read(ref _lastKnownPosition);
        }
        while (lastPosition > known && Interlocked.CompareExchange(ref _lastKnownPosition, lastPosition, known) != known);

        Interlocked.Exchange(ref _committed, null)?.TrySetResult();
    }

    private Task WaitSignal()
    {
        while (true)
        {
            var current = Volatile.Read(ref _committed);
            if (current is not null)
            {
                return current.Task;
            }

            var created = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (Interlocked.CompareExchange(ref _committed, created, null) is null)
            {
                return created.Task;
            }
        }
    }
}
