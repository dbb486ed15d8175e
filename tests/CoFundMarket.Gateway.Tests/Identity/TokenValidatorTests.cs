using System.Security.Cryptography;
using CoFundMarket.Identity;
using CoFundMarket.Runtime.Testing;

namespace CoFundMarket.Gateway.Tests.Identity;

public sealed class TokenValidatorTests : IDisposable
{
    private static readonly DateTimeOffset s_now = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly string[] s_audiences = ["other", "cofund"];
    private static readonly string[] s_leadAndFinance = ["org_lead", "org_finance"];
    private readonly TemporaryDirectory _data = new();
    private readonly EmbeddedSigningKey _key;
    private readonly TokenIssuer _issuer;
    private readonly TokenValidator _validator;

    public TokenValidatorTests()
    {
        _key = EmbeddedSigningKey.LoadOrCreate(_data.Path);
        _issuer = new TokenIssuer(_key);
        _validator = new TokenValidator(_key);
    }

    public void Dispose() => _data.Dispose();

    private static Dictionary<string, object?> Claims(DateTimeOffset? expires = null, object? aud = null, object? role = null, long? nbf = null, string? iss = null) => new Dictionary<string, object?>
    {
        ["sub"] = "user-1",
        ["aud"] = aud ?? "cofund",
        ["role"] = role ?? "org_lead",
        ["org"] = "RTE",
        ["exp"] = UnsignedJwt.Seconds(expires ?? s_now.AddHours(1)),
        ["nbf"] = nbf,
        ["iss"] = iss,
    }.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value);

    private TokenFailure Refusal(string token, TokenValidator? validator = null) =>
        Assert.Throws<TokenValidationException>(() => (validator ?? _validator).Validate(token, s_now)).Failure;

    [Fact]
    public void AMintedTokenNamesItsHolder()
    {
        var token = _issuer.Mint(new TokenRequest("alice", "Alice", [CofundRoles.OrgFinance], "RTE", [], TimeSpan.FromHours(1)), s_now);

        var caller = _validator.Validate(token, s_now);

        Assert.Equal("alice", caller.Subject);
        Assert.Equal("Alice", caller.Name);
        Assert.Equal("RTE", caller.OrganisationCode);
        Assert.True(caller.HasRole(CofundRoles.OrgFinance));
        Assert.False(caller.HasRole(CofundRoles.Admin));
        Assert.False(caller.IsAnonymous);
    }

    [Fact]
    public void APartnerTokenCarriesItsScopes()
    {
        var token = _issuer.Mint(new TokenRequest("finance-system", null, [CofundRoles.Partner], "RTE", [CofundScopes.PledgesWrite, CofundScopes.EventsRead], TimeSpan.FromHours(1)), s_now);

        var caller = _validator.Validate(token, s_now);

        Assert.True(caller.HasScope(CofundScopes.PledgesWrite));
        Assert.True(caller.HasScope(CofundScopes.EventsRead));
        Assert.False(caller.HasScope(CofundScopes.PledgesRead));
    }

    [Fact]
    public void AMissingTokenIsRefused()
    {
        Assert.Equal(TokenFailure.Missing, Refusal(""));
        Assert.Equal(TokenFailure.Missing, Refusal("   "));
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("a.b")]
    [InlineData("a.b.c.d")]
    [InlineData("!!!.???.***")]
    [InlineData("e30.e30.")]
    public void AMalformedTokenIsRefused(string token) => Assert.Equal(TokenFailure.Malformed, Refusal(token));

    [Fact]
    public void ATokenWhosePayloadIsNotJsonIsRefused()
    {
        var token = UnsignedJwt.Hs256("just a string", _key.KeyBytes);

        Assert.Equal(TokenFailure.Malformed, Refusal(token));
    }

    [Fact]
    public void AnOverlongTokenIsRefusedUnread() =>
        Assert.Equal(TokenFailure.Malformed, Refusal(new string('a', TokenValidator.MaxTokenLength + 1)));

    [Fact]
    public void AnExpiredTokenIsRefused()
    {
        var token = _issuer.Mint(new TokenRequest("alice", null, [CofundRoles.Admin], null, [], TimeSpan.FromMinutes(5)), s_now.AddHours(-1));

        var refusal = Assert.Throws<TokenValidationException>(() => _validator.Validate(token, s_now));

        Assert.Equal(TokenFailure.Expired, refusal.Failure);
        Assert.Contains("expired", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACachedTokenStillExpires()
    {
        var token = _issuer.Mint(new TokenRequest("alice", null, [CofundRoles.Admin], null, [], TimeSpan.FromMinutes(5)), s_now);
        _validator.Validate(token, s_now);

        var refusal = Assert.Throws<TokenValidationException>(() => _validator.Validate(token, s_now.AddMinutes(10)));

        Assert.Equal(TokenFailure.Expired, refusal.Failure);
    }

    [Fact]
    public void ATokenWithinTheClockSkewOfItsExpiryIsAccepted()
    {
        var token = _issuer.Mint(new TokenRequest("alice", null, [CofundRoles.Admin], null, [], TimeSpan.FromMinutes(5)), s_now.AddMinutes(-5).AddSeconds(-10));

        Assert.Equal("alice", _validator.Validate(token, s_now).Subject);
    }

    [Fact]
    public void ATokenWithoutExpiryIsRefused()
    {
        var token = UnsignedJwt.Hs256(new { sub = "alice", aud = "cofund", role = "admin" }, _key.KeyBytes);

        var refusal = Assert.Throws<TokenValidationException>(() => _validator.Validate(token, s_now));

        Assert.Equal(TokenFailure.Malformed, refusal.Failure);
        Assert.Contains("exp", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ANotYetValidTokenIsRefused()
    {
        var token = UnsignedJwt.Hs256(Claims(nbf: UnsignedJwt.Seconds(s_now.AddMinutes(10))), _key.KeyBytes);

        Assert.Equal(TokenFailure.NotYetValid, Refusal(token));
    }

    [Fact]
    public void AForgedSignatureIsRefused()
    {
        var token = UnsignedJwt.Hs256(Claims(), RandomNumberGenerator.GetBytes(32));

        Assert.Equal(TokenFailure.BadSignature, Refusal(token));
    }

    [Fact]
    public void ATokenWhosePayloadWasChangedAfterSigningIsRefused()
    {
        var genuine = _issuer.Mint(new TokenRequest("alice", null, [CofundRoles.OrgLead], "RTE", [], TimeSpan.FromHours(1)), s_now);
        var parts = genuine.Split('.');
        var tampered = $"{parts[0]}.{UnsignedJwt.Part(Claims(role: "admin"))}.{parts[2]}";

        Assert.Equal(TokenFailure.BadSignature, Refusal(tampered));
    }

    [Fact]
    public void AnUnsignedTokenWithAlgNoneIsRefused()
    {
        var refusal = Assert.Throws<TokenValidationException>(() => _validator.Validate(UnsignedJwt.None(Claims()), s_now));

        Assert.Equal(TokenFailure.AlgorithmNotAllowed, refusal.Failure);
        Assert.Contains("alg none", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnotherHmacAlgorithmIsRefusedEvenWithTheRightKey()
    {
        var token = UnsignedJwt.Hs256(Claims(), _key.KeyBytes, header: new { alg = "HS512", typ = "JWT" });

        Assert.Equal(TokenFailure.AlgorithmNotAllowed, Refusal(token));
    }

    [Fact]
    public void AnHs256TokenIsRefusedWhenRs256IsConfigured()
    {
        using var rsa = RSA.Create(2048);
        var publicPem = rsa.ExportSubjectPublicKeyInfoPem();
        var validator = TokenValidator.ForPublicKeyPem(publicPem);
        // The classic confusion attack: the public key's bytes used as an HMAC secret.
        var token = UnsignedJwt.Hs256(Claims(), System.Text.Encoding.ASCII.GetBytes(publicPem));

        Assert.Equal(TokenFailure.AlgorithmNotAllowed, Refusal(token, validator));
    }

    [Fact]
    public void AnRs256TokenVerifiesWithThePublicKey()
    {
        using var rsa = RSA.Create(2048);
        var validator = TokenValidator.ForPublicKeyPem(rsa.ExportSubjectPublicKeyInfoPem());

        var caller = validator.Validate(UnsignedJwt.Rs256(Claims(), rsa), s_now);

        Assert.Equal("user-1", caller.Subject);
        Assert.Equal("RS256", validator.Algorithm);
    }

    [Fact]
    public void AnRs256TokenSignedWithAnotherKeyIsRefused()
    {
        using var trusted = RSA.Create(2048);
        using var other = RSA.Create(2048);
        var validator = TokenValidator.ForPublicKeyPem(trusted.ExportSubjectPublicKeyInfoPem());

        Assert.Equal(TokenFailure.BadSignature, Refusal(UnsignedJwt.Rs256(Claims(), other), validator));
    }

    [Fact]
    public void AnRs256TokenIsRefusedWhenHs256IsConfigured()
    {
        using var rsa = RSA.Create(2048);

        Assert.Equal(TokenFailure.AlgorithmNotAllowed, Refusal(UnsignedJwt.Rs256(Claims(), rsa)));
    }

    [Theory]
    [InlineData("someone-else")]
    [InlineData("")]
    public void ATokenForAnotherAudienceIsRefused(string audience) =>
        Assert.Equal(TokenFailure.WrongAudience, Refusal(UnsignedJwt.Hs256(Claims(aud: audience), _key.KeyBytes)));

    [Fact]
    public void AnAudienceArrayThatIncludesCofundIsAccepted() =>
        Assert.Equal("user-1", _validator.Validate(UnsignedJwt.Hs256(Claims(aud: s_audiences), _key.KeyBytes), s_now).Subject);

    [Fact]
    public void AWrongIssuerIsRefusedWhenAnIssuerIsConfigured()
    {
        var validator = TokenValidator.ForSigningKey(_key.KeyBytes, issuer: "https://id.example.nhs.uk");

        Assert.Equal(TokenFailure.WrongIssuer, Refusal(UnsignedJwt.Hs256(Claims(iss: "https://evil.example"), _key.KeyBytes), validator));
        Assert.Equal(TokenFailure.WrongIssuer, Refusal(UnsignedJwt.Hs256(Claims(), _key.KeyBytes), validator));
        Assert.Equal("user-1", validator.Validate(UnsignedJwt.Hs256(Claims(iss: "https://id.example.nhs.uk"), _key.KeyBytes), s_now).Subject);
    }

    [Fact]
    public void AnyIssuerIsAcceptedWhenNoneIsConfigured() =>
        Assert.Equal("user-1", _validator.Validate(UnsignedJwt.Hs256(Claims(iss: "https://anyone.example"), _key.KeyBytes), s_now).Subject);

    [Fact]
    public void ARoleGivenAsAStringIsRead()
    {
        var caller = _validator.Validate(UnsignedJwt.Hs256(Claims(role: "admin"), _key.KeyBytes), s_now);

        Assert.Equal(["admin"], caller.Roles);
    }

    [Fact]
    public void RolesGivenAsAnArrayAreRead()
    {
        var caller = _validator.Validate(UnsignedJwt.Hs256(Claims(role: s_leadAndFinance), _key.KeyBytes), s_now);

        Assert.True(caller.HasRole(CofundRoles.OrgLead));
        Assert.True(caller.HasRole(CofundRoles.OrgFinance));
        Assert.False(caller.HasRole(CofundRoles.Admin));
    }

    [Fact]
    public void ARoleOfAnotherTypeIsRefused() =>
        Assert.Equal(TokenFailure.Malformed, Refusal(UnsignedJwt.Hs256(Claims(role: 42), _key.KeyBytes)));

    [Fact]
    public void AnIssuerMintsRolesAsAnArrayWhenThereAreSeveral()
    {
        var token = _issuer.Mint(new TokenRequest("bob", null, [CofundRoles.OrgLead, CofundRoles.OrgFinance], "RTE", [], TimeSpan.FromHours(1)), s_now);

        Assert.Equal([CofundRoles.OrgLead, CofundRoles.OrgFinance], _validator.Validate(token, s_now).Roles);
    }

    [Fact]
    public void AShortSigningKeyIsRefusedAtConfiguration() =>
        Assert.Throws<ArgumentException>(() => TokenValidator.ForSigningKeyBase64(Convert.ToBase64String(new byte[16])));

    [Fact]
    public void AnonymousHasNoRoles()
    {
        Assert.True(Caller.Anonymous.IsAnonymous);
        Assert.False(Caller.Anonymous.HasRole(CofundRoles.Admin));
    }
}
