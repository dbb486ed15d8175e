using CoFundMarket.Runtime.Grains;

namespace CoFundMarket.Runtime.Tests.Grains;

public interface ICounterGrain : IGrainWithStringKey
{
    /// <summary>Increments across an await and reports whether another request was inside at the same time.</summary>
    Task<int> Increment();

    /// <summary>How many requests were ever inside at once.</summary>
    Task<int> MaxConcurrency();

    /// <summary>Returns without awaiting (the benchmark's call).</summary>
    Task<int> Get();

    /// <summary>Returns a completed ValueTask.</summary>
    ValueTask<int> GetValue();

    /// <summary>A method that returns no value.</summary>
    Task Touch();
}

[GrainType("counter")]
public sealed class CounterGrain : Grain, ICounterGrain
{
    private int _count;
    private int _inside;
    private int _maxInside;

    public async Task<int> Increment()
    {
        var inside = Interlocked.Increment(ref _inside);
        _maxInside = Math.Max(_maxInside, inside);
        var before = _count;
        await Task.Yield();
        _count = before + 1;
        Interlocked.Decrement(ref _inside);
        return _count;
    }

    public Task<int> MaxConcurrency() => Task.FromResult(_maxInside);

    public Task<int> Get() => Task.FromResult(_count);

    public ValueTask<int> GetValue() => ValueTask.FromResult(_count);

    public Task Touch() => Task.CompletedTask;
}
