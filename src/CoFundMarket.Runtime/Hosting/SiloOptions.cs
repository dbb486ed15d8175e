using System.Text.Json.Serialization.Metadata;

namespace CoFundMarket.Runtime.Hosting;

/// <summary>Runtime settings of one silo; the defaults are Orleans' defaults unless noted.</summary>
public sealed class SiloOptions
{
    /// <summary>How long a caller waits for a grain call before <see cref="TimeoutException"/> (Orleans: 30 s).
    /// <see cref="Timeout.InfiniteTimeSpan"/> disables it. Measured on the real clock, not the silo's
    /// <see cref="TimeProvider"/>: it bounds real work in flight, which a manual test clock must not cut short.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an activation may stay idle before it is collected (Orleans: 15 min).</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often the collector looks for idle activations (Orleans: 1 min). Collection times are lower bounds.</summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long <c>OnDeactivateAsync</c> may take before it is abandoned (Orleans: 30 s).</summary>
    public TimeSpan DeactivationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long graceful shutdown waits for in-flight requests before deactivating anyway.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The shortest reminder period accepted (Orleans: 1 min).</summary>
    public TimeSpan MinimumReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the reminder service looks for reminders registered by other silos.</summary>
    public TimeSpan ReminderPollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a silo holds a due reminder while delivering it; after that another silo may retry it.</summary>
    public TimeSpan ReminderLeaseDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often a feed watcher polls storage for events committed by other processes.</summary>
    public TimeSpan EventFeedPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Source-generated JSON contexts for state and event types, tried before reflection.</summary>
    public IList<IJsonTypeInfoResolver> JsonTypeInfoResolvers { get; } = [];

    internal void Validate()
    {
        if (CollectionQuantum <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(CollectionQuantum), CollectionQuantum, "The collection quantum must be positive.");
        }

        if (CollectionAge <= CollectionQuantum)
        {
            throw new ArgumentOutOfRangeException(nameof(CollectionAge), CollectionAge, $"The collection age must be longer than the collection quantum ({CollectionQuantum}).");
        }

        if (CallTimeout <= TimeSpan.Zero && CallTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(CallTimeout), CallTimeout, "The call timeout must be positive or infinite.");
        }
    }
}
