namespace CoFundMarket.Runtime.Grains;

/// <summary>
/// The persisted type name of a grain class. Required: stored rows are keyed by it, so renaming
/// the class must not orphan them.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GrainTypeAttribute(string name) : Attribute
{
    /// <summary>The stable type name, for example <c>project</c>.</summary>
    public string Name { get; } = name;
}
