using CoFundMarket.Runtime.Grains;
using CoFundMarket.Runtime.Persistence;

namespace CoFundMarket.Benchmarks.Grains;

/// <summary>Keeps a <see cref="CounterState"/>: read at activation, written on every increment.</summary>
[GrainType("bench-counter")]
public sealed class CounterGrain([PersistentState("counter")] IPersistentState<CounterState> counter) : Grain, ICounterGrain
{
    /// <inheritdoc />
    public Task<long> Get() => Task.FromResult(counter.State.Count);

    /// <inheritdoc />
    public async Task<long> Increment()
    {
        counter.State = counter.State with { Count = counter.State.Count + 1, UpdatedAt = TimeProvider.GetUtcNow() };
        await counter.WriteStateAsync();
        return counter.State.Count;
    }
}
