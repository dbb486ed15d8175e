namespace CoFundMarket.Runtime.Grains;

/// <summary>On a grain interface method: it does not change state, so it interleaves with other read-only requests.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReadOnlyAttribute : Attribute;
