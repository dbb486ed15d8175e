using CoFundMarket.Domain.Common;
using CoFundMarket.Domain.Pledges;
using CoFundMarket.Domain.Projects;

namespace CoFundMarket.Domain.Tests;

public sealed class ProjectLifecycleTests
{
    [Fact]
    public async Task AProjectGoesFromDraftToDeliveredAndCountsItsAdopters()
    {
        await using var market = await Market.StartAsync();
        await market.Organisation("RTE", 100_000);
        await market.Organisation("QR1", 100_000);
        await market.Organisation("RX1", 0);
        var project = market.Project("finder");

        Assert.Equal(ProjectStatus.Draft, (await project.Create(Market.Details(10_000, minFunders: 2))).Status);
        Assert.Equal(ProjectStatus.Submitted, (await project.Submit()).Status);
        Assert.Equal(ProjectStatus.Open, (await project.Approve()).Status);
        await market.Pledge("a", "finder", "RTE", 6_000);
        await market.Pledge("b", "finder", "QR1", 4_000);
        Assert.Equal(ProjectStatus.Funded, (await project.Get()).Status);
        Assert.Equal(ProjectStatus.InDelivery, (await project.StartDelivery()).Status);
        var delivered = await project.MarkDelivered("https://github.com/nhs/finder", "MIT");
        await project.RecordAdoption("RTE", new DateOnly(2026, 9, 1), "in use in ED");
        await project.RecordAdoption("QR1", new DateOnly(2026, 9, 2), "");
        var adopted = await project.RecordAdoption("RX1", new DateOnly(2026, 9, 3), "adopted without funding");

        Assert.Equal(ProjectStatus.Delivered, delivered.Status);
        Assert.Equal("https://github.com/nhs/finder", adopted.RepositoryUrl);
        Assert.Equal(3, adopted.AdoptionCount);
        Assert.Equal(Money.Pounds(10_000), adopted.Committed);
        Assert.Equal(Money.Pence(333_333), adopted.CostPerAdopter);
    }

    [Theory]
    [InlineData("approve")]
    [InlineData("start-delivery")]
    [InlineData("deliver")]
    public async Task ATransitionFromTheWrongStateIsRefusedNamingTheState(string action)
    {
        await using var market = await Market.StartAsync();
        var project = market.Project("draft");
        await project.Create(Market.Details(1_000));

        var refusal = await Assert.ThrowsAsync<DomainException>(() => action switch
        {
            "approve" => project.Approve(),
            "start-delivery" => project.StartDelivery(),
            _ => project.MarkDelivered("https://example.org/x", "MIT"),
        });

        Assert.Equal(Reasons.IllegalTransition, refusal.Reason);
        Assert.Contains("it is DRAFT", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOpenProjectCannotBeEditedOrSubmittedAgain()
    {
        await using var market = await Market.StartAsync();
        await market.OpenProject("open", 1_000);

        var edit = await Assert.ThrowsAsync<DomainException>(() => market.Project("open").Update(Market.Details(2_000)));
        var submit = await Assert.ThrowsAsync<DomainException>(() => market.Project("open").Submit());

        Assert.Contains("it is OPEN", edit.Message, StringComparison.Ordinal);
        Assert.Contains("it is OPEN", submit.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheLeadEditsADraftAndASubmittedProject()
    {
        await using var market = await Market.StartAsync();
        var project = market.Project("edited");
        await project.Create(Market.Details(1_000));

        await project.Update(Market.Details(2_000, title: "Better title"));
        await project.Submit();
        var updated = await project.Update(Market.Details(3_000, title: "Best title"));

        Assert.Equal("Best title", updated.Details.Title);
        Assert.Equal(Money.Pounds(3_000), updated.Details.Target);
    }

    [Fact]
    public async Task CreatingTheSameProjectTwiceReturnsItButOtherDetailsAreRefused()
    {
        await using var market = await Market.StartAsync();
        await market.Project("dup").Create(Market.Details(1_000));

        await market.Project("dup").Create(Market.Details(1_000));
        var refusal = await Assert.ThrowsAsync<DomainException>(() => market.Project("dup").Create(Market.Details(9_000)));

        Assert.Equal(DomainErrorKind.AlreadyExists, refusal.Kind);
    }

    [Fact]
    public async Task DeliveryNeedsAnHttpsRepository()
    {
        await using var market = await Market.StartAsync();
        await market.Organisation("RTE", 10_000);
        await market.OpenProject("p", 1_000);
        await market.Pledge("a", "p", "RTE", 1_000);
        await market.Project("p").StartDelivery();

        var refusal = await Assert.ThrowsAsync<DomainException>(() => market.Project("p").MarkDelivered("http://insecure.example/x", "MIT"));

        Assert.Equal("repository_url", refusal.Field);
    }

    [Fact]
    public async Task ACapBelowTheTargetIsRefused()
    {
        var refusal = Assert.Throws<DomainException>(() => Market.Details(1_000, capPounds: 500));

        Assert.Equal("cap", refusal.Field);
    }

    [Fact]
    public async Task CancellingAnOpenProjectReleasesItsPledges()
    {
        await using var market = await Market.StartAsync();
        await market.Organisation("RTE", 10_000);
        await market.OpenProject("p", 5_000);
        await market.Pledge("a", "p", "RTE", 2_000);

        var cancelled = await market.Project("p").Cancel("no longer needed");

        Assert.Equal(ProjectStatus.Cancelled, cancelled.Status);
        Assert.Equal(PledgeStatus.Released, (await market.PledgeGrain("a").Get()).Status);
        Assert.Equal(Money.Zero, (await market.Budget("RTE")).Reserved);
    }

    [Fact]
    public async Task ApprovingAfterTheDeadlineIsRefused()
    {
        await using var market = await Market.StartAsync();
        var project = market.Project("late");
        await project.Create(Market.Details(1_000, deadline: new DateOnly(2026, 3, 31)));
        await project.Submit();

        var refusal = await Assert.ThrowsAsync<DomainException>(() => project.Approve());

        Assert.Equal(Reasons.DeadlinePassed, refusal.Reason);
    }

    [Fact]
    public async Task TheDeadlineExpiresAnUnfundedProjectAndReleasesItsPledgesEvenAfterARestart()
    {
        await using var market = await Market.StartAsync();
        await market.Organisation("RTE", 10_000);
        await market.OpenProject("p", 5_000, deadline: new DateOnly(2026, 4, 10));
        await market.Pledge("a", "p", "RTE", 2_000);

        await market.Cluster.RestartSiloAsync(market.Cluster.Silos[0]);
        await market.AdvanceAsync(TimeSpan.FromDays(10));
        await market.AdvanceAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(ProjectStatus.Expired, (await market.Project("p").Get()).Status);
        Assert.Equal(PledgeStatus.Released, (await market.PledgeGrain("a").Get()).Status);
        Assert.Equal(Money.Zero, (await market.Budget("RTE")).Reserved);
    }

    [Fact]
    public async Task TheDeadlineEndsAtMidnightLondonTime()
    {
        // 30 June 2026 is in British Summer Time: the deadline passes at 23:00 UTC.
        Assert.Equal(new DateTimeOffset(2026, 6, 30, 23, 0, 0, TimeSpan.Zero), FundingDeadline.EndOf(new DateOnly(2026, 6, 30)));
        Assert.Equal(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero), FundingDeadline.EndOf(new DateOnly(2026, 12, 31)));
        await Task.CompletedTask;
    }
}
