using System.Globalization;

namespace CoFundMarket.Benchmarks.Measuring;

/// <summary>
/// CPU time the whole machine has been busy since boot, from <c>/proc/stat</c> (user, nice, system, irq and softirq
/// of every core; not idle, I/O wait or time stolen by the hypervisor, which is counted apart). Over a window it includes what a database
/// server on the same machine spent for the load, which the process's own CPU time leaves out.
/// </summary>
internal static class MachineCpu
{
    /// <summary>Busy time so far, and time the hypervisor gave to other machines while this one wanted to run (steal);
    /// zero where <c>/proc/stat</c> does not exist.</summary>
    public static (TimeSpan Busy, TimeSpan Stolen) Read()
    {
        if (!File.Exists("/proc/stat"))
        {
            return (TimeSpan.Zero, TimeSpan.Zero);
        }

        // "cpu  user nice system idle iowait irq softirq steal guest guest_nice", in clock ticks (USER_HZ, 100 on Linux).
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long Ticks(int index) => long.Parse(fields[index], CultureInfo.InvariantCulture);
        var busyTicks = Ticks(1) + Ticks(2) + Ticks(3) + Ticks(6) + Ticks(7);
        return (TimeSpan.FromMilliseconds(busyTicks * 10), TimeSpan.FromMilliseconds(Ticks(8) * 10));
    }
}
