using CoFundMarket.Benchmarks.Grains;
using CoFundMarket.Benchmarks.Measuring;
using CoFundMarket.Runtime.Storage;

namespace CoFundMarket.Benchmarks.Loads;

/// <summary>
/// The grain side of targets 4 and 5: 64 counter grains, each called in a loop by its own caller;
/// every call mutates the grain's state and awaits <c>WriteStateAsync</c>, so each answered call is
/// one durable, version-checked write. The storage's group commit decides how many share a commit.
/// </summary>
internal static class DurableWriteLoad
{
    public const int Grains = 64;

    public static async Task<LoadMeasurement> RunAsync(IGrainStorage storage, TimeSpan warmUp, TimeSpan measure)
    {
        await using var cluster = await BenchmarkSilo.StartAsync(storage);
        var counters = Enumerable.Range(0, Grains).Select(i => cluster.Client.GetGrain<ICounterGrain>($"writer-{i:D2}")).ToArray();
        await Task.WhenAll(counters.Select(counter => counter.Get())); // activate before measuring
        using var probe = new GroupCommitProbe();
        var measurement = await ConcurrentLoad.RunForAsync(Grains, warmUp, measure, caller => counters[caller].Increment());
        Report.Detail($"grain writes: {measurement}; {probe.Summary}");
        return measurement;
    }
}
