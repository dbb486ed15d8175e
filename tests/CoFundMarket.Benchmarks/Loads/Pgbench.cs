using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using CoFundMarket.Runtime.Testing;

namespace CoFundMarket.Benchmarks.Loads;

/// <summary>
/// PostgreSQL's own benchmark client against a <see cref="TemporaryPostgresServer"/>: the yardstick
/// for what the server does with durable commits on this machine. <c>pgbench -N</c> (simple-update:
/// UPDATE an account, SELECT it, INSERT a history row, one transaction each) is the standard
/// small-write workload; a client is one connection with one transaction in flight.
/// </summary>
internal sealed partial class Pgbench(TemporaryPostgresServer server, string database)
{
    /// <summary>Creates the pgbench tables at <paramref name="scale"/> (100,000 accounts per unit).</summary>
    public Task InitializeAsync(int scale) =>
        RunAsync(["-i", "-q", "-s", scale.ToString(CultureInfo.InvariantCulture)]);

    /// <summary>Runs <c>pgbench -N</c> and returns its transactions per second and the command line that ran it.</summary>
    public async Task<(double Tps, string CommandLine)> RunSimpleUpdateAsync(int clients, int threads, TimeSpan duration)
    {
        var arguments = new[] { "-N", "-c", Invariant(clients), "-j", Invariant(threads), "-T", Invariant((int)duration.TotalSeconds) };
        var output = await RunAsync(arguments);
        var tps = TpsLine().Match(output);
        if (!tps.Success)
        {
            throw new InvalidOperationException($"pgbench printed no TPS:\n{output}");
        }

        return (double.Parse(tps.Groups[1].Value, CultureInfo.InvariantCulture), $"pgbench {string.Join(' ', arguments)}");
    }

    private async Task<string> RunAsync(IEnumerable<string> arguments)
    {
        var startInfo = new ProcessStartInfo(FindPgbench()) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["-h", "127.0.0.1", "-p", Invariant(server.Port), "-U", "postgres", .. arguments, database])
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var text = await output + await error;
        return process.ExitCode == 0 ? text : throw new InvalidOperationException($"pgbench exited with {process.ExitCode}:\n{text}");
    }

    /// <summary>The pgbench of the newest PostgreSQL under /usr/lib/postgresql (the one the temporary server runs), else PATH's.</summary>
    private static string FindPgbench() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(version => Path.Combine(version, "bin", "pgbench"))
                .Where(File.Exists)
                .OrderByDescending(path => double.TryParse(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(path))), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : -1)
                .FirstOrDefault() ?? "pgbench"
            : "pgbench";

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^tps = ([0-9.]+)", RegexOptions.Multiline)]
    private static partial Regex TpsLine();
}
