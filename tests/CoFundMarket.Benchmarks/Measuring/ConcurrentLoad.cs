namespace CoFundMarket.Benchmarks.Measuring;

/// <summary>
/// Drives an operation from many concurrent async callers (each a loop that awaits one operation at a
/// time, as a client with one request in flight) and measures what the process did meanwhile: wall
/// time, operations, bytes allocated and garbage collections.
/// </summary>
internal sealed class ConcurrentLoad
{
    /// <summary>Counters are this many longs apart, so two callers never write the same cache line.</summary>
    private const int CounterStride = 16;

    /// <summary>
    /// An operation that completes synchronously (a call to a free activation runs inline) never
    /// gives its thread back; every so many operations a caller yields, so all callers take turns on
    /// the two cores instead of two of them keeping the pool threads. Costs no allocation.
    /// </summary>
    private const int OperationsPerYield = 256;

    private readonly Func<int, Task> _operation;
    private readonly long[] _counters;
    private volatile bool _stop;

    private ConcurrentLoad(int callers, Func<int, Task> operation)
    {
        _operation = operation;
        _counters = new long[callers * CounterStride];
    }

    /// <summary>
    /// Runs <paramref name="callers"/> loops of <paramref name="operation"/> (given the caller's index)
    /// for <paramref name="warmUp"/> (JIT tiering, pools and batch sizes settle), then measures
    /// <paramref name="measure"/>. An operation that throws fails the run once the window is over.
    /// </summary>
    public static async Task<LoadMeasurement> RunForAsync(int callers, TimeSpan warmUp, TimeSpan measure, Func<int, Task> operation)
    {
        var load = new ConcurrentLoad(callers, operation);
        var loops = Enumerable.Range(0, callers).Select(load.CallRepeatedlyAsync).ToArray();
        await Task.Delay(warmUp);
        var start = ProcessSnapshot.Take(load.CountOperations());
        await Task.Delay(measure);
        var end = ProcessSnapshot.Take(load.CountOperations());
        load._stop = true;
        await Task.WhenAll(loops);
        return end.Since(start);
    }

    /// <summary>
    /// Performs <paramref name="count"/> operations (given their index, each exactly once) from
    /// <paramref name="callers"/> concurrent loops and measures the whole run.
    /// </summary>
    public static async Task<LoadMeasurement> RunAllAsync(int callers, int count, Func<int, Task> operation)
    {
        var next = -1;
        async Task CallUntilDoneAsync()
        {
            await Task.Yield();
            for (var index = Interlocked.Increment(ref next); index < count; index = Interlocked.Increment(ref next))
            {
                await operation(index);
            }
        }

        var start = ProcessSnapshot.Take(0);
        await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => CallUntilDoneAsync()));
        return ProcessSnapshot.Take(count).Since(start);
    }

    private async Task CallRepeatedlyAsync(int caller)
    {
        await Task.Yield(); // start on the pool, not on the thread that starts the load
        var slot = caller * CounterStride;
        while (!_stop)
        {
            await _operation(caller);
            if (++_counters[slot] % OperationsPerYield == 0)
            {
                await Task.Yield();
            }
        }
    }

    private long CountOperations()
    {
        long total = 0;
        for (var slot = 0; slot < _counters.Length; slot += CounterStride)
        {
            total += Volatile.Read(ref _counters[slot]);
        }

        return total;
    }
}
