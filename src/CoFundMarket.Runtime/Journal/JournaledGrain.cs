using System.Diagnostics;
using CoFundMarket.Runtime.Activations;
using CoFundMarket.Runtime.Context;
using CoFundMarket.Runtime.Diagnostics;
using CoFundMarket.Runtime.Grains;
using CoFundMarket.Runtime.Persistence;
using CoFundMarket.Runtime.Storage;

namespace CoFundMarket.Runtime.Journal;

/// <summary>
/// A grain whose state changes only by events. <see cref="RaiseEvent"/> applies an event to the
/// state at once; <see cref="ConfirmEvents"/> commits all raised events in one storage transaction,
/// checked against the version, and the events get their global feed positions. If the commit fails,
/// the raised events are discarded and the grain is deactivated.
/// A commit also carries a fresh snapshot of the state only once the events written since the last
/// snapshot are at least as large as it: a state that grows with every event (a project with
/// thousands of pledges) then costs amortised O(event) per commit instead of O(state), and activation
/// replays at most a snapshot's worth of events on top of the stored snapshot.
/// </summary>
public abstract class JournaledGrain<TState, TEvent> : Grain, IActivationLoader
    where TState : class, IJournalState<TState, TEvent>
    where TEvent : class
{
    /// <summary>The state name of the snapshot row.</summary>
    public const string JournalStateName = "journal";

    // A small state is cheaper to rewrite than to replay: snapshot at least this often (in JSON chars).
    private const int MinSnapshotInterval = 2_048;

    private readonly GrainStateKey _key;
    private readonly List<EventToAppend> _unconfirmed = [];
    private TState _confirmed = TState.Initial;
    private TaskCompletionSource? _currentCommit;
    private TaskCompletionSource? _nextCommit;
    private int _snapshotLength;
    private long _eventLengthSinceSnapshot;

    /// <summary>Registers the journal to load before <see cref="Grain.OnActivateAsync"/>.</summary>
    protected JournaledGrain()
    {
        _key = new GrainStateKey(GrainId, JournalStateName);
        State = _confirmed;
        Activation.AddLoader(this);
    }

    /// <summary>The current state, including raised events not yet confirmed.</summary>
    protected TState State { get; private set; }

    /// <summary>The number of confirmed events (the snapshot's version).</summary>
    protected long Version { get; private set; }

    /// <summary>Events raised since the last confirm.</summary>
    protected int UnconfirmedCount => _unconfirmed.Count;

    /// <summary>Applies <paramref name="event"/> to <see cref="State"/> and keeps it for the next <see cref="ConfirmEvents"/>.
    /// The actor and correlation id come from the <see cref="RequestContext"/>.</summary>
    protected void RaiseEvent(TEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var next = State.Apply(@event);
        var type = @event.GetType();
        _unconfirmed.Add(new EventToAppend(
            EventTypes<TEvent>.NameOf(type),
            Activation.Silo.Serializer.Serialize(@event, type),
            StoragePrecision.Truncate(Activation.Silo.TimeProvider.GetUtcNow()), // an event reads back exactly as it was raised
            RequestContext.Actor,
            RequestContext.CorrelationId));
        State = next;
    }

    /// <summary>
    /// Commits the raised events and the state snapshot atomically; completes when they are durable.
    /// In a [Reentrant] grain, requests that confirm while a commit is in flight are coalesced into the
    /// next commit (Chirper's pattern), so a hot grain pays one storage round trip per batch, not per call.
    /// </summary>
    /// <exception cref="InconsistentStateException">Another activation wrote first; nothing was committed.</exception>
    protected Task ConfirmEvents()
    {
        if (_unconfirmed.Count == 0)
        {
            // Nothing new: wait for whatever is already on its way (it may hold this request's events).
            return _nextCommit?.Task ?? _currentCommit?.Task ?? Task.CompletedTask;
        }

        if (_currentCommit is not null)
        {
            return (_nextCommit ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        }

        _currentCommit = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = _currentCommit.Task;
        _ = CommitBatchesAsync();
        return first;
    }

    /// <summary>Writes batches until no request waits for one; runs in the grain's turns.</summary>
    private async Task CommitBatchesAsync()
    {
        while (_currentCommit is { } batch)
        {
            var snapshot = State;
            var eventLength = _eventLengthSinceSnapshot + _unconfirmed.Sum(e => (long)e.Payload.Length);
            // A new journal starts without a snapshot (a pledge, a few small events, never gets one): every snapshot
            // written is a row written, and storage pays for rows, not bytes.
            var takesSnapshot = eventLength >= Math.Max(_snapshotLength, MinSnapshotInterval);
            var payload = takesSnapshot ? Activation.Silo.Serializer.Serialize(snapshot, typeof(TState)) : null;
            var write = new StateWrite(_key, Version, payload, [.. _unconfirmed]) { KeepsPayload = !takesSnapshot };
            _unconfirmed.Clear();
            var started = Stopwatch.GetTimestamp();
            try
            {
                var result = await Activation.Silo.Storage.WriteAsync(write);
                Version = result.Version;
                _confirmed = snapshot;
                (_snapshotLength, _eventLengthSinceSnapshot) = payload is null ? (_snapshotLength, eventLength) : (payload.Length, 0);
                Activation.Silo.EventFeed.NotifyCommitted(result.FirstPosition + write.Events.Count - 1);
            }
            catch (Exception e)
            {
                // Failed or unknown outcome: drop every tentative event and reload on the next call.
                if (e is InconsistentStateException)
                {
                    RuntimeTelemetry.StorageConflicts.Add(1);
                }

                var next = _nextCommit;
                (_currentCommit, _nextCommit) = (null, null);
                State = _confirmed;
                _unconfirmed.Clear();
                Activation.RequestDeactivation(DeactivationReason.StateUncertain);
                batch.TrySetException(e);
                next?.TrySetException(e);
                return;
            }
            finally
            {
                RuntimeTelemetry.StorageDuration.Record(RuntimeTelemetry.ElapsedMilliseconds(started));
            }

            (_currentCommit, _nextCommit) = (_nextCommit, null);
            batch.TrySetResult();
        }
    }

    async Task IActivationLoader.LoadAsync(CancellationToken cancellationToken)
    {
        var stored = await Activation.Silo.Storage.ReadAsync(_key, cancellationToken);
        var serializer = Activation.Silo.Serializer;
        var state = stored?.Payload is { } payload
            ? (TState)serializer.Deserialize(payload, typeof(TState), $"Journal snapshot {_key} (version {stored.SnapshotVersion})")
            : TState.Initial;
        (_snapshotLength, _eventLengthSinceSnapshot) = (stored?.Payload?.Length ?? 0, 0);
        if (stored is not null && stored.SnapshotVersion < stored.Version)
        {
            // Commits after the snapshot (or, with none yet, every commit) kept it and wrote only their events: replay
            // those. Events past the row's version belong to a writer that committed after the row was read; they are
            // left out, and this activation's first commit will conflict and reload.
            var journal = (await Activation.Silo.Storage.ReadJournalAsync(GrainId, stored.SnapshotVersion, cancellationToken))
                .TakeWhile(e => e.Sequence <= stored.Version).ToList();
            (state, var version) = JournalReplay.Continue<TState, TEvent>(state, stored.SnapshotVersion, journal, serializer.Options);
            _eventLengthSinceSnapshot = journal.Sum(e => (long)e.Payload.Length);
            if (version != stored.Version)
            {
                throw new GrainStateFormatException($"The journal of {GrainId} ends at sequence {version}, but its state row is at version {stored.Version}.");
            }
        }

        _confirmed = state;
        Version = stored?.Version ?? 0;
        State = _confirmed;
    }
}
