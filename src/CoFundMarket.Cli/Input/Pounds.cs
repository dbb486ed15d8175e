using System.Globalization;
using CoFundMarket.Api.V1;
using CoFundMarket.Cli.Calling;

namespace CoFundMarket.Cli.Input;

/// <summary>
/// Reads an amount people type in pounds (<c>2500</c>, <c>2500.50</c>, <c>£2,500.5</c>) as GBP pence, with integer
/// arithmetic only: the whole pounds and the pence are read separately, never as a fraction.
/// </summary>
internal static class Pounds
{
    public static Money Parse(string text, string option)
    {
        var cleaned = text.Trim().TrimStart('£').Replace(",", "", StringComparison.Ordinal);
        var parts = cleaned.Split('.');
        var invalid = CliException.Usage($"{option} must be an amount in pounds such as 2500 or 2500.50; got '{text}'.");
        if (parts.Length > 2 || parts[0].Length == 0 || !parts[0].All(char.IsAsciiDigit)
            || (parts.Length == 2 && (parts[1].Length is 0 or > 2 || !parts[1].All(char.IsAsciiDigit))))
        {
            throw invalid;
        }

        try
        {
            var whole = long.Parse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture);
            var pence = parts.Length == 2 ? int.Parse(parts[1].PadRight(2, '0'), NumberStyles.None, CultureInfo.InvariantCulture) : 0;
            return new Money { CurrencyCode = "GBP", MinorUnits = checked((whole * 100) + pence) };
        }
        catch (OverflowException)
        {
            throw invalid;
        }
    }
}
