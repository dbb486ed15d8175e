using System.Diagnostics.Metrics;
using CoFundMarket.Runtime.AdoNet;

namespace CoFundMarket.Benchmarks.Measuring;

/// <summary>
/// Listens to the storage's batch-size histogram while a write load runs, to tell how many writes
/// shared each durable commit: the figure that explains a write throughput.
/// </summary>
internal sealed class GroupCommitProbe : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _batches;
    private long _writes;

    public GroupCommitProbe()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == AdoNetStorage.MeterName && instrument.Name == "cofundmarket.storage.batch.size")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>((_, writes, _, _) =>
        {
            Interlocked.Increment(ref _batches);
            Interlocked.Add(ref _writes, writes);
        });
        _listener.Start();
    }

    /// <summary>Writes per durable commit since the probe started.</summary>
    public double WritesPerCommit => (double)Interlocked.Read(ref _writes) / Math.Max(1, Interlocked.Read(ref _batches));

    public void Dispose() => _listener.Dispose();
}
