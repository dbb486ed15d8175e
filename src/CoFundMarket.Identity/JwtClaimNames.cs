namespace CoFundMarket.Identity;

/// <summary>The claim names of CoFundMarket tokens (API.md, "Identity"); one list for minting and validating.</summary>
internal static class JwtClaimNames
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Role = "role";
    public const string Organisation = "org";
    public const string Scope = "scope";
    public const string Audience = "aud";
    public const string Issuer = "iss";
    public const string IssuedAt = "iat";
    public const string NotBefore = "nbf";
    public const string Expires = "exp";
}
