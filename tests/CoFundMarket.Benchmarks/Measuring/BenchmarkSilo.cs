using CoFundMarket.Benchmarks.Grains;
using CoFundMarket.Runtime.Storage;
using CoFundMarket.Runtime.Testing;

namespace CoFundMarket.Benchmarks.Measuring;

/// <summary>
/// Starts the silo every load program measures: one silo of the project's <see cref="TestCluster"/>
/// (the same <c>Silo</c> a host builds with <c>AddGrainRuntime</c>, default options), serving the
/// benchmark grains. Its clock is manual, so idle collection happens only when a program advances it;
/// call timeouts still run on the real clock, as in production.
/// </summary>
internal static class BenchmarkSilo
{
    public static Task<TestCluster> StartAsync(IGrainStorage? storage = null) =>
        TestCluster.StartAsync(
            [typeof(BenchmarkSilo).Assembly],
            siloCount: 1,
            storage: storage,
            configureOptions: options => options.JsonTypeInfoResolvers.Add(BenchmarkJsonContext.Default));
}
