namespace CoFundMarket.Runtime.Grains;

/// <summary>On a grain interface method: it interleaves with any request, and any request interleaves with it.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AlwaysInterleaveAttribute : Attribute;
