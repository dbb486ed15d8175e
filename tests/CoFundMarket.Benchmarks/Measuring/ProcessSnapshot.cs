using System.Diagnostics;

namespace CoFundMarket.Benchmarks.Measuring;

/// <summary>The process counters a measurement window starts and ends with.</summary>
internal readonly record struct ProcessSnapshot(long Operations, long Timestamp, TimeSpan ProcessorTime, TimeSpan MachineBusy, TimeSpan MachineStolen, long AllocatedBytes, int Gen0, int Gen1, int Gen2)
{
    /// <summary>Reads the clock, the CPU time (this process's and the machine's) and bytes allocated so far by every thread, and the collection counts.</summary>
    public static ProcessSnapshot Take(long operations)
    {
        var (busy, stolen) = MachineCpu.Read();
        return new(
            operations,
            Stopwatch.GetTimestamp(),
            Environment.CpuUsage.TotalTime,
            busy,
            stolen,
            GC.GetTotalAllocatedBytes(precise: true),
            GC.CollectionCount(0),
            GC.CollectionCount(1),
            GC.CollectionCount(2));
    }

    /// <summary>The window from <paramref name="start"/> to this snapshot.</summary>
    public LoadMeasurement Since(ProcessSnapshot start) => new(
        Operations - start.Operations,
        Stopwatch.GetElapsedTime(start.Timestamp, Timestamp),
        ProcessorTime - start.ProcessorTime,
        MachineBusy - start.MachineBusy,
        MachineStolen - start.MachineStolen,
        AllocatedBytes - start.AllocatedBytes,
        Gen0 - start.Gen0,
        Gen1 - start.Gen1,
        Gen2 - start.Gen2);
}
