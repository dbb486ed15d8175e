using CoFundMarket.Runtime.Grains;

namespace CoFundMarket.Benchmarks.Grains;

/// <summary>A grain with no state: the cheapest call the runtime serves.</summary>
public interface IValueGrain : IGrainWithStringKey
{
    /// <summary>Returns a number held in memory; writes nothing and never awaits.</summary>
    Task<int> Get();
}
