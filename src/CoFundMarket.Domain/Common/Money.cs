using System.Globalization;
using System.Text.Json.Serialization;

namespace CoFundMarket.Domain.Common;

/// <summary>
/// An amount of money in minor units (pence) with its currency, explicit everywhere. Only GBP is
/// accepted for now. Arithmetic is checked and refuses mixed currencies; there is no floating point.
/// </summary>
public readonly record struct Money
{
    /// <summary>The only currency accepted today.</summary>
    public const string Gbp = "GBP";

    /// <summary>The largest target, cap or ceiling: £10,000,000,000 (10^12 pence).</summary>
    public const long MaxMinorUnits = 1_000_000_000_000;

    /// <summary>The smallest pledge: £1.</summary>
    public const long MinPledgeMinorUnits = 100;

    [JsonConstructor]
    private Money(string currency, long minorUnits)
    {
        Currency = currency;
        MinorUnits = minorUnits;
    }

    /// <summary>ISO 4217 code.</summary>
    public string Currency { get; }

    /// <summary>Pence for GBP.</summary>
    public long MinorUnits { get; }

    /// <summary>Zero pounds.</summary>
    public static Money Zero { get; } = new(Gbp, 0);

    /// <summary>Pence as GBP.</summary>
    public static Money Pence(long minorUnits) => new(Gbp, minorUnits);

    /// <summary>Whole pounds as GBP.</summary>
    public static Money Pounds(long pounds) => new(Gbp, checked(pounds * 100));

    /// <summary>Validates an amount from outside (a request): GBP only, not negative, at most <see cref="MaxMinorUnits"/>.</summary>
    /// <exception cref="DomainException">INVALID_MONEY with the reason.</exception>
    public static Money From(string? currency, long minorUnits, string field)
    {
        if (!string.Equals(currency, Gbp, StringComparison.Ordinal))
        {
            throw DomainException.Invalid(field, $"{field} must be in GBP; got '{currency}'.");
        }

        if (minorUnits < 0)
        {
            throw DomainException.Invalid(field, $"{field} cannot be negative.");
        }

        if (minorUnits > MaxMinorUnits)
        {
            throw DomainException.Invalid(field, $"{field} is above the limit of £10,000,000,000.");
        }

        return new Money(Gbp, minorUnits);
    }

    /// <summary>True when zero.</summary>
    public bool IsZero => MinorUnits == 0;

    /// <summary>Checked sum.</summary>
    public static Money operator +(Money left, Money right) => new(SameCurrency(left, right), checked(left.MinorUnits + right.MinorUnits));

    /// <summary>Checked difference.</summary>
    public static Money operator -(Money left, Money right) => new(SameCurrency(left, right), checked(left.MinorUnits - right.MinorUnits));

    /// <summary>Compares amounts of one currency.</summary>
    public static bool operator <(Money left, Money right) => Compare(left, right) < 0;

    /// <summary>Compares amounts of one currency.</summary>
    public static bool operator >(Money left, Money right) => Compare(left, right) > 0;

    /// <summary>Compares amounts of one currency.</summary>
    public static bool operator <=(Money left, Money right) => Compare(left, right) <= 0;

    /// <summary>Compares amounts of one currency.</summary>
    public static bool operator >=(Money left, Money right) => Compare(left, right) >= 0;

    /// <summary>Named alternative to +.</summary>
    public static Money Add(Money left, Money right) => left + right;

    /// <summary>Named alternative to -.</summary>
    public static Money Subtract(Money left, Money right) => left - right;

    /// <summary>Sum of many amounts (zero when none).</summary>
    public static Money Sum(IEnumerable<Money> amounts) => amounts.Aggregate(Zero, (total, amount) => total + amount);

    /// <summary>The amount divided by <paramref name="parts"/>, rounded down to whole pence.</summary>
    public Money DividedBy(int parts) => parts <= 0 ? throw new ArgumentOutOfRangeException(nameof(parts)) : new(Currency, MinorUnits / parts);

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"£{MinorUnits / 100:N0}.{Math.Abs(MinorUnits % 100):00}");

    private static int Compare(Money left, Money right)
    {
        SameCurrency(left, right);
        return left.MinorUnits.CompareTo(right.MinorUnits);
    }

    private static string SameCurrency(Money left, Money right) =>
        left.Currency == right.Currency ? left.Currency : throw new InvalidOperationException($"Cannot combine {left.Currency} with {right.Currency}.");
}
