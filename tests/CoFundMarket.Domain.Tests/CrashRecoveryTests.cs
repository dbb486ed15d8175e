using CoFundMarket.Domain.Common;
using CoFundMarket.Domain.Pledges;
using CoFundMarket.Domain.Projects;

namespace CoFundMarket.Domain.Tests;

public sealed class CrashRecoveryTests
{
    public static TheoryData<string, bool> SagaSteps => new()
    {
        { "IOrganisationGrain.Reserve", false },
        { "IOrganisationGrain.Reserve", true },
        { "IProjectGrain.RecordPledge", false },
        { "IProjectGrain.RecordPledge", true },
    };

    [Theory]
    [MemberData(nameof(SagaSteps))]
    public async Task ACrashAnywhereInThePledgeSagaIsFinishedAfterTheRestart(string method, bool afterCall)
    {
        var plan = new FaultPlan();
        await using var market = await Market.StartAsync(services: FaultInjection.Services(plan));
        await market.Organisation("RTE", 10_000);
        await market.OpenProject("p", 50_000);
        plan.Arm(new KillPoint(method, afterCall));

        await Assert.ThrowsAnyAsync<Exception>(() => market.Pledge("a", "p", "RTE", 1_000));
        Assert.True(plan.Fired);
        await market.RestartCrashedAsync();
        await market.AdvanceAsync(TimeSpan.FromMinutes(1));

        var pledge = await market.PledgeGrain("a").Get();
        Assert.Equal(PledgeStatus.Active, pledge.Status);
        Assert.Equal(Money.Pounds(1_000), (await market.Budget("RTE")).Reserved);
        Assert.Equal(Money.Pounds(1_000), (await market.Project("p").Get()).Pledged);
    }

    [Theory]
    [InlineData("IPledgeGrain.Settle", false)]
    [InlineData("IOrganisationGrain.Commit", false)]
    [InlineData("IOrganisationGrain.Commit", true)]
    public async Task ACrashWhileSettlingAFundedProjectIsFinishedAfterTheRestart(string method, bool afterCall)
    {
        var plan = new FaultPlan();
        await using var market = await Market.StartAsync(services: FaultInjection.Services(plan));
        await market.Organisation("RTE", 10_000);
        await market.Organisation("QR1", 10_000);
        await market.OpenProject("p", 2_000, minFunders: 2);
        await market.Pledge("a", "p", "RTE", 1_000);
        plan.Arm(new KillPoint(method, afterCall));

        await Assert.ThrowsAnyAsync<Exception>(() => market.Pledge("b", "p", "QR1", 1_000));
        await market.RestartCrashedAsync();
        await market.AdvanceAsync(TimeSpan.FromMinutes(1));
        await market.AdvanceAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(ProjectStatus.Funded, (await market.Project("p").Get()).Status);
        Assert.Equal(PledgeStatus.Committed, (await market.PledgeGrain("a").Get()).Status);
        Assert.Equal(PledgeStatus.Committed, (await market.PledgeGrain("b").Get()).Status);
        Assert.Equal(Money.Pounds(1_000), (await market.Budget("QR1")).Committed);
    }

    [Theory]
    [InlineData("IProjectGrain.RemovePledge", true)]
    [InlineData("IOrganisationGrain.Release", false)]
    public async Task ACrashWhileWithdrawingIsFinishedAfterTheRestart(string method, bool afterCall)
    {
        var plan = new FaultPlan();
        await using var market = await Market.StartAsync(services: FaultInjection.Services(plan));
        await market.Organisation("RTE", 10_000);
        await market.OpenProject("p", 50_000);
        await market.Pledge("a", "p", "RTE", 1_000);
        plan.Arm(new KillPoint(method, afterCall));

        await Assert.ThrowsAnyAsync<Exception>(() => market.PledgeGrain("a").Withdraw());
        await market.RestartCrashedAsync();
        await market.AdvanceAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(PledgeStatus.Withdrawn, (await market.PledgeGrain("a").Get()).Status);
        Assert.Equal(Money.Zero, (await market.Budget("RTE")).Reserved);
    }
}
