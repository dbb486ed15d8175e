namespace CoFundMarket.Runtime.Grains;

/// <summary>Every request to this grain class may interleave with others at await points (still one turn at a time).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class ReentrantAttribute : Attribute;
