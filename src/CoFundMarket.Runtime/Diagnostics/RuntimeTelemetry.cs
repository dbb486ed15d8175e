using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CoFundMarket.Runtime.Diagnostics;

/// <summary>The runtime's meter and activity source, both named <c>CoFundMarket.Runtime</c>.</summary>
public static class RuntimeTelemetry
{
    /// <summary>The name of the meter and of the activity source.</summary>
    public const string Name = "CoFundMarket.Runtime";

    /// <summary>Traces of grain calls, activations and storage operations.</summary>
    public static readonly ActivitySource ActivitySource = new(Name);

    private static readonly Meter s_meter = new(Name);

    internal static readonly UpDownCounter<long> Activations = s_meter.CreateUpDownCounter<long>("cofund.runtime.activations", description: "Live grain activations.");
    internal static readonly Counter<long> ActivationFailures = s_meter.CreateCounter<long>("cofund.runtime.activation.failures", description: "Activations that failed to load or start.");
    internal static readonly Counter<long> Calls = s_meter.CreateCounter<long>("cofund.runtime.calls", description: "Grain calls served.");
    internal static readonly Counter<long> CallFailures = s_meter.CreateCounter<long>("cofund.runtime.call.failures", description: "Grain calls that ended with an exception.");
    internal static readonly Histogram<double> CallDuration = s_meter.CreateHistogram<double>("cofund.runtime.call.duration", unit: "ms", description: "Grain call latency, from admission to completion.");
    internal static readonly Counter<long> Deadlocks = s_meter.CreateCounter<long>("cofund.runtime.deadlocks", description: "Call cycles refused with DeadlockException.");
    internal static readonly Counter<long> Timeouts = s_meter.CreateCounter<long>("cofund.runtime.call.timeouts", description: "Grain calls that timed out.");
    internal static readonly Histogram<double> StorageDuration = s_meter.CreateHistogram<double>("cofund.runtime.storage.duration", unit: "ms", description: "Storage read and write latency seen by grains.");
    internal static readonly Counter<long> StorageConflicts = s_meter.CreateCounter<long>("cofund.runtime.storage.conflicts", description: "Writes refused because another writer changed the version first.");
    internal static readonly Counter<long> RemindersDelivered = s_meter.CreateCounter<long>("cofund.runtime.reminders.delivered", description: "Reminder ticks delivered to grains.");

    internal static double ElapsedMilliseconds(long startTimestamp) => Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds;
}
