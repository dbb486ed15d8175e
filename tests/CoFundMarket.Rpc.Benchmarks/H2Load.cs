using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CoFundMarket.Rpc.Benchmarks;

/// <summary>Runs h2load (Debian nghttp2-client) against one gRPC path and reads throughput and latency percentiles from its per-request log.</summary>
public static partial class H2Load
{
    public sealed record Result(string Name, double RequestsPerSecond, long Succeeded, long Failed, double P50Ms, double P99Ms, double MaxMs);

    /// <summary>Runs h2load; <paramref name="headers"/> (<c>name: value</c>) are sent with every request, e.g. a bearer token.</summary>
    public static async Task<Result> RunAsync(string name, Uri target, string requestFile, int requests, int connections, int streams, params string[] headers)
    {
        var log = Path.Combine(Path.GetTempPath(), $"h2load-{Guid.NewGuid():N}.log");
        try
        {
            var start = new ProcessStartInfo("h2load")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
            {
                "-n", requests.ToString(CultureInfo.InvariantCulture),
                "-c", connections.ToString(CultureInfo.InvariantCulture),
                "-m", streams.ToString(CultureInfo.InvariantCulture),
                "-t", "1",
                "-d", requestFile,
                "-H", "content-type: application/grpc",
                "-H", "te: trailers",
                "--log-file", log,
                target.ToString(),
            }.Concat(headers.SelectMany(header => new[] { "-H", header })))
            {
                start.ArgumentList.Add(argument);
            }

            using var process = StartOrExplain(start);
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"h2load failed:\n{output}\n{await process.StandardError.ReadToEndAsync()}");
            }

            var throughput = ThroughputLine().Match(output);
            var counts = CountsLine().Match(output);
            var latencies = File.ReadLines(log)
                .Select(line => line.Split('\t'))
                .Where(fields => fields.Length >= 3)
                .Select(fields => double.Parse(fields[2], CultureInfo.InvariantCulture) / 1000.0)
                .Order()
                .ToArray();
            return new Result(
                name,
                double.Parse(throughput.Groups[1].Value, CultureInfo.InvariantCulture),
                long.Parse(counts.Groups[1].Value, CultureInfo.InvariantCulture),
                long.Parse(counts.Groups[2].Value, CultureInfo.InvariantCulture),
                Percentile(latencies, 0.50),
                Percentile(latencies, 0.99),
                latencies.Length == 0 ? 0 : latencies[^1]);
        }
        finally
        {
            File.Delete(log);
        }
    }

    /// <summary>Starts h2load, or says how to install it: a fresh machine has no nghttp2-client until <c>./test.sh</c> installs it.</summary>
    private static Process StartOrExplain(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException("h2load did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                "h2load was not found on PATH: install Debian's nghttp2-client (apt-get install nghttp2-client), or run ./test.sh, which installs it.", e);
        }
    }

    public static double Percentile(double[] sorted, double fraction) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(fraction * sorted.Length) - 1)];

    [GeneratedRegex(@"finished in [\d.]+\w+, ([\d.]+) req/s")]
    private static partial Regex ThroughputLine();

    [GeneratedRegex(@"requests: \d+ total, \d+ started, \d+ done, (\d+) succeeded, (\d+) failed")]
    private static partial Regex CountsLine();
}
