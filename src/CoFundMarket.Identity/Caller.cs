namespace CoFundMarket.Identity;

/// <summary>Who is calling, as a validated token says (or nobody, for a call without a token).</summary>
/// <param name="Subject">The token's <c>sub</c>; empty for <see cref="Anonymous"/>.</param>
/// <param name="Name">The token's <c>name</c>, if any.</param>
/// <param name="Roles">The token's roles (<see cref="CofundRoles"/>).</param>
/// <param name="OrganisationCode">The organisation the caller acts for (<c>org</c>), if any.</param>
/// <param name="Scopes">The token's scopes (<see cref="CofundScopes"/>).</param>
public sealed record Caller(string Subject, string? Name, IReadOnlyList<string> Roles, string? OrganisationCode, IReadOnlyList<string> Scopes)
{
    /// <summary>A caller without a token: may use the public reads only.</summary>
    public static Caller Anonymous { get; } = new("", null, [], null, []);

    /// <summary>True for a call without a token.</summary>
    public bool IsAnonymous => Subject.Length == 0;

    /// <summary>Whether the token grants <paramref name="role"/>.</summary>
    public bool HasRole(string role) => Contains(Roles, role);

    /// <summary>Whether the token grants <paramref name="scope"/>.</summary>
    public bool HasScope(string scope) => Contains(Scopes, scope);

    // A loop instead of LINQ: this runs on every authorised call.
    private static bool Contains(IReadOnlyList<string> values, string value)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (string.Equals(values[i], value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
