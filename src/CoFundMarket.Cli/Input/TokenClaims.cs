using System.Buffers.Text;
using System.Text.Json;

namespace CoFundMarket.Cli.Input;

/// <summary>
/// Reads the <c>org</c> claim of the caller's own token so that <c>cofund pledge</c> can default the pledging
/// organisation. The signature is not checked here: the gateway checks it, this only saves typing.
/// </summary>
internal static class TokenClaims
{
    public static string? Organisation(string? token)
    {
        var parts = token?.Split('.');
        if (parts is not { Length: 3 })
        {
            return null;
        }

        try
        {
            using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            return payload.RootElement.TryGetProperty("org", out var org) && org.ValueKind == JsonValueKind.String ? org.GetString() : null;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }
}
