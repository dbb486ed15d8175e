using CoFundMarket.Benchmarks.Grains;
using CoFundMarket.Benchmarks.Measuring;
using CoFundMarket.Runtime.AdoNet;
using CoFundMarket.Runtime.Testing;

namespace CoFundMarket.Benchmarks.Loads;

/// <summary>
/// Target 2: activating grains nobody has called yet, each reading its state from SQLite, reaches at
/// least 20,000 activations/s. The states are written to a SQLite file first; then a fresh storage and
/// a fresh silo open it, warm up on other grains of the same file, and 64 concurrent callers each call
/// the next unseen grain until all have been called once. Each call creates the grain reference,
/// activates (construct, read and deserialize the state, OnActivateAsync) and returns the stored count.
/// </summary>
internal static class SqliteActivationLoad
{
    private const int Callers = 64;
    private const int WarmUpGrains = 20_000;
    private const int MeasuredGrains = 200_000;
    private const double TargetActivationsPerSecond = 20_000;

    public static async Task RunAsync()
    {
        Report.Header("activations", $"activating {MeasuredGrains:N0} unseen grains whose state is read from SQLite, {Callers} concurrent callers");
        using var directory = new TemporaryDirectory();
        var path = await CounterStateFile.CreateAsync(directory, WarmUpGrains + MeasuredGrains);
        await using var storage = await AdoNetStorage.CreateSqliteAsync(path);
        await using var cluster = await BenchmarkSilo.StartAsync(storage);
        var grains = cluster.Client;

        // Grains MeasuredGrains … MeasuredGrains + WarmUpGrains - 1 warm the path up; 0 … MeasuredGrains - 1 are measured.
        await ConcurrentLoad.RunAllAsync(Callers, WarmUpGrains, index => grains.GetGrain<ICounterGrain>(CounterStateFile.Key(MeasuredGrains + index)).Get());
        var measurement = await ConcurrentLoad.RunAllAsync(Callers, MeasuredGrains, async index =>
        {
            if (await grains.GetGrain<ICounterGrain>(CounterStateFile.Key(index)).Get() != index)
            {
                throw new InvalidOperationException($"Counter {index} did not load its stored state.");
            }
        });

        Report.Detail($"activations: {measurement}; {cluster.Silos[0].Silo.ActivationCount:N0} activations live");
        Report.AtLeast("activations/s, state read from SQLite", measurement.PerSecond, TargetActivationsPerSecond, "activations/s");
        Report.Figure("allocated per activation", measurement.BytesPerOperation, "B");
    }
}
