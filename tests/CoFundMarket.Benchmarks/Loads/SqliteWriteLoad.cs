using CoFundMarket.Benchmarks.Measuring;
using CoFundMarket.Runtime.AdoNet;
using CoFundMarket.Runtime.Testing;

namespace CoFundMarket.Benchmarks.Loads;

/// <summary>
/// Target 4: durable state writes on SQLite (WAL, <c>synchronous=FULL</c>) reach at least 20,000
/// writes/s from 64 concurrent grains. In the same run, on the same disk, a plain one-commit-per-write
/// loop (<see cref="SqliteCommitBaseline"/>) shows what durability costs without group commit.
/// </summary>
internal static class SqliteWriteLoad
{
    private const double TargetWritesPerSecond = 20_000;
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Measure = TimeSpan.FromSeconds(12);

    public static async Task RunAsync()
    {
        Report.Header("sqlite-writes", $"durable grain state writes on SQLite (WAL, synchronous=FULL), {DurableWriteLoad.Grains} concurrent grains");
        using var directory = new TemporaryDirectory();
        LoadMeasurement grainWrites;
        await using (var storage = await AdoNetStorage.CreateSqliteAsync(directory.File("grains.db")))
        {
            grainWrites = await DurableWriteLoad.RunAsync(storage, WarmUp, Measure);
        }

        var baseline = SqliteCommitBaseline.Run(directory.File("baseline.db"), WarmUp, Measure);
        Report.Detail($"baseline: {baseline}");
        Report.AtLeast($"grain writes/s, {DurableWriteLoad.Grains} grains, SQLite FULL", grainWrites.PerSecond, TargetWritesPerSecond, "writes/s");
        Report.Figure("baseline: one commit per write, SQLite FULL (commits/s)", baseline.PerSecond, "writes/s");
        Report.Figure("grain writes / baseline", grainWrites.PerSecond / baseline.PerSecond, "x");
    }
}
