namespace CoFundMarket.Runtime.Identity;

/// <summary>
/// The stable identity of a grain: its explicit type name and its string key, written <c>type/key</c>.
/// Both parts are persisted, so neither may depend on a CLR class name.
/// </summary>
public readonly record struct GrainId(string Type, string Key)
{
    /// <summary>The longest key the runtime and its storage accept.</summary>
    public const int MaxKeyLength = 256;

    /// <inheritdoc />
    public override string ToString() => $"{Type}/{Key}";
}
