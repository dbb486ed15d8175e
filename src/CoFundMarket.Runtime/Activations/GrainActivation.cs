using System.Collections.Immutable;
using CoFundMarket.Runtime.Calls;
using CoFundMarket.Runtime.Diagnostics;
using CoFundMarket.Runtime.Grains;
using CoFundMarket.Runtime.Hosting;
using CoFundMarket.Runtime.Identity;
using CoFundMarket.Runtime.Persistence;
using CoFundMarket.Runtime.Storage;
using CoFundMarket.Runtime.Timers;
using Microsoft.Extensions.Logging;

namespace CoFundMarket.Runtime.Activations;

/// <summary>
/// One live instance of a grain and the two layers that schedule it, as in Orleans:
/// request admission (which requests may run now: non-reentrant by default, with the reentrancy
/// opt-ins) and a turn queue (one segment of grain code at a time, across awaits, on the thread pool).
/// A call to a free activation runs its first segment inline on the caller's thread.
/// </summary>
internal sealed class GrainActivation : IThreadPoolWorkItem
{
    [ThreadStatic]
    private static GrainActivation? t_constructing;

    private readonly Lock _lock = new();
    private volatile ActivationState _state = ActivationState.Activating;
    private int _running;
    private int _runningBlocking;
    private int _runningBlockingWrites;
    private Queue<GrainRequest>? _pending;
    private Queue<Segment>? _segments;
    private bool _executing;
    private bool _deactivateWhenIdle;
    private DeactivationReason _deactivationReason;
    private long _keepAliveUntilTicks;
    private List<IActivationLoader>? _loaders;
    private List<GrainTimer>? _timers;
    private TaskCompletionSource? _deactivated;

    public GrainActivation(Silo silo, GrainClass grainClass, GrainId id)
    {
        Silo = silo;
        Class = grainClass;
        Id = id;
    }

    /// <summary>The activation whose grain is being constructed on this thread (grain base constructors read it).</summary>
    public static GrainActivation? Constructing => t_constructing;

    public Silo Silo { get; }

    public GrainClass Class { get; }

    public GrainId Id { get; }

    public Grain? Instance { get; private set; }

    /// <summary>Set on every request; the collector reads and clears it each quantum.</summary>
    public bool Touched { get; set; } = true;

    /// <summary>Silo clock ticks when the collector last saw activity.</summary>
    public long IdleSinceTicks { get; set; }

    public bool IsInvalid => _state == ActivationState.Invalid;

    public ActivationState State
    {
        get
        {
            lock (_lock)
            {
                return _state;
            }
        }
    }

    /// <summary>Registers a state or journal to load before <c>OnActivateAsync</c>.</summary>
    public void AddLoader(IActivationLoader loader) => (_loaders ??= []).Add(loader);

    /// <summary>Invokes a grain method: inline when the activation is free, queued otherwise.</summary>
    public Task<T> Invoke<T>(GrainMethod<T> method, object?[] arguments, GrainRequest? caller, ImmutableDictionary<string, object>? requestValues)
    {
        var call = new GrainCall<T>(this, caller, method, arguments, requestValues);
        bool runInline;
        lock (_lock)
        {
            if (_state == ActivationState.Valid && !_deactivateWhenIdle && CanAdmit(call) && (call.AlwaysInterleave || _pending is not { Count: > 0 }))
            {
                Admit(call);
                runInline = !_executing;
                if (runInline)
                {
                    _executing = true;
                }
                else
                {
                    call.PrepareToCompleteLater();
                    EnqueueSegment(s_start, call, call);
                }
            }
            else if (_state == ActivationState.Invalid)
            {
                runInline = false;
                call = null;
            }
            else if (GrainRequest.WouldDeadlock(caller, this, call))
            {
                RuntimeTelemetry.Deadlocks.Add(1);
                throw new DeadlockException($"Deadlock refused: {GrainRequest.DescribeChain(caller, call)}. {Id} is busy serving this same call chain and would wait for itself. Make the method [AlwaysInterleave] or [ReadOnly], the grain [Reentrant], or break the cycle.");
            }
            else
            {
                call.PrepareToCompleteLater();
                (_pending ??= new()).Enqueue(call);
                return call.Completion;
            }
        }

        if (call is null)
        {
            // Deactivated between lookup and call: go through the directory for a fresh activation.
            return Silo.Directory.GetOrCreate(Id, Class).Invoke(method, arguments, caller, requestValues);
        }

        return runInline ? RunInline(call) : call.Completion;
    }

    private Task<T> RunInline<T>(GrainCall<T> call)
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(call);
        Task<T> running;
        try
        {
            running = call.InvokeGrain();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }

        if (!running.IsCompleted)
        {
            ReleaseExecutor();
            return call.CompleteLater(running);
        }

        call.RecordOutcome(running);
        EndInlineRequest(call, running.Exception?.InnerException);
        return running;
    }

    /// <summary>Queues a continuation of grain code (an await coming back) on the turn queue.</summary>
    public void Post(SendOrPostCallback callback, object? state, GrainRequest context)
    {
        bool schedule;
        lock (_lock)
        {
            schedule = EnqueueSegment(callback, state, context);
        }

        if (schedule)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    /// <summary>Enqueues a segment; true when the caller must schedule the executor (lock held).</summary>
    private bool EnqueueSegment(SendOrPostCallback callback, object? state, GrainRequest context)
    {
        (_segments ??= new()).Enqueue(new Segment(callback, state, context));
        if (_executing)
        {
            return false;
        }

        _executing = true;
        return true;
    }

    /// <summary>Runs queued segments one at a time, then returns the thread.</summary>
    void IThreadPoolWorkItem.Execute()
    {
        for (var budget = 32; budget > 0; budget--)
        {
            Segment segment;
            lock (_lock)
            {
                if (_segments is null || !_segments.TryDequeue(out segment))
                {
                    _executing = false;
                    return;
                }
            }

            SynchronizationContext.SetSynchronizationContext(segment.Context);
            try
            {
                segment.Callback(segment.State);
            }
            catch (Exception exception)
            {
                Silo.Logger.LogError(exception, "Unhandled exception in a turn of {Grain}", Id);
            }
            finally
            {
                SynchronizationContext.SetSynchronizationContext(null);
            }
        }

        // Out of budget: yield the thread so other activations get a turn, and come back later.
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    private void ReleaseExecutor()
    {
        bool schedule;
        lock (_lock)
        {
            schedule = _segments is { Count: > 0 };
            _executing = schedule;
        }

        if (schedule)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    // Orleans' MayInvokeRequest, minus call-chain reentrancy (cycles are refused instead).
    private bool CanAdmit(GrainRequest request) =>
        _runningBlocking == 0
        || request.AlwaysInterleave
        || (request.ReadOnly && _runningBlockingWrites == 0);

    private void Admit(GrainRequest request)
    {
        _running++;
        request.IsRunning = true;
        request.Blocking = !Class.Reentrant && !request.AlwaysInterleave;
        if (request.Blocking)
        {
            _runningBlocking++;
            if (!request.ReadOnly)
            {
                _runningBlockingWrites++;
            }
        }

        Touched = true;
    }

    /// <summary>Called when an admitted request finished: admit the next ones, or deactivate if asked to.</summary>
    public void EndRequest(GrainRequest request, Exception? failure)
    {
        bool schedule;
        lock (_lock)
        {
            schedule = EndRequestLocked(request, failure);
        }

        if (schedule)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    /// <summary>
    /// Ends a request that completed inline: gives up the executor and ends the request under one
    /// lock, as <see cref="ReleaseExecutor"/> then <see cref="EndRequest"/> would with nothing between them.
    /// </summary>
    private void EndInlineRequest(GrainRequest request, Exception? failure)
    {
        bool schedule;
        lock (_lock)
        {
            schedule = _segments is { Count: > 0 };
            _executing = schedule;
            schedule |= EndRequestLocked(request, failure);
        }

        if (schedule)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    /// <summary>Ends an admitted request (lock held); true when the executor must be scheduled.</summary>
    private bool EndRequestLocked(GrainRequest request, Exception? failure)
    {
        _running--;
        request.IsRunning = false;
        if (request.Blocking)
        {
            _runningBlocking--;
            if (!request.ReadOnly)
            {
                _runningBlockingWrites--;
            }
        }

        Touched = true;
        if (failure is InconsistentStateException or GrainStorageException)
        {
            RequestDeactivation(DeactivationReason.StateUncertain);
        }

        var schedule = AdmitPending();
        if (_deactivateWhenIdle && _running == 0 && _state == ActivationState.Valid)
        {
            schedule |= BeginDeactivation();
        }

        return schedule;
    }

    /// <summary>Admits queued requests that may run now (lock held); true when the executor must be scheduled.</summary>
    private bool AdmitPending()
    {
        var schedule = false;
        while (_state == ActivationState.Valid && _pending is { Count: > 0 })
        {
            var next = _pending.Peek();
            if (next.IsAbandoned)
            {
                _pending.Dequeue();
                continue;
            }

            // Shutdown serves what was already accepted; other deactivations forward it to the next activation.
            if (!CanAdmit(next) || (_deactivateWhenIdle && _deactivationReason != DeactivationReason.ShuttingDown))
            {
                break;
            }

            _pending.Dequeue();
            Admit(next);
            schedule |= EnqueueSegment(s_start, next, next);
        }

        return schedule;
    }

    /// <summary>Queues a timer tick as a request: it follows the grain's turn rules unless it interleaves.</summary>
    public void EnqueueTimerTick(Func<Task> tick, bool interleave)
    {
        var turn = new LifecycleTurn(this, "timer", tick, admitted: true, interleave);
        bool schedule = false;
        lock (_lock)
        {
            if (_state != ActivationState.Valid)
            {
                return;
            }

            if (CanAdmit(turn) && (interleave || _pending is not { Count: > 0 }) && !_deactivateWhenIdle)
            {
                Admit(turn);
                schedule = EnqueueSegment(s_start, turn, turn);
            }
            else
            {
                (_pending ??= new()).Enqueue(turn);
            }
        }

        if (schedule)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    /// <summary>Starts activation: construct, load state, OnActivateAsync, then serve what queued meanwhile.</summary>
    public void BeginActivation()
    {
        var turn = new LifecycleTurn(this, "OnActivateAsync", () => ActivateAsync(), admitted: false) { IsRunning = true, Blocking = true };
        Post(s_start, turn, turn);
    }

    private async Task ActivateAsync()
    {
        try
        {
            t_constructing = this;
            try
            {
                Instance = Class.Create(Silo.Services, this);
            }
            finally
            {
                t_constructing = null;
            }

            using var timeout = new CancellationTokenSource(Silo.Options.CallTimeout == Timeout.InfiniteTimeSpan ? Timeout.InfiniteTimeSpan : Silo.Options.CallTimeout);
            foreach (var loader in _loaders ?? [])
            {
                await loader.LoadAsync(timeout.Token);
            }

            _loaders = null; // loaders register while the grain is constructed and run once; an idle activation should not keep the list
            await Instance.OnActivateAsync(timeout.Token);
        }
        catch (Exception exception)
        {
            FailActivation(exception);
            return;
        }

        RuntimeTelemetry.Activations.Add(1);
        bool schedule;
        lock (_lock)
        {
            _state = ActivationState.Valid;
            schedule = AdmitPending();
            if (_deactivateWhenIdle && _running == 0)
            {
                schedule |= BeginDeactivation();
            }

            // Nearly every activation's first calls waited here; most grains then go idle, so give the queue back.
            if (_pending is { Count: 0 })
            {
                _pending = null;
            }
        }

        if (schedule)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    private void FailActivation(Exception exception)
    {
        RuntimeTelemetry.ActivationFailures.Add(1);
        Silo.Logger.LogWarning(exception, "Activation of {Grain} failed", Id);
        var failure = exception is GrainActivationException ? exception
            : new GrainActivationException($"Activating grain {Id} ({Class.ClassType.Name}) failed: {exception.Message}", exception);
        GrainRequest[] waiting;
        lock (_lock)
        {
            _state = ActivationState.Invalid;
            waiting = _pending?.ToArray() ?? [];
            _pending = null;
        }

        DisposeTimers();
        Silo.Directory.Remove(this);
        _deactivated?.TrySetResult();
        foreach (var request in waiting)
        {
            request.Fail(failure);
        }
    }

    /// <summary>Deactivate after the current requests (<c>DeactivateOnIdle</c>, a conflict, idle collection).</summary>
    public void RequestDeactivation(DeactivationReason reason)
    {
        bool schedule = false;
        lock (_lock)
        {
            if (!_deactivateWhenIdle)
            {
                _deactivateWhenIdle = true;
                _deactivationReason = reason;
            }

            if (_state == ActivationState.Valid && _running == 0)
            {
                schedule = BeginDeactivation();
            }
        }

        if (schedule)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    /// <summary>Deactivates now if idle and collectable; used by the idle collector.</summary>
    public Task? TryCollect(long nowTicks)
    {
        bool schedule;
        lock (_lock)
        {
            if (_state is ActivationState.Deactivating or ActivationState.Invalid)
            {
                return _deactivated?.Task; // already going: wait for it to be gone from the directory
            }

            if (_state != ActivationState.Valid || _running != 0 || _pending is { Count: > 0 } || nowTicks < _keepAliveUntilTicks)
            {
                return null;
            }

            _deactivateWhenIdle = true;
            _deactivationReason = DeactivationReason.IdleTimeout;
            schedule = BeginDeactivation();
        }

        if (schedule)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }

        return _deactivated!.Task;
    }

    /// <summary>Starts deactivating (lock held, no request running); true when the executor must be scheduled.</summary>
    private bool BeginDeactivation()
    {
        _state = ActivationState.Deactivating;
        _deactivated ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reason = _deactivationReason;
        var turn = new LifecycleTurn(this, "OnDeactivateAsync", () => DeactivateAsync(reason), admitted: false) { IsRunning = true, Blocking = true };
        return EnqueueSegment(s_start, turn, turn);
    }

    /// <summary>Deactivates for shutdown; completes when done.</summary>
    public Task DeactivateAsync()
    {
        RequestDeactivation(DeactivationReason.ShuttingDown);
        lock (_lock)
        {
            if (_state == ActivationState.Invalid)
            {
                return Task.CompletedTask;
            }

            _deactivated ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _deactivated.Task;
        }
    }

    private async Task DeactivateAsync(DeactivationReason reason)
    {
        DisposeTimers();
        try
        {
            using var timeout = new CancellationTokenSource(Silo.Options.DeactivationTimeout);
            await Instance!.OnDeactivateAsync(reason, timeout.Token).WaitAsync(Silo.Options.DeactivationTimeout);
        }
        catch (Exception exception)
        {
            // Deactivation is best effort, as in Orleans: state that matters was written by the requests themselves.
            Silo.Logger.LogWarning(exception, "OnDeactivateAsync of {Grain} failed", Id);
        }

        GrainRequest[] forward;
        lock (_lock)
        {
            _state = ActivationState.Invalid;
            forward = _pending?.ToArray() ?? [];
            _pending = null;
        }

        RuntimeTelemetry.Activations.Add(-1);
        Silo.Directory.Remove(this);
        _deactivated!.TrySetResult();
        foreach (var request in forward)
        {
            if (request is LifecycleTurn)
            {
                continue; // a timer tick dies with its activation
            }

            // Requests that queued behind the deactivation go to a new activation, as Orleans forwards them.
            var next = Silo.Directory.GetOrCreate(Id, Class);
            request.Activation = next;
            next.Forward(request);
        }
    }

    /// <summary>Accepts a request forwarded from a deactivated activation of the same grain.</summary>
    private void Forward(GrainRequest request)
    {
        bool schedule = false;
        lock (_lock)
        {
            if (_state == ActivationState.Invalid)
            {
                request.Fail(new SiloUnavailableException($"{Id} was deactivated while the request waited; retry it."));
                return;
            }

            (_pending ??= new()).Enqueue(request);
            if (_state == ActivationState.Valid)
            {
                schedule = AdmitPending();
            }
        }

        if (schedule)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    /// <summary>Marks the activation dead without deactivating it (a killed silo); queued requests fail.</summary>
    public void Kill(Exception reason)
    {
        GrainRequest[] waiting;
        lock (_lock)
        {
            if (_state == ActivationState.Invalid)
            {
                return;
            }

            _state = ActivationState.Invalid;
            waiting = _pending?.ToArray() ?? [];
            _pending = null;
        }

        DisposeTimers();
        RuntimeTelemetry.Activations.Add(-1);
        _deactivated?.TrySetResult();
        foreach (var request in waiting)
        {
            request.Fail(reason);
        }
    }

    /// <summary>Keeps the activation from idle collection until at least now + <paramref name="delay"/>.</summary>
    public void DelayDeactivation(TimeSpan delay)
    {
        var now = Silo.ClockTicks;
        lock (_lock)
        {
            _keepAliveUntilTicks = delay == TimeSpan.Zero ? 0
                : delay == Timeout.InfiniteTimeSpan || delay == TimeSpan.MaxValue ? long.MaxValue
                : now + delay.Ticks;
        }
    }

    public void AddTimer(GrainTimer timer)
    {
        lock (_lock)
        {
            (_timers ??= []).Add(timer);
        }
    }

    public void RemoveTimer(GrainTimer timer)
    {
        lock (_lock)
        {
            _timers?.Remove(timer);
        }
    }

    private void DisposeTimers()
    {
        GrainTimer[] timers;
        lock (_lock)
        {
            timers = _timers?.ToArray() ?? [];
            _timers = null;
        }

        foreach (var timer in timers)
        {
            timer.Dispose();
        }
    }

    private static readonly SendOrPostCallback s_start = static state => ((GrainRequest)state!).Start();

    private readonly record struct Segment(SendOrPostCallback Callback, object? State, GrainRequest Context);
}
