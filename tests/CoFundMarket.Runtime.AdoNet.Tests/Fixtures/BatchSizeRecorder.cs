using System.Diagnostics.Metrics;

namespace CoFundMarket.Runtime.AdoNet.Tests.Fixtures;

/// <summary>Records the size of every group-commit batch one storage commits, from its metrics.</summary>
public sealed class BatchSizeRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly List<int> _sizes = [];

    public BatchSizeRecorder(AdoNetStorage storage)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == AdoNetStorage.MeterName && instrument.Name == "cofundmarket.storage.batch.size")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>((_, size, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "db.namespace" && Equals(tag.Value, storage.Location))
                {
                    lock (_sizes)
                    {
                        _sizes.Add(size);
                    }
                }
            }
        });
        _listener.Start();
    }

    public IReadOnlyList<int> Sizes
    {
        get
        {
            lock (_sizes)
            {
                return [.. _sizes];
            }
        }
    }

    public void Dispose() => _listener.Dispose();
}
