using System.Globalization;
using CoFundMarket.Cli.Calling;

namespace CoFundMarket.Cli.Input;

/// <summary>Reads a duration people type: <c>90m</c>, <c>8h</c>, <c>7d</c>, or a .NET time span such as <c>01:30:00</c>.</summary>
internal static class Durations
{
    public static TimeSpan Parse(string text, string option)
    {
        var trimmed = text.Trim();
        if (trimmed.Length > 1 && int.TryParse(trimmed[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0)
        {
            switch (trimmed[^1])
            {
                case 's': return TimeSpan.FromSeconds(count);
                case 'm': return TimeSpan.FromMinutes(count);
                case 'h': return TimeSpan.FromHours(count);
                case 'd': return TimeSpan.FromDays(count);
            }
        }

        return TimeSpan.TryParse(trimmed, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero
            ? span
            : throw CliException.Usage($"{option} must be a duration such as 90m, 8h or 7d; got '{text}'.");
    }
}
