using System.Globalization;
using System.Text.RegularExpressions;

namespace CoFundMarket.Domain.Common;

/// <summary>An NHS financial year, 1 April to 31 March, named like <c>2026/27</c>.</summary>
public readonly partial record struct FinancialYear(int StartYear)
{
    /// <summary>The year a date falls in.</summary>
    public static FinancialYear Of(DateOnly date) => new(date.Month >= 4 ? date.Year : date.Year - 1);

    /// <summary>Parses <c>2026/27</c>.</summary>
    /// <exception cref="DomainException">INVALID_ARGUMENT when malformed.</exception>
    public static FinancialYear Parse(string? text, string field = "financial_year")
    {
        var match = text is null ? null : Pattern().Match(text);
        if (match is not { Success: true })
        {
            throw DomainException.Invalid(field, $"{field} must look like 2026/27; got '{text}'.");
        }

        var start = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var end = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        return (start + 1) % 100 == end && start is >= 2000 and <= 2999
            ? new FinancialYear(start)
            : throw DomainException.Invalid(field, $"{field} '{text}' is not a financial year (the second year follows the first).");
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{StartYear}/{(StartYear + 1) % 100:00}");

    [GeneratedRegex(@"^(\d{4})/(\d{2})$")]
    private static partial Regex Pattern();
}
