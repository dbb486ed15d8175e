using System.Diagnostics;

namespace CoFundMarket.Gateway.Benchmarks;

/// <summary>
/// CPU time (user + system) a process has used so far. On a shared machine throughput moves with everyone else's load;
/// CPU per request hardly does, so the benchmarks print both.
/// </summary>
public static class CpuTime
{
    public static TimeSpan Of(int processId)
    {
        using var process = Process.GetProcessById(processId);
        return process.TotalProcessorTime;
    }
}
