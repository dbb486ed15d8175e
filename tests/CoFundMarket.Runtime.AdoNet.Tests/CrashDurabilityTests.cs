using System.Diagnostics;
using System.Globalization;
using CoFundMarket.Runtime.AdoNet.Tests.Fixtures;
using CoFundMarket.Runtime.Identity;
using CoFundMarket.Runtime.Storage;
using CoFundMarket.Runtime.Testing;

namespace CoFundMarket.Runtime.AdoNet.Tests;

/// <summary>
/// Acknowledged = committed: a writer process killed with SIGKILL in the middle of its work loses
/// none of the writes it had acknowledged. The writer is CoFundMarket.Runtime.CrashProbe, a separate
/// process, so the kill is a real kill -9 and not an in-process simulation.
/// </summary>
public sealed class CrashDurabilityTests(PostgresServerFixture postgres) : IClassFixture<PostgresServerFixture>, IDisposable
{
    private const int AcksBeforeKill = 500;
    private static readonly TimeSpan ProbeDeadline = TimeSpan.FromSeconds(60);
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public async Task SqliteKeepsEveryAcknowledgedWriteThroughASigkill()
    {
        var path = _directory.File("crash.db");

        var acknowledged = await RunProbeUntilKilledAsync("sqlite", path);

        await using var storage = await AdoNetStorage.CreateSqliteAsync(path);
        await AssertEveryAcknowledgedWriteIsStoredAsync(storage, acknowledged);
    }

    [Fact]
    public async Task PostgresKeepsEveryAcknowledgedWriteThroughASigkillAndAServerCrash()
    {
        var database = await postgres.CreateDatabaseAsync();

        var acknowledged = await RunProbeUntilKilledAsync("postgres", database);
        await postgres.Server.StopAsync(PostgresShutdownMode.Immediate);
        await postgres.Server.StartAsync();

        await using var storage = await AdoNetStorage.CreatePostgresAsync(database);
        await AssertEveryAcknowledgedWriteIsStoredAsync(storage, acknowledged);
    }

    public void Dispose() => _directory.Dispose();

    /// <summary>Starts the probe, reads its ACK lines, kills it after enough of them, and returns the highest acknowledged version per grain.</summary>
    private static async Task<Dictionary<string, long>> RunProbeUntilKilledAsync(string engine, string target)
    {
        var startInfo = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "CoFundMarket.Runtime.CrashProbe.dll"));
        startInfo.ArgumentList.Add(engine);
        startInfo.ArgumentList.Add(target);

        using var probe = Process.Start(startInfo)!;
        var errors = probe.StandardError.ReadToEndAsync();
        var acknowledged = new Dictionary<string, long>();
        var acks = 0;
        using (var deadline = new CancellationTokenSource(ProbeDeadline))
        {
            try
            {
                while (acks < AcksBeforeKill && await probe.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
                {
                    acks += Record(acknowledged, line);
                }
            }
            finally
            {
                probe.Kill(); // SIGKILL on Linux
            }
        }

        // Lines already in the pipe were printed after their commits too: they count.
        while (await probe.StandardOutput.ReadLineAsync() is { } line)
        {
            acks += Record(acknowledged, line);
        }

        await probe.WaitForExitAsync();
        Assert.True(acks >= AcksBeforeKill, $"The probe stopped after {acks} acknowledgements:\n{await errors}");
        return acknowledged;
    }

    private static int Record(Dictionary<string, long> acknowledged, string line)
    {
        var parts = line.Split(' ');
        if (parts is not ["ACK", var grainKey, var version])
        {
            return 0;
        }

        var value = long.Parse(version, CultureInfo.InvariantCulture);
        acknowledged[grainKey] = Math.Max(value, acknowledged.GetValueOrDefault(grainKey));
        return 1;
    }

    private static async Task AssertEveryAcknowledgedWriteIsStoredAsync(AdoNetStorage storage, Dictionary<string, long> acknowledged)
    {
        Assert.NotEmpty(acknowledged);
        foreach (var (grainKey, version) in acknowledged)
        {
            var stored = await storage.ReadAsync(new GrainStateKey(new GrainId("crash-probe", grainKey), "state"));
            Assert.NotNull(stored);
            Assert.True(stored.Version >= version, $"{grainKey}: acknowledged version {version}, stored {stored.Version}");
            Assert.Equal($"{{\"counter\":{stored.Version}}}", stored.Payload);
        }
    }
}
