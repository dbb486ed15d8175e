using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CoFundMarket.Gateway.Tests.Identity;

/// <summary>Hand-made tokens for the cases a well-behaved issuer never produces: other algorithms, forged or missing signatures, odd claims.</summary>
internal static class UnsignedJwt
{
    public static string Part(object json) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(json));

    public static string Hs256(object payload, byte[] key, object? header = null)
    {
        var input = $"{Part(header ?? new { alg = "HS256", typ = "JWT" })}.{Part(payload)}";
        return $"{input}.{Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(input)))}";
    }

    public static string Rs256(object payload, RSA key)
    {
        var input = $"{Part(new { alg = "RS256", typ = "JWT" })}.{Part(payload)}";
        return $"{input}.{Base64Url.EncodeToString(key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))}";
    }

    public static string None(object payload) => $"{Part(new { alg = "none", typ = "JWT" })}.{Part(payload)}.";

    public static long Seconds(DateTimeOffset time) => time.ToUnixTimeSeconds();
}
