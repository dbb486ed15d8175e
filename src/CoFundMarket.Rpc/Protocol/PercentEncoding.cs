using System.Text;

namespace CoFundMarket.Rpc.Protocol;

/// <summary>
/// <c>grpc-message</c> is UTF-8, then percent-encoded: bytes below 0x20, above 0x7E and <c>%</c> itself become
/// <c>%XX</c> (upper-case hex). Decoding never fails: a malformed escape is kept as it is.
/// </summary>
internal static class PercentEncoding
{
    public static string Encode(string value)
    {
        var span = value.AsSpan();
        if (!span.ContainsAnyExceptInRange(' ', '~') && !span.Contains('%'))
        {
            return value;
        }

        var bytes = Encoding.UTF8.GetBytes(value);
        var builder = new StringBuilder(bytes.Length * 3);
        foreach (var b in bytes)
        {
            if (b < 0x20 || b > 0x7E || b == '%')
            {
                builder.Append('%').Append(ToHex(b >> 4)).Append(ToHex(b & 0xF));
            }
            else
            {
                builder.Append((char)b);
            }
        }

        return builder.ToString();
    }

    public static string Decode(string value)
    {
        if (!value.Contains('%', StringComparison.Ordinal))
        {
            return value;
        }

        var bytes = new List<byte>(value.Length);
        Span<byte> utf8 = stackalloc byte[4];
        var rest = value.AsSpan();
        while (!rest.IsEmpty)
        {
            if (rest.Length >= 3 && rest[0] == '%' && TryFromHex(rest[1], out var high) && TryFromHex(rest[2], out var low))
            {
                bytes.Add((byte)((high << 4) | low));
                rest = rest[3..];
                continue;
            }

            Rune.DecodeFromUtf16(rest, out var rune, out var consumed);
            var written = rune.EncodeToUtf8(utf8);
            for (var i = 0; i < written; i++)
            {
                bytes.Add(utf8[i]);
            }

            rest = rest[consumed..];
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static char ToHex(int nibble) => (char)(nibble < 10 ? '0' + nibble : 'A' + nibble - 10);

    private static bool TryFromHex(char c, out int value)
    {
        value = c switch
        {
            >= '0' and <= '9' => c - '0',
            >= 'A' and <= 'F' => c - 'A' + 10,
            >= 'a' and <= 'f' => c - 'a' + 10,
            _ => -1,
        };
        return value >= 0;
    }
}
