using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;

namespace CoFundMarket.Benchmarks.Measuring;

/// <summary>
/// Prints what a load program measured: a header naming the machine and the date, detail lines, and
/// one <c>RESULT</c> line per target with PASS or MISS, so a run can be pasted into README.md as it is.
/// </summary>
internal static class Report
{
    public static void Header(string verb, string what)
    {
        Console.WriteLine($"== {verb}: {what}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Machine}"));
        Console.WriteLine($"   load average before the run: {LoadAverage()} (other processes on the two cores lower every throughput figure)");
    }

    public static string Machine { get; } = string.Create(
        CultureInfo.InvariantCulture,
        $"{CpuModel()} x {Environment.ProcessorCount}, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC");

    public static void Detail(string text) => Console.WriteLine("   " + text);

    /// <summary>Prints a figure that must reach <paramref name="target"/>; true when it does.</summary>
    public static bool AtLeast(string what, double value, double target, string unit) =>
        Result(what, value, value >= target, $">= {Format(target)}", unit);

    /// <summary>Prints a figure that must stay at or below <paramref name="target"/>; true when it does.</summary>
    public static bool AtMost(string what, double value, double target, string unit) =>
        Result(what, value, value <= target, $"<= {Format(target)}", unit);

    /// <summary>Prints a figure without a target (a baseline, a ratio's inputs).</summary>
    public static void Figure(string what, double value, string unit) =>
        Console.WriteLine($"   {what,-58} {Format(value),14} {unit}");

    private static bool Result(string what, double value, bool pass, string target, string unit)
    {
        Console.WriteLine($"RESULT {what,-58} {Format(value),14} {unit,-15} target {target,-12} {(pass ? "PASS" : "MISS")}");
        return pass;
    }

    private static string Format(double value) =>
        value.ToString(Math.Abs(value) >= 100 || value == Math.Floor(value) ? "N0" : "N2", CultureInfo.InvariantCulture);

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static string CpuModel()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo")
                .FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal))?
                .Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
        }
        catch (IOException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }
}
