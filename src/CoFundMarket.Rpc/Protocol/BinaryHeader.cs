namespace CoFundMarket.Rpc.Protocol;

/// <summary>
/// Values of <c>-bin</c> headers: base64 (RFC 4648 §4), sent unpadded, accepted padded or not. Several values
/// of one key may arrive joined with commas and are split before decoding.
/// </summary>
internal static class BinaryHeader
{
    public static string Encode(ReadOnlySpan<byte> value) => Convert.ToBase64String(value).TrimEnd('=');

    /// <summary>Decodes one header value into one or more byte arrays; false when any part is not base64.</summary>
    public static bool TryDecode(string value, List<byte[]> values)
    {
        var span = value.AsSpan();
        foreach (var range in span.Split(','))
        {
            var decoded = TryDecodeOne(span[range].Trim());
            if (decoded is null)
            {
                return false;
            }

            values.Add(decoded);
        }

        return true;
    }

    /// <summary>One value, padded or not; null when it is not base64.</summary>
    public static byte[]? TryDecodeOne(ReadOnlySpan<char> value)
    {
        if (value.Length % 4 == 1)
        {
            return null;
        }

        var padding = (4 - (value.Length % 4)) % 4;
        Span<char> padded = value.Length + padding <= 1024 ? stackalloc char[value.Length + padding] : new char[value.Length + padding];
        value.CopyTo(padded);
        padded[value.Length..].Fill('=');
        var bytes = new byte[padded.Length / 4 * 3];
        return Convert.TryFromBase64Chars(padded, bytes, out var written) ? bytes.AsSpan(0, written).ToArray() : null;
    }
}
