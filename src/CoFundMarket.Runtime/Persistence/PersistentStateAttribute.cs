namespace CoFundMarket.Runtime.Persistence;

/// <summary>Names the persistent state a grain constructor parameter receives; the name is part of the storage key.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PersistentStateAttribute(string stateName) : Attribute
{
    /// <summary>The state's name, for example <c>budget</c>.</summary>
    public string StateName { get; } = stateName;
}
