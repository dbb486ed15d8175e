using System.Globalization;

namespace CoFundMarket.Benchmarks.Measuring;

/// <summary>What one measured window of a load saw.</summary>
/// <param name="Operations">Operations completed in the window.</param>
/// <param name="Elapsed">Wall-clock length of the window.</param>
/// <param name="ProcessorTime">CPU time this process used in the window (user and kernel, all threads); unlike
/// throughput it hardly moves when other processes compete for the cores.</param>
/// <param name="MachineProcessorTime">CPU time the whole machine was busy in the window (<see cref="MachineCpu"/>): this
/// process, a database server beside it, and anything else running.</param>
/// <param name="StolenTime">CPU time the hypervisor gave to other virtual machines while this one's cores wanted to run:
/// when it is large, every throughput figure of the window is low for reasons outside the code.</param>
/// <param name="AllocatedBytes">Bytes the whole process allocated in the window (<see cref="GC.GetTotalAllocatedBytes(bool)"/>, precise).</param>
/// <param name="Gen0Collections">Generation 0 collections in the window.</param>
/// <param name="Gen1Collections">Generation 1 collections in the window.</param>
/// <param name="Gen2Collections">Generation 2 collections in the window.</param>
internal sealed record LoadMeasurement(long Operations, TimeSpan Elapsed, TimeSpan ProcessorTime, TimeSpan MachineProcessorTime, TimeSpan StolenTime, long AllocatedBytes, int Gen0Collections, int Gen1Collections, int Gen2Collections)
{
    public double PerSecond => Operations / Elapsed.TotalSeconds;

    public double BytesPerOperation => Operations == 0 ? double.NaN : (double)AllocatedBytes / Operations;

    public double ProcessorMicrosecondsPerOperation => Operations == 0 ? double.NaN : ProcessorTime.TotalMicroseconds / Operations;

    public double MachineMicrosecondsPerOperation => Operations == 0 ? double.NaN : MachineProcessorTime.TotalMicroseconds / Operations;

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Operations:N0} operations in {Elapsed.TotalSeconds:F2} s, CPU {ProcessorTime.TotalSeconds:F2} s ({ProcessorMicrosecondsPerOperation:F3} µs/op; machine {MachineProcessorTime.TotalSeconds:F2} s, {MachineMicrosecondsPerOperation:F1} µs/op, stolen {StolenTime.TotalSeconds:F2} s), {AllocatedBytes / 1048576.0:N1} MiB allocated, GCs gen0/1/2 = {Gen0Collections}/{Gen1Collections}/{Gen2Collections}");
}
