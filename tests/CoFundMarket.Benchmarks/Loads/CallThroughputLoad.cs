using CoFundMarket.Benchmarks.Grains;
using CoFundMarket.Benchmarks.Measuring;

namespace CoFundMarket.Benchmarks.Loads;

/// <summary>
/// Target 1: calls to active grains that write nothing reach at least 1,000,000 calls/s from 64
/// concurrent callers and allocate at most 200 bytes per call. Measured twice: each caller on its
/// own grain (calls to a free activation run inline on the caller's thread), and all callers on one
/// shared grain (calls queue behind each other and come back through the turn queue and a task source).
/// </summary>
internal static class CallThroughputLoad
{
    private const int Callers = 64;
    private const double TargetCallsPerSecond = 1_000_000;
    private const double TargetBytesPerCall = 200;
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Measure = TimeSpan.FromSeconds(8);

    public static async Task RunAsync()
    {
        Report.Header("calls", $"{Callers} concurrent callers calling Task<int> Get() on active grains (no state, no write)");
        await using var cluster = await BenchmarkSilo.StartAsync();
        var grains = cluster.Client;

        var distinct = Enumerable.Range(0, Callers).Select(i => grains.GetGrain<IValueGrain>($"distinct-{i:D2}")).ToArray();
        await Task.WhenAll(distinct.Select(grain => grain.Get())); // activate before measuring
        Measured("64 callers on 64 distinct grains", await ConcurrentLoad.RunForAsync(Callers, WarmUp, Measure, caller => distinct[caller].Get()));

        // Each caller holds its own reference, as separate clients of one grain would.
        var shared = Enumerable.Range(0, Callers).Select(_ => grains.GetGrain<IValueGrain>("shared")).ToArray();
        await shared[0].Get();
        Measured("64 callers on 1 shared grain", await ConcurrentLoad.RunForAsync(Callers, WarmUp, Measure, caller => shared[caller].Get()));
    }

    private static void Measured(string scenario, LoadMeasurement measurement)
    {
        Report.Detail($"{scenario}: {measurement}");
        Report.AtLeast($"calls/s, {scenario}", measurement.PerSecond, TargetCallsPerSecond, "calls/s");
        Report.AtMost($"allocated per call, {scenario}", measurement.BytesPerOperation, TargetBytesPerCall, "B/call");
    }
}
