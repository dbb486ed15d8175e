using CoFundMarket.Domain.Common;

namespace CoFundMarket.Domain.Tests;

public sealed class MoneyTests
{
    [Fact]
    public void MoneyAddsAndSubtractsInPence() =>
        Assert.Equal(Money.Pence(250), Money.Pounds(3) - Money.Pence(100) + Money.Pence(50));

    [Fact]
    public void OverflowIsAnErrorNotAWrapAround() =>
        Assert.Throws<OverflowException>(() => Money.Pence(long.MaxValue) + Money.Pence(1));

    [Theory]
    [InlineData("EUR", 100)]
    [InlineData("gbp", 100)]
    [InlineData(null, 100)]
    [InlineData("GBP", -1)]
    [InlineData("GBP", 1_000_000_000_001)]
    public void MoneyFromARequestRefusesWrongCurrencyNegativeAndTooLarge(string? currency, long minorUnits)
    {
        var refusal = Assert.Throws<DomainException>(() => Money.From(currency, minorUnits, "amount"));

        Assert.Equal(DomainErrorKind.InvalidArgument, refusal.Kind);
        Assert.Equal("amount", refusal.Field);
    }

    [Fact]
    public void FinancialYearsRunFromAprilToMarch()
    {
        Assert.Equal("2026/27", FinancialYear.Of(new DateOnly(2026, 4, 1)).ToString());
        Assert.Equal("2025/26", FinancialYear.Of(new DateOnly(2026, 3, 31)).ToString());
        Assert.Equal(new FinancialYear(2026), FinancialYear.Parse("2026/27"));
        Assert.Throws<DomainException>(() => FinancialYear.Parse("2026/28"));
    }
}
