using CoFundMarket.Domain.Common;
using CoFundMarket.Domain.Organisations;

namespace CoFundMarket.Domain.Tests;

public sealed class OrganisationTests
{
    [Fact]
    public async Task RegisteringTheSameOrganisationTwiceIsANoOp()
    {
        await using var market = await Market.StartAsync();
        var command = new RegisterOrganisation("RTE", "Gloucestershire Hospitals NHS Foundation Trust", OrganisationKind.NhsTrust, "Y58", "QR1");

        var first = await market.Org("RTE").Register(command);
        var second = await market.Org("RTE").Register(command);

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task RegisteringACodeAgainWithOtherDetailsIsRefused()
    {
        await using var market = await Market.StartAsync();
        await market.Organisation("RTE", 0);

        var refusal = await Assert.ThrowsAsync<DomainException>(() =>
            market.Org("RTE").Register(new RegisterOrganisation("RTE", "Somebody Else", OrganisationKind.NhsTrust, "Y58", null)));

        Assert.Equal(DomainErrorKind.AlreadyExists, refusal.Kind);
        Assert.Equal(Reasons.OrganisationExists, refusal.Reason);
    }

    [Theory]
    [InlineData("rte")]
    [InlineData("TOOLONG")]
    [InlineData("R!")]
    public async Task AMalformedOdsCodeIsRefused(string code)
    {
        await using var market = await Market.StartAsync();

        var refusal = await Assert.ThrowsAsync<DomainException>(() =>
            market.Org("RTE").Register(new RegisterOrganisation(code, "x", OrganisationKind.NhsTrust, null, null)));

        Assert.Equal(DomainErrorKind.InvalidArgument, refusal.Kind);
        Assert.Equal("code", refusal.Field);
    }

    [Fact]
    public async Task CommittingAPledgeTheOrganisationHoldsNoReservationForIsNotFound()
    {
        await using var market = await Market.StartAsync();
        await market.Organisation("RTE", 10_000);

        var refusal = await Assert.ThrowsAsync<DomainException>(() => market.Org("RTE").Commit("never"));

        Assert.Equal(DomainErrorKind.NotFound, refusal.Kind);
        Assert.Equal(Reasons.PledgeNotFound, refusal.Reason);
        Assert.Equal(new BudgetView(Market.Year, Money.Pounds(10_000), Money.Zero, Money.Zero), await market.Budget("RTE"));
    }

    [Fact]
    public async Task TheBudgetViewIsDerivedFromCeilingAndPledges()
    {
        await using var market = await Market.StartAsync();
        await market.Organisation("RTE", 10_000);
        await market.Organisation("QR1", 0);
        await market.OpenProject("p1", 50_000);

        await market.Pledge("pl-1", "p1", "RTE", 3_000);

        Assert.Equal(new BudgetView(Market.Year, Money.Pounds(10_000), Money.Pounds(3_000), Money.Zero), await market.Budget("RTE"));
        Assert.Equal(Money.Pounds(7_000), (await market.Budget("RTE")).Available);
    }

    [Fact]
    public async Task ACeilingCannotBeLoweredBelowWhatIsReservedAndCommitted()
    {
        await using var market = await Market.StartAsync();
        await market.Organisation("RTE", 10_000);
        await market.OpenProject("p1", 50_000);
        await market.Pledge("pl-1", "p1", "RTE", 6_000);

        var refusal = await Assert.ThrowsAsync<DomainException>(() => market.Org("RTE").SetBudget(Market.Year, Money.Pounds(5_000)));

        Assert.Equal(Reasons.CeilingBelowCommitments, refusal.Reason);
        Assert.Equal(Money.Pounds(6_500), (await market.Org("RTE").SetBudget(Market.Year, Money.Pounds(6_500))).Ceiling);
    }

    [Fact]
    public async Task AnUnregisteredOrganisationIsNotFound()
    {
        await using var market = await Market.StartAsync();

        var refusal = await Assert.ThrowsAsync<DomainException>(() => market.Org("ZZZ").Get());

        Assert.Equal(DomainErrorKind.NotFound, refusal.Kind);
        Assert.Equal(Reasons.OrganisationNotFound, refusal.Reason);
    }
}
