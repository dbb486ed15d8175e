using BenchmarkDotNet.Attributes;
using CoFundMarket.Benchmarks.Grains;
using CoFundMarket.Benchmarks.Measuring;
using CoFundMarket.Runtime.Testing;

namespace CoFundMarket.Benchmarks.Micro;

/// <summary>
/// The latency and allocation of one call to an active grain that writes nothing, with nothing else
/// running: the grain reference, admission, the inline turn, telemetry and the result task. The
/// figure behind target 1's bytes per call, measured by BenchmarkDotNet's MemoryDiagnoser.
/// </summary>
[MemoryDiagnoser]
public class GrainCallBenchmark
{
    private TestCluster _cluster = null!;
    private IValueGrain _grain = null!;

    [GlobalSetup]
    public void StartSilo()
    {
        _cluster = BenchmarkSilo.StartAsync().GetAwaiter().GetResult();
        _grain = _cluster.Client.GetGrain<IValueGrain>("benchmark");
        _grain.Get().GetAwaiter().GetResult(); // activate
    }

    [GlobalCleanup]
    public void StopSilo() => _cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>One call of <c>Task&lt;int&gt; Get()</c> on the active grain.</summary>
    [Benchmark]
    public Task<int> CallActiveGrain() => _grain.Get();
}
