using System.Diagnostics;
using System.Diagnostics.Metrics;
using CoFundMarket.Runtime.AdoNet;

namespace CoFundMarket.Benchmarks.Measuring;

/// <summary>
/// Listens to the storage's group-commit metrics while a write load runs: how many writes shared each
/// durable commit, how long a commit took, and how much of the wall time the writer loops spent committing —
/// the figures that tell whether a write throughput is bound by the writer or by something else.
/// </summary>
internal sealed class GroupCommitProbe : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly long _started = Stopwatch.GetTimestamp();
    private long _batches;
    private long _writes;
    private long _commitMicroseconds;

    public GroupCommitProbe()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == AdoNetStorage.MeterName && instrument.Name is "cofundmarket.storage.batch.size" or "cofundmarket.storage.batch.duration")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>((_, writes, _, _) =>
        {
            Interlocked.Increment(ref _batches);
            Interlocked.Add(ref _writes, writes);
        });
        _listener.SetMeasurementEventCallback<double>((_, seconds, _, _) => Interlocked.Add(ref _commitMicroseconds, (long)(seconds * 1e6)));
        _listener.Start();
    }

    /// <summary>Writes (state writes and reminder changes) per durable commit since the probe started.</summary>
    public double WritesPerCommit => (double)Interlocked.Read(ref _writes) / Math.Max(1, Interlocked.Read(ref _batches));

    /// <summary>Mean time of one batch, from taking the connection to the end of COMMIT.</summary>
    public TimeSpan MeanCommit => TimeSpan.FromMicroseconds((double)Interlocked.Read(ref _commitMicroseconds) / Math.Max(1, Interlocked.Read(ref _batches)));

    /// <summary>Time spent committing over wall time since the probe started (summed over writer loops, so up to their count).</summary>
    public double WriterBusy => Interlocked.Read(ref _commitMicroseconds) / Stopwatch.GetElapsedTime(_started).TotalMicroseconds;

    /// <summary>One line for a report.</summary>
    public string Summary => $"{WritesPerCommit:F1} writes per commit, {MeanCommit.TotalMilliseconds:F2} ms per commit, writers busy {WriterBusy:P0} of the time";

    public void Dispose() => _listener.Dispose();
}
