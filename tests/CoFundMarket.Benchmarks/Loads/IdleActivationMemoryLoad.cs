using CoFundMarket.Benchmarks.Grains;
using CoFundMarket.Benchmarks.Measuring;
using CoFundMarket.Runtime.AdoNet;
using CoFundMarket.Runtime.Hosting;
using CoFundMarket.Runtime.Testing;

namespace CoFundMarket.Benchmarks.Loads;

/// <summary>
/// Target 3: 100,000 idle activations with a small state fit in 150 MB of managed heap, and idle
/// collection gives it back (under 20 MB once they are collected). The whole process heap is measured
/// (<see cref="GC.GetTotalMemory(bool)"/> after a full collection), silo and storage included, so the
/// figures are what a host would see. Run it in a process of its own: earlier loads would leave their
/// own garbage and pools behind.
/// </summary>
internal static class IdleActivationMemoryLoad
{
    private const int Callers = 64;
    private const int Grains = 100_000;
    private const double TargetActiveMegabytes = 150;
    private const double TargetCollectedMegabytes = 20;

    public static async Task RunAsync()
    {
        Report.Header("memory", $"managed heap with {Grains:N0} idle activations of a grain with a small state, then after idle collection");
        using var directory = new TemporaryDirectory();
        var path = await CounterStateFile.CreateAsync(directory, Grains);
        await using var storage = await AdoNetStorage.CreateSqliteAsync(path);
        await using var cluster = await BenchmarkSilo.StartAsync(storage);
        var silo = cluster.Silos[0].Silo;
        var before = HeapMegabytes();

        // No grain reference outlives its call: what stays on the heap is what the silo keeps.
        await ConcurrentLoad.RunAllAsync(Callers, Grains, index => cluster.Client.GetGrain<ICounterGrain>(CounterStateFile.Key(index)).Get());
        var active = HeapMegabytes();
        Report.Detail($"heap before activating: {before:N1} MB; {silo.ActivationCount:N0} activations live");
        Report.AtMost($"managed heap, {Grains:N0} idle activations", active, TargetActiveMegabytes, "MB");
        Report.Figure("heap per activation (growth / activations)", (active - before) * 1_000_000 / Grains, "B");

        // The first pass finds every activation touched and starts its idle clock; once the clock has
        // moved past the collection age, the second pass deactivates them all.
        var options = new SiloOptions(); // the cluster runs with the defaults
        await silo.CollectIdleActivationsAsync();
        cluster.Time.Advance(options.CollectionAge + options.CollectionQuantum);
        await silo.CollectIdleActivationsAsync();
        var collected = HeapMegabytes();
        Report.Detail($"{silo.ActivationCount:N0} activations live after idle collection");
        Report.AtMost("managed heap after idle collection", collected, TargetCollectedMegabytes, "MB");
    }

    private static double HeapMegabytes() => GC.GetTotalMemory(forceFullCollection: true) / 1_000_000.0;
}
