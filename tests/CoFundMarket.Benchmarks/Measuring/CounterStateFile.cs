using System.Text.Json;
using CoFundMarket.Benchmarks.Grains;
using CoFundMarket.Runtime.AdoNet;
using CoFundMarket.Runtime.Identity;
using CoFundMarket.Runtime.Storage;
using CoFundMarket.Runtime.Testing;

namespace CoFundMarket.Benchmarks.Measuring;

/// <summary>
/// A SQLite file holding the stored <see cref="CounterState"/> of many counter grains, written through
/// the storage itself with the silo's JSON settings, so the rows are exactly what the grains read.
/// </summary>
internal static class CounterStateFile
{
    private const int Writers = 64;

    /// <summary>The key of counter grain number <paramref name="index"/>.</summary>
    public static string Key(int index) => $"counter-{index:D7}";

    /// <summary>Creates a SQLite file in <paramref name="directory"/> with the states of counters 0 to <paramref name="count"/> - 1; returns its path.</summary>
    public static async Task<string> CreateAsync(TemporaryDirectory directory, int count)
    {
        var path = directory.File("grains.db");
        await using var storage = await AdoNetStorage.CreateSqliteAsync(path);
        await using var silo = await BenchmarkSilo.StartAsync(storage);
        var jsonOptions = silo.Silos[0].Silo.JsonOptions;
        var written = ConcurrentLoad.RunAllAsync(Writers, count, index =>
        {
            var state = new CounterState { Count = index, Label = $"counter number {index}", UpdatedAt = DateTimeOffset.UnixEpoch.AddSeconds(index) };
            var key = new GrainStateKey(new GrainId("bench-counter", Key(index)), "counter");
            return storage.WriteAsync(new StateWrite(key, 0, JsonSerializer.Serialize(state, jsonOptions), []));
        });
        Report.Detail($"populated {count:N0} counter states in {path}: {(await written).Elapsed.TotalSeconds:F1} s");
        return path;
    }
}
