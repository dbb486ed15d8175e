namespace CoFundMarket.Runtime.Grains;

/// <summary>Overrides <see cref="Hosting.SiloOptions.CollectionAge"/> for one grain class.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class CollectionAgeLimitAttribute(double minutes) : Attribute
{
    /// <summary>How long an activation of this class may stay idle before it is collected.</summary>
    public TimeSpan Age { get; } = TimeSpan.FromMinutes(minutes);
}
