using CoFundMarket.Runtime.Identity;

namespace CoFundMarket.Runtime.Grains;

/// <summary>Creates references to grains. Local: it does no I/O and activates nothing until the first call.</summary>
public interface IGrainFactory
{
    /// <summary>A reference to the grain implementing <typeparamref name="TGrainInterface"/> with this key.</summary>
    /// <exception cref="ArgumentException">The key is empty, too long, or has control characters.</exception>
    /// <exception cref="GrainTypeResolutionException">No registered grain class implements the interface.</exception>
    TGrainInterface GetGrain<TGrainInterface>(string key) where TGrainInterface : IGrainWithStringKey;

    /// <summary>A reference to an already identified grain, seen through <typeparamref name="TGrainInterface"/>.</summary>
    TGrainInterface GetGrain<TGrainInterface>(GrainId grainId) where TGrainInterface : IGrain;
}
