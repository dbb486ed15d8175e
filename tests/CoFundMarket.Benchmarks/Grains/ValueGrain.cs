using CoFundMarket.Runtime.Grains;

namespace CoFundMarket.Benchmarks.Grains;

/// <summary>Answers from memory. The value lies outside the range <see cref="Task.FromResult{TResult}"/> caches,
/// so each call pays for its own result task, as real grain code does.</summary>
[GrainType("bench-value")]
public sealed class ValueGrain : Grain, IValueGrain
{
    private readonly int _value = 4_242;

    /// <inheritdoc />
    public Task<int> Get() => Task.FromResult(_value);
}
