using CoFundMarket.Benchmarks.Measuring;
using CoFundMarket.Runtime.AdoNet;
using CoFundMarket.Runtime.Testing;
using Npgsql;

namespace CoFundMarket.Benchmarks.Loads;

/// <summary>
/// Target 5: durable grain state writes on PostgreSQL (<c>synchronous_commit=on</c>, <c>fsync=on</c>)
/// reach at least 1.5 times the TPS <c>pgbench -N</c> reaches against the same throwaway server at
/// the same concurrency (64), measured in the same run. pgbench also runs at 8 and 32 clients, to
/// show where the server saturates.
/// </summary>
internal static class PostgresWriteLoad
{
    private const double TargetRatio = 1.5;
    private const int PgbenchScale = 20;
    private const int PgbenchThreads = 2;
    private static readonly int[] PgbenchClients = [8, 32, DurableWriteLoad.Grains];
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);

    public static async Task RunAsync()
    {
        Report.Header("postgres-writes", $"durable grain state writes on PostgreSQL (synchronous_commit=on) vs pgbench -N, {DurableWriteLoad.Grains} concurrent clients");
        await using var server = await TemporaryPostgresServer.CreateAsync();
        Report.Detail($"temporary PostgreSQL on 127.0.0.1:{server.Port} ({server.Directory}), fsync=on, synchronous_commit=on");

        var pgbench = new Pgbench(server, "pgbench");
        await server.CreateDatabaseAsync("pgbench");
        await pgbench.InitializeAsync(PgbenchScale);
        var tpsAtGrainConcurrency = 0.0;
        foreach (var clients in PgbenchClients)
        {
            await CheckpointAsync(server);
            var (tps, commandLine) = await pgbench.RunSimpleUpdateAsync(clients, PgbenchThreads, Duration);
            Report.Figure($"{commandLine} (scale {PgbenchScale})", tps, "tps");
            if (clients == DurableWriteLoad.Grains)
            {
                tpsAtGrainConcurrency = tps;
            }
        }

        var connectionString = await server.CreateDatabaseAsync("grains");
        await CheckpointAsync(server);
        LoadMeasurement grainWrites;
        await using (var storage = await AdoNetStorage.CreatePostgresAsync(connectionString))
        {
            grainWrites = await DurableWriteLoad.RunAsync(storage, WarmUp, Duration);
        }

        Report.Figure($"grain writes/s, {DurableWriteLoad.Grains} grains, PostgreSQL", grainWrites.PerSecond, "writes/s");
        Report.AtLeast($"grain writes/s / pgbench -N tps at -c {DurableWriteLoad.Grains}", grainWrites.PerSecond / tpsAtGrainConcurrency, TargetRatio, "x");
    }

    /// <summary>Flushes dirty pages before a measurement, so one run does not pay for the previous one's writes.</summary>
    private static async Task CheckpointAsync(TemporaryPostgresServer server)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("CHECKPOINT", connection);
        await command.ExecuteNonQueryAsync();
    }
}
