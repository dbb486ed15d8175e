using CoFundMarket.Runtime.Activations;

namespace CoFundMarket.Runtime.Timers;

/// <summary>
/// An in-memory grain timer (Orleans' <c>RegisterGrainTimer</c>): each tick is queued as a turn of
/// the activation, so it obeys the grain's reentrancy rules; the next tick is armed only after the
/// previous one finished, so ticks never overlap.
/// </summary>
internal sealed class GrainTimer : IDisposable
{
    private readonly GrainActivation _activation;
    private readonly Func<CancellationToken, Task> _callback;
    private readonly GrainTimerOptions _options;
    private readonly CancellationTokenSource _disposed = new();
    private readonly ITimer _timer;

    private GrainTimer(GrainActivation activation, Func<CancellationToken, Task> callback, GrainTimerOptions options)
    {
        _activation = activation;
        _callback = callback;
        _options = options;
        _timer = activation.Silo.TimeProvider.CreateTimer(static s => ((GrainTimer)s!).OnDue(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public static GrainTimer Start(GrainActivation activation, Func<CancellationToken, Task> callback, GrainTimerOptions options)
    {
        ArgumentNullException.ThrowIfNull(callback);
        ArgumentNullException.ThrowIfNull(options);
        var timer = new GrainTimer(activation, callback, options);
        activation.AddTimer(timer);
        timer._timer.Change(options.DueTime, Timeout.InfiniteTimeSpan);
        return timer;
    }

    public void Dispose()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        _disposed.Cancel();
        _timer.Dispose();
        _activation.RemoveTimer(this);
    }

    private void OnDue()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        if (_options.KeepAlive)
        {
            _activation.Touched = true;
        }

        _activation.EnqueueTimerTick(TickAsync, _options.Interleave);
    }

    private async Task TickAsync()
    {
        try
        {
            // Grain code: keep the activation's context.
            await _callback(_disposed.Token);
        }
        finally
        {
            if (!_disposed.IsCancellationRequested && _options.Period != Timeout.InfiniteTimeSpan)
            {
                _timer.Change(_options.Period, Timeout.InfiniteTimeSpan);
            }
        }
    }
}
