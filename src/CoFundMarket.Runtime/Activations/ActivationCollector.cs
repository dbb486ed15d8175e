using CoFundMarket.Runtime.Hosting;
using Microsoft.Extensions.Logging;

namespace CoFundMarket.Runtime.Activations;

/// <summary>
/// Idle collection: every quantum, activations untouched for longer than their collection age are
/// deactivated, so memory follows the working set rather than every grain ever called. Activity is
/// sampled per quantum (a flag set by each request), so collection times are lower bounds, as in Orleans.
/// </summary>
internal sealed class ActivationCollector(Silo silo)
{
    private ITimer? _timer;

    public void Start() =>
        _timer = silo.TimeProvider.CreateTimer(static s => _ = ((ActivationCollector)s!).CollectAsync(), this, silo.Options.CollectionQuantum, silo.Options.CollectionQuantum);

    public void Stop() => _timer?.Dispose();

    public async Task CollectAsync()
    {
        var now = silo.ClockTicks;
        var collecting = new List<Task>();
        foreach (var activation in silo.Directory.All)
        {
            if (activation.State != ActivationState.Valid && activation.TryCollect(now) is { } underway)
            {
                collecting.Add(underway);
                continue;
            }

            if (activation.Touched)
            {
                activation.Touched = false;
                activation.IdleSinceTicks = now;
                continue;
            }

            if (activation.Class.KeepAlive)
            {
                continue;
            }

            var age = activation.Class.CollectionAge ?? silo.Options.CollectionAge;
            if (now - activation.IdleSinceTicks >= age.Ticks && activation.TryCollect(now) is { } deactivation)
            {
                collecting.Add(deactivation);
            }
        }

        if (collecting.Count > 0)
        {
            silo.Logger.LogDebug("Collecting {Count} idle activations", collecting.Count);
            await Task.WhenAll(collecting);
        }
    }
}
