using CoFundMarket.Runtime.Grains;

namespace CoFundMarket.Benchmarks.Grains;

/// <summary>A grain with one small persistent state.</summary>
public interface ICounterGrain : IGrainWithStringKey
{
    /// <summary>Returns the stored count (activating the grain loads its state).</summary>
    Task<long> Get();

    /// <summary>Increments the count and writes the state durably before answering.</summary>
    Task<long> Increment();
}
