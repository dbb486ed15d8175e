namespace CoFundMarket.Runtime.Timers;

/// <summary>When a grain timer ticks and how its ticks are scheduled.</summary>
/// <param name="DueTime">Delay before the first tick.</param>
/// <param name="Period">Delay after a tick ends before the next one starts; <see cref="Timeout.InfiniteTimeSpan"/> for one tick.</param>
public sealed record GrainTimerOptions(TimeSpan DueTime, TimeSpan Period)
{
    /// <summary>Ticks interleave with requests instead of waiting for their turn.</summary>
    public bool Interleave { get; init; }

    /// <summary>A tick counts as activity, so the timer keeps the activation from idle collection.</summary>
    public bool KeepAlive { get; init; }
}
