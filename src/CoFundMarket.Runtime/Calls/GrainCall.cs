using System.Collections.Immutable;
using System.Diagnostics;
using CoFundMarket.Runtime.Activations;
using CoFundMarket.Runtime.Diagnostics;

namespace CoFundMarket.Runtime.Calls;

/// <summary>
/// A call of a grain method. When the activation is free it runs inline on the caller's thread and
/// its own task is handed back (no extra allocation); otherwise it waits in the activation's queue
/// and completes a <see cref="PendingCall{T}"/>, guarded by the call timeout.
/// </summary>
internal sealed class GrainCall<T> : GrainRequest
{
    private readonly GrainMethod<T> _method;
    private readonly object?[] _arguments;
    private readonly long _startTimestamp;
    private PendingCall<T>? _pending;
    private Activity? _activity;

    public GrainCall(GrainActivation activation, GrainRequest? caller, GrainMethod<T> method, object?[] arguments, ImmutableDictionary<string, object>? requestValues)
        : base(activation, caller, requestValues)
    {
        _method = method;
        _arguments = arguments;
        _startTimestamp = RuntimeTelemetry.CallDuration.Enabled ? Stopwatch.GetTimestamp() : 0;
    }

    public override bool AlwaysInterleave => _method.AlwaysInterleave;

    public override bool ReadOnly => _method.ReadOnly;

    public override bool IsAbandoned => _pending?.Task.IsCompleted == true;

    public override string Description => $"{Activation.Id}.{_method.InterfaceMethod.Name}";

    /// <summary>The task the caller awaits once the call went through the queue.</summary>
    public Task<T> Completion => _pending!.Task;

    /// <summary>Prepares to complete later: a task source and, unless infinite, the call timeout.</summary>
    public void PrepareToCompleteLater()
    {
        _pending = new PendingCall<T>(this);
        var timeout = Activation.Silo.Options.CallTimeout;
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            // Real time, not the silo's (possibly manual) clock: the timeout bounds real work in flight.
            Activation.Silo.CallTimeouts.Add(_pending, timeout);
        }
    }

    /// <summary>Invokes the grain method; must run under this request's context while the activation's turn is held.</summary>
    public Task<T> InvokeGrain()
    {
        Activity? previousActivity = null;
        if (RuntimeTelemetry.ActivitySource.HasListeners())
        {
            previousActivity = Activity.Current;
            _activity = RuntimeTelemetry.ActivitySource.StartActivity(_method.Name, ActivityKind.Internal);
            _activity?.SetTag("grain.id", Activation.Id.ToString());
        }

        try
        {
            var grain = Activation.Instance!;
            return Activation.Silo.CallFilters.Count == 0 && !Activation.Class.HasCallFilter
                ? _method.Invoke(grain, _arguments)
                : GrainCallPipeline<T>.Invoke(Activation, _method, _arguments);
        }
        catch (Exception exception)
        {
            return Task.FromException<T>(exception);
        }
        finally
        {
            // The grain's own awaits captured the call's activity; the caller's thread gets its own back.
            if (_activity is not null)
            {
                Activity.Current = previousActivity;
            }
        }
    }

    /// <summary>Finishes an inline call whose task did not complete synchronously.</summary>
    public Task<T> CompleteLater(Task<T> running)
    {
        PrepareToCompleteLater();
        var completion = _pending!.Task;
        FinishWhenDone(running);
        return completion;
    }

    public override void Start()
    {
        var running = InvokeGrain();
        if (running.IsCompleted)
        {
            Finish(running);
        }
        else
        {
            FinishWhenDone(running);
        }
    }

    // A method of its own so that only calls that really wait pay for the closure.
    private void FinishWhenDone(Task<T> running) =>
        running.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(() => Finish(running));

    /// <summary>Ends the request at its activation and hands the outcome to the caller.</summary>
    public void Finish(Task<T> finished)
    {
        RecordOutcome(finished);
        Activation.EndRequest(this, finished.Exception?.InnerException);
        if (_pending is not { } pending)
        {
            return;
        }

        CallTimeouts.Remove(pending);
        if (finished.IsCompletedSuccessfully)
        {
            pending.TrySetResult(finished.Result);
        }
        else if (finished.IsCanceled)
        {
            pending.TrySetCanceled();
        }
        else
        {
            pending.TrySetException(finished.Exception!.InnerExceptions);
        }
    }

    /// <summary>Records metrics for a call that finished inline.</summary>
    public void RecordOutcome(Task<T> finished)
    {
        RuntimeTelemetry.Calls.Add(1);
        if (!finished.IsCompletedSuccessfully)
        {
            RuntimeTelemetry.CallFailures.Add(1);
        }

        if (_startTimestamp != 0)
        {
            RuntimeTelemetry.CallDuration.Record(RuntimeTelemetry.ElapsedMilliseconds(_startTimestamp));
        }

        if (_activity is not null)
        {
            if (!finished.IsCompletedSuccessfully)
            {
                _activity.SetStatus(ActivityStatusCode.Error, finished.Exception?.InnerException?.Message ?? "cancelled");
            }

            _activity.Dispose();
        }
    }

    public override void Fail(Exception exception)
    {
        if (_pending is { } pending)
        {
            CallTimeouts.Remove(pending);
            pending.TrySetException(exception);
        }
    }

    /// <summary>The call timeout passed: the caller stops waiting (the request may still run, or have run).</summary>
    public void OnTimeout()
    {
        if (_pending!.TrySetException(new TimeoutException($"{Description} did not complete within the call timeout of {Activation.Silo.Options.CallTimeout}. Its outcome is unknown: it may still run or have run.")))
        {
            RuntimeTelemetry.Timeouts.Add(1);
        }
    }
}
