namespace CoFundMarket.Runtime.Grains;

/// <summary>Activations of this grain class are never collected for being idle.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class KeepAliveAttribute : Attribute;
