namespace CoFundMarket.Identity;

/// <summary>What a minted token says about its holder.</summary>
/// <param name="Subject">The <c>sub</c> claim: the user or system id (required).</param>
/// <param name="Name">The <c>name</c> claim, for people reading logs and audit trails.</param>
/// <param name="Roles">The <c>role</c> claim: values of <see cref="CofundRoles"/>.</param>
/// <param name="OrganisationCode">The <c>org</c> claim: the ODS code the holder acts for.</param>
/// <param name="Scopes">The <c>scope</c> claim: values of <see cref="CofundScopes"/>.</param>
/// <param name="Lifetime">How long the token is valid from the moment it is minted.</param>
public sealed record TokenRequest(string Subject, string? Name, IReadOnlyList<string> Roles, string? OrganisationCode, IReadOnlyList<string> Scopes, TimeSpan Lifetime);
