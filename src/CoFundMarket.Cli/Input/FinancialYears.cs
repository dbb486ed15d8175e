using System.Globalization;

namespace CoFundMarket.Cli.Input;

/// <summary>The NHS financial year (1 April – 31 March, written <c>2026/27</c>) that budget commands use when none is given.</summary>
internal static class FinancialYears
{
    public static string Current(DateTimeOffset now)
    {
        var start = now.UtcDateTime.Month >= 4 ? now.UtcDateTime.Year : now.UtcDateTime.Year - 1;
        return string.Create(CultureInfo.InvariantCulture, $"{start}/{(start + 1) % 100:00}");
    }
}
