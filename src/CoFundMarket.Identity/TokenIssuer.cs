using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;

namespace CoFundMarket.Identity;

/// <summary>
/// Mints HS256 tokens with the embedded default's key, in the shape <see cref="TokenValidator"/> accepts: <c>aud</c>
/// <c>cofund</c>, <c>sub</c>, <c>name</c>, <c>role</c> (a string for one role, an array for several), <c>org</c>,
/// <c>scope</c> (space-separated), <c>iat</c>, <c>exp</c> and, when given, <c>iss</c>.
/// </summary>
public sealed class TokenIssuer
{
    private static readonly byte[] s_header = Base64UrlBytes("""{"alg":"HS256","typ":"JWT"}"""u8);

    private readonly byte[] _key;
    private readonly string? _issuer;

    /// <summary>An issuer signing with <paramref name="key"/>; <paramref name="issuer"/> becomes the <c>iss</c> claim.</summary>
    public TokenIssuer(EmbeddedSigningKey key, string? issuer = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        _key = key.KeyBytes;
        _issuer = string.IsNullOrEmpty(issuer) ? null : issuer;
    }

    /// <summary>A signed token for <paramref name="request"/>, valid from <paramref name="now"/> for its lifetime.</summary>
    /// <exception cref="ArgumentException">No subject, or a lifetime that is not positive.</exception>
    public string Mint(TokenRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Subject, nameof(request));
        if (request.Lifetime <= TimeSpan.Zero)
        {
            throw new ArgumentException("A token's lifetime must be positive.", nameof(request));
        }

        var payload = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(payload))
        {
            json.WriteStartObject();
            json.WriteString(JwtClaimNames.Subject, request.Subject);
            if (!string.IsNullOrEmpty(request.Name))
            {
                json.WriteString(JwtClaimNames.Name, request.Name);
            }

            WriteRoles(json, request.Roles);
            if (!string.IsNullOrEmpty(request.OrganisationCode))
            {
                json.WriteString(JwtClaimNames.Organisation, request.OrganisationCode);
            }

            if (request.Scopes.Count > 0)
            {
                json.WriteString(JwtClaimNames.Scope, string.Join(' ', request.Scopes));
            }

            json.WriteString(JwtClaimNames.Audience, TokenValidator.Audience);
            if (_issuer is not null)
            {
                json.WriteString(JwtClaimNames.Issuer, _issuer);
            }

            json.WriteNumber(JwtClaimNames.IssuedAt, now.ToUnixTimeSeconds());
            json.WriteNumber(JwtClaimNames.Expires, (now + request.Lifetime).ToUnixTimeSeconds());
            json.WriteEndObject();
        }

        var signingInput = $"{System.Text.Encoding.ASCII.GetString(s_header)}.{Base64Url.EncodeToString(payload.WrittenSpan)}";
        var signature = HMACSHA256.HashData(_key, System.Text.Encoding.ASCII.GetBytes(signingInput));
        return $"{signingInput}.{Base64Url.EncodeToString(signature)}";
    }

    private static void WriteRoles(Utf8JsonWriter json, IReadOnlyList<string> roles)
    {
        if (roles.Count == 1)
        {
            json.WriteString(JwtClaimNames.Role, roles[0]);
        }
        else if (roles.Count > 1)
        {
            json.WriteStartArray(JwtClaimNames.Role);
            foreach (var role in roles)
            {
                json.WriteStringValue(role);
            }

            json.WriteEndArray();
        }
    }

    private static byte[] Base64UrlBytes(ReadOnlySpan<byte> value) => System.Text.Encoding.ASCII.GetBytes(Base64Url.EncodeToString(value));
}
