using CoFundMarket.Runtime.Grains;

namespace CoFundMarket.Runtime.Tests.Grains;

/// <summary>A grain interface nobody implements.</summary>
public interface IUnimplementedGrain : IGrainWithStringKey
{
    Task Nothing();
}
