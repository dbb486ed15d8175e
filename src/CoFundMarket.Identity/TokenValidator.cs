using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CoFundMarket.Identity;

/// <summary>
/// Checks a bearer token and says who it names. Exactly one algorithm is accepted, the one the key is for: HS256 with a
/// shared key (<c>Auth:SigningKey</c> or the embedded default's) or RS256 with a public key (<c>Auth:PublicKeyPem</c>).
/// Any other <c>alg</c>, <c>none</c> included, is refused before the signature is looked at, so an RS256 public key can
/// never be abused as an HMAC secret. <c>aud</c> must include <c>cofund</c>; <c>exp</c> is required; <c>iss</c> is
/// checked only when an issuer is configured. Accepted tokens are cached by their text until they expire (bounded), so
/// a client that reuses its token pays for the cryptography once.
/// </summary>
public sealed class TokenValidator
{
    /// <summary>The audience every token must name.</summary>
    public const string Audience = "cofund";

    /// <summary>The longest token looked at; anything longer is refused unread.</summary>
    public const int MaxTokenLength = 8 * 1024;

    /// <summary>The most accepted tokens remembered at once.</summary>
    public const int CacheCapacity = 10_000;

    private const string Hs256 = "HS256";
    private const string Rs256 = "RS256";

    private readonly byte[]? _hmacKey;
    private readonly RSA? _rsa;
    private readonly string? _issuer;
    private readonly ConcurrentDictionary<string, Accepted> _accepted = new(StringComparer.Ordinal);
    private int _acceptedCount;

    /// <summary>A validator for HS256 tokens signed with the embedded default's key.</summary>
    public TokenValidator(EmbeddedSigningKey key, string? issuer = null)
        : this(Hs256, (key ?? throw new ArgumentNullException(nameof(key))).KeyBytes, null, issuer)
    {
    }

    private TokenValidator(string algorithm, byte[]? hmacKey, RSA? rsa, string? issuer)
    {
        Algorithm = algorithm;
        _hmacKey = hmacKey;
        _rsa = rsa;
        _issuer = string.IsNullOrEmpty(issuer) ? null : issuer;
    }

    /// <summary>The one <c>alg</c> accepted: HS256 or RS256.</summary>
    public string Algorithm { get; }

    /// <summary>How far <c>exp</c> and <c>nbf</c> may be off the server's clock (30 seconds).</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A validator for HS256 tokens signed with a shared key of at least 32 bytes.</summary>
    /// <exception cref="ArgumentException">The key is shorter than 32 bytes.</exception>
    public static TokenValidator ForSigningKey(byte[] key, string? issuer = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Length >= EmbeddedSigningKey.KeyLength
            ? new TokenValidator(Hs256, key, null, issuer)
            : throw new ArgumentException($"An HS256 signing key needs at least {EmbeddedSigningKey.KeyLength} bytes; this one has {key.Length}.", nameof(key));
    }

    /// <summary>A validator for HS256 tokens, the key given as base64 (<c>Auth:SigningKey</c>).</summary>
    /// <exception cref="ArgumentException">Not base64, or shorter than 32 bytes.</exception>
    public static TokenValidator ForSigningKeyBase64(string base64Key, string? issuer = null)
    {
        try
        {
            return ForSigningKey(Convert.FromBase64String(base64Key), issuer);
        }
        catch (FormatException e)
        {
            throw new ArgumentException("Auth:SigningKey must be base64 of at least 32 bytes.", nameof(base64Key), e);
        }
    }

    /// <summary>A validator for RS256 tokens, verified with an RSA public key in PEM (<c>Auth:PublicKeyPem</c>) of at least 2048 bits.</summary>
    /// <exception cref="ArgumentException">No RSA key in the PEM, or one shorter than 2048 bits.</exception>
    public static TokenValidator ForPublicKeyPem(string publicKeyPem, string? issuer = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(publicKeyPem);
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(publicKeyPem);
        }
        catch (ArgumentException e)
        {
            rsa.Dispose();
            throw new ArgumentException("Auth:PublicKeyPem holds no RSA public key in PEM.", nameof(publicKeyPem), e);
        }

        if (rsa.KeySize < 2048)
        {
            var size = rsa.KeySize;
            rsa.Dispose();
            throw new ArgumentException($"The RSA key has {size} bits; at least 2048 are needed.", nameof(publicKeyPem));
        }

        return new TokenValidator(Rs256, null, rsa, issuer);
    }

    /// <summary>The caller the token names, if it is valid at <paramref name="now"/>.</summary>
    /// <exception cref="TokenValidationException">The token is missing, malformed, wrongly signed, expired, not yet valid, or for another audience or issuer.</exception>
    /// <remarks>Takes characters, so a token inside a longer string (a header after "Bearer ") is looked up in the cache
    /// of accepted tokens without copying it: the copy is made only for a token not seen before.</remarks>
    public Caller Validate(ReadOnlySpan<char> token, DateTimeOffset now)
    {
        if (token.IsWhiteSpace())
        {
            throw new TokenValidationException(TokenFailure.Missing, "No bearer token was sent.");
        }

        if (_accepted.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(token, out var known))
        {
            CheckLifetime(known.NotBefore, known.Expires, now);
            return known.Caller;
        }

        var text = token.ToString();
        var accepted = Verify(text, now);
        Remember(text, accepted, now);
        return accepted.Caller;
    }

    private Accepted Verify(string token, DateTimeOffset now)
    {
        if (token.Length > MaxTokenLength)
        {
            throw Malformed($"The token is longer than {MaxTokenLength} characters.");
        }

        var firstDot = token.IndexOf('.', StringComparison.Ordinal);
        var secondDot = firstDot < 0 ? -1 : token.IndexOf('.', firstDot + 1);
        if (firstDot <= 0 || secondDot <= firstDot + 1 || token.IndexOf('.', secondDot + 1) >= 0)
        {
            throw Malformed("The token is not a JWT (three base64url parts separated by dots).");
        }

        // The header first, so that an unsigned token (alg none, empty signature) is refused for what it is.
        CheckHeader(DecodePart(token.AsSpan(0, firstDot), "header"));
        if (secondDot == token.Length - 1)
        {
            throw new TokenValidationException(TokenFailure.BadSignature, "The token has no signature.");
        }

        CheckSignature(Encoding.ASCII.GetBytes(token, 0, secondDot), DecodePart(token.AsSpan(secondDot + 1), "signature"));
        return ReadClaims(DecodePart(token.AsSpan(firstDot + 1, secondDot - firstDot - 1), "payload"), now);
    }

    private void CheckHeader(byte[] header)
    {
        using var document = ParseObject(header, "header");
        var root = document.RootElement;
        if (!root.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String)
        {
            throw Malformed("The token's header has no alg.");
        }

        var algorithm = alg.GetString()!;
        if (!string.Equals(algorithm, Algorithm, StringComparison.Ordinal))
        {
            throw new TokenValidationException(TokenFailure.AlgorithmNotAllowed, string.Equals(algorithm, "none", StringComparison.OrdinalIgnoreCase)
                ? $"Unsigned tokens (alg none) are not accepted; this server accepts {Algorithm} only."
                : $"The token is signed with {algorithm}; this server accepts {Algorithm} only.");
        }

        if (root.TryGetProperty("crit", out _))
        {
            throw Malformed("The token's header has critical extensions (crit), which this server does not support.");
        }
    }

    private void CheckSignature(byte[] signingInput, byte[] signature)
    {
        bool valid;
        if (_hmacKey is not null)
        {
            Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
            HMACSHA256.HashData(_hmacKey, signingInput, expected);
            valid = CryptographicOperations.FixedTimeEquals(expected, signature);
        }
        else
        {
            // RSA instances are not documented as safe for concurrent use; verification runs once per new token.
            lock (_rsa!)
            {
                valid = _rsa.VerifyData(signingInput, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            }
        }

        if (!valid)
        {
            throw new TokenValidationException(TokenFailure.BadSignature, "The token's signature does not verify with this server's key.");
        }
    }

    private Accepted ReadClaims(byte[] payload, DateTimeOffset now)
    {
        using var document = ParseObject(payload, "payload");
        var claims = document.RootElement;
        var expires = ReadTime(claims, JwtClaimNames.Expires) ?? throw Malformed("The token has no exp (expiry); every token must expire.");
        var notBefore = ReadTime(claims, JwtClaimNames.NotBefore) ?? DateTimeOffset.MinValue;
        CheckLifetime(notBefore, expires, now);
        if (!ReadStrings(claims, JwtClaimNames.Audience).Contains(Audience, StringComparer.Ordinal))
        {
            throw new TokenValidationException(TokenFailure.WrongAudience, $"The token is not for this service: its aud must include '{Audience}'.");
        }

        if (_issuer is not null && !string.Equals(ReadString(claims, JwtClaimNames.Issuer), _issuer, StringComparison.Ordinal))
        {
            throw new TokenValidationException(TokenFailure.WrongIssuer, "The token's iss is not the issuer this server trusts.");
        }

        var subject = ReadString(claims, JwtClaimNames.Subject);
        if (string.IsNullOrWhiteSpace(subject))
        {
            throw Malformed("The token has no sub (subject).");
        }

        var scope = ReadString(claims, JwtClaimNames.Scope);
        var caller = new Caller(
            subject,
            ReadString(claims, JwtClaimNames.Name),
            ReadStrings(claims, JwtClaimNames.Role),
            NullIfEmpty(ReadString(claims, JwtClaimNames.Organisation)),
            scope is null ? [] : scope.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return new Accepted(caller, notBefore, expires);
    }

    private void CheckLifetime(DateTimeOffset notBefore, DateTimeOffset expires, DateTimeOffset now)
    {
        if (now >= expires + ClockSkew)
        {
            throw new TokenValidationException(TokenFailure.Expired, $"The token expired at {expires:u}.");
        }

        if (notBefore != DateTimeOffset.MinValue && now < notBefore - ClockSkew)
        {
            throw new TokenValidationException(TokenFailure.NotYetValid, $"The token is not valid before {notBefore:u}.");
        }
    }

    /// <summary>Keeps an accepted token until it expires; when full, drops the expired ones, and everything if none had.</summary>
    private void Remember(string token, Accepted accepted, DateTimeOffset now)
    {
        if (Volatile.Read(ref _acceptedCount) >= CacheCapacity)
        {
            foreach (var (key, value) in _accepted)
            {
                if (now >= value.Expires + ClockSkew && _accepted.TryRemove(key, out _))
                {
                    Interlocked.Decrement(ref _acceptedCount);
                }
            }

            if (Volatile.Read(ref _acceptedCount) >= CacheCapacity)
            {
                _accepted.Clear();
                Volatile.Write(ref _acceptedCount, 0);
            }
        }

        if (_accepted.TryAdd(token, accepted))
        {
            Interlocked.Increment(ref _acceptedCount);
        }
    }

    private static byte[] DecodePart(ReadOnlySpan<char> part, string what)
    {
        try
        {
            return Base64Url.DecodeFromChars(part);
        }
        catch (FormatException)
        {
            throw Malformed($"The token's {what} is not base64url.");
        }
    }

    private static JsonDocument ParseObject(byte[] json, string what)
    {
        try
        {
            var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }

            document.Dispose();
        }
        catch (JsonException)
        {
        }

        throw Malformed($"The token's {what} is not a JSON object.");
    }

    private static DateTimeOffset? ReadTime(JsonElement claims, string name)
    {
        if (!claims.TryGetProperty(name, out var value))
        {
            return null;
        }

        // NumericDate: seconds since the epoch, possibly with a fraction (RFC 7519 §2); bounded so the conversion cannot throw.
        return value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var seconds) && seconds is >= 0 and <= 253_402_300_799
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000))
            : throw Malformed($"The token's {name} is not a NumericDate.");
    }

    private static string? ReadString(JsonElement claims, string name)
    {
        if (!claims.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw Malformed($"The token's {name} is not a string.");
    }

    /// <summary>A claim that may be one string or an array of strings (<c>aud</c>, <c>role</c>).</summary>
    private static string[] ReadStrings(JsonElement claims, string name)
    {
        if (!claims.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return [value.GetString()!];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Malformed($"The token's {name} is neither a string nor an array of strings.");
        }

        var values = new string[value.GetArrayLength()];
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            values[i++] = item.ValueKind == JsonValueKind.String ? item.GetString()! : throw Malformed($"The token's {name} array holds something other than strings.");
        }

        return values;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static TokenValidationException Malformed(string message) => new(TokenFailure.Malformed, message);

    private sealed record Accepted(Caller Caller, DateTimeOffset NotBefore, DateTimeOffset Expires);
}
