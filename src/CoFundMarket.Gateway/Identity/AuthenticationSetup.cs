using CoFundMarket.Gateway.Hosting;
using CoFundMarket.Identity;

namespace CoFundMarket.Gateway.Identity;

/// <summary>
/// Chooses how tokens are checked (API.md, "Identity"): HS256 with <c>Auth:SigningKey</c> (base64, ≥ 32 bytes), RS256
/// with <c>Auth:PublicKeyPem</c>, or, with neither, the embedded default's key, created on first start in the data
/// directory of the SQLite store (<c>./data</c> by default) so that <c>cofund token</c> can mint tokens for it.
/// <c>Auth:Issuer</c>, when set, must match every token's <c>iss</c>.
/// </summary>
public static class AuthenticationSetup
{
    /// <summary>Registers the <see cref="TokenValidator"/> (and, for the embedded default, its <see cref="EmbeddedSigningKey"/>).</summary>
    public static IServiceCollection AddCofundAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        var signingKey = configuration["Auth:SigningKey"];
        var publicKeyPem = configuration["Auth:PublicKeyPem"];
        var issuer = configuration["Auth:Issuer"];
        if (!string.IsNullOrWhiteSpace(signingKey) && !string.IsNullOrWhiteSpace(publicKeyPem))
        {
            throw new InvalidOperationException("Both Auth:SigningKey and Auth:PublicKeyPem are set; configure one (HS256 or RS256).");
        }

        if (!string.IsNullOrWhiteSpace(signingKey))
        {
            services.AddSingleton(TokenValidator.ForSigningKeyBase64(signingKey, issuer));
        }
        else if (!string.IsNullOrWhiteSpace(publicKeyPem))
        {
            services.AddSingleton(TokenValidator.ForPublicKeyPem(publicKeyPem, issuer));
        }
        else
        {
            // Only here, with the embedded default's own key, may a token-minting door exist.
            var key = EmbeddedSigningKey.LoadOrCreate(StorageConfiguration.DataDirectory(configuration));
            services.AddSingleton(key);
            services.AddSingleton(new TokenValidator(key, issuer));
        }

        services.AddSingleton<AuthenticationFilter>();
        return services;
    }
}
