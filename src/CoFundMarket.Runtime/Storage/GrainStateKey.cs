using CoFundMarket.Runtime.Identity;

namespace CoFundMarket.Runtime.Storage;

/// <summary>
/// Where one named state of one grain is stored. The grain type is part of the key so that two
/// grain types with the same key never share a row (the collision Orleans' ADO.NET provider has).
/// </summary>
public readonly record struct GrainStateKey(GrainId Grain, string StateName)
{
    /// <inheritdoc />
    public override string ToString() => $"{Grain}#{StateName}";
}
