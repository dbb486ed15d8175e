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

    /// <summary>What can be asked of a project (DOMAIN.md, "Projects").</summary>
    public enum ProjectAction
    {
        Edit,
        Submit,
        Approve,
        Cancel,
        Pledge,
        StartDelivery,
        MarkDelivered,
        RecordAdoption,
    }

    /// <summary>The lifecycle of DOMAIN.md: every action it allows, from which state, and the state that follows.
    /// "Any other transition is refused with the state it is in."</summary>
    private static readonly Dictionary<(ProjectStatus From, ProjectAction Action), ProjectStatus> s_allowed = new()
    {
        [(ProjectStatus.Draft, ProjectAction.Edit)] = ProjectStatus.Draft,
        [(ProjectStatus.Draft, ProjectAction.Submit)] = ProjectStatus.Submitted,
        [(ProjectStatus.Draft, ProjectAction.Cancel)] = ProjectStatus.Cancelled,
        [(ProjectStatus.Submitted, ProjectAction.Edit)] = ProjectStatus.Submitted,
        [(ProjectStatus.Submitted, ProjectAction.Approve)] = ProjectStatus.Open,
        [(ProjectStatus.Submitted, ProjectAction.Cancel)] = ProjectStatus.Cancelled,
        [(ProjectStatus.Open, ProjectAction.Pledge)] = ProjectStatus.Open, // below the target
        [(ProjectStatus.Open, ProjectAction.Cancel)] = ProjectStatus.Cancelled,
        [(ProjectStatus.Funded, ProjectAction.StartDelivery)] = ProjectStatus.InDelivery,
        [(ProjectStatus.InDelivery, ProjectAction.MarkDelivered)] = ProjectStatus.Delivered,
        [(ProjectStatus.Delivered, ProjectAction.RecordAdoption)] = ProjectStatus.Delivered,
    };

    private const string Id = "p";

    private static readonly ProjectStatus[] s_everyStatus = [.. Enum.GetValues<ProjectStatus>().Where(s => s != ProjectStatus.Unspecified)];

    public static TheoryData<ProjectStatus, ProjectAction, ProjectStatus> AllowedMoves()
    {
        var data = new TheoryData<ProjectStatus, ProjectAction, ProjectStatus>();
        foreach (var ((from, action), to) in s_allowed)
        {
            data.Add(from, action, to);
        }

        return data;
    }

    /// <summary>Every (state, action) the lifecycle does not allow, but pledges: a refused pledge is not an error
    /// but a REJECTED pledge (<see cref="APledgeIsRejectedNamingTheStateUnlessTheProjectIsOpenAndHoldsNothing"/>).</summary>
    public static TheoryData<ProjectStatus, ProjectAction> RefusedCommands()
    {
        var data = new TheoryData<ProjectStatus, ProjectAction>();
        foreach (var from in s_everyStatus)
        {
            foreach (var action in Enum.GetValues<ProjectAction>().Where(a => a != ProjectAction.Pledge && !s_allowed.ContainsKey((from, a))))
            {
                data.Add(from, action);
            }
        }

        return data;
    }

    public static TheoryData<ProjectStatus> StatesThatTakeNoPledges() =>
        [.. s_everyStatus.Where(from => !s_allowed.ContainsKey((from, ProjectAction.Pledge)))];

    [Theory]
    [MemberData(nameof(AllowedMoves))]
    public async Task AnActionTheLifecycleAllowsMovesTheProjectOn(ProjectStatus from, ProjectAction action, ProjectStatus to)
    {
        await using var market = await StartWithTwoTrusts();
        var project = await market.ProjectIn(Id, from, funder: "RTE");
        var before = await project.Get();

        var after = await Do(market, project, action);

        Assert.Equal(to, after.Status);
        Assert.True(after.Version > before.Version, $"version {after.Version} after {before.Version}: nothing was recorded");
    }

    [Theory]
    [MemberData(nameof(RefusedCommands))]
    public async Task AnActionTheLifecycleDoesNotAllowIsRefusedNamingTheStateAndChangesNothing(ProjectStatus from, ProjectAction action)
    {
        await using var market = await StartWithTwoTrusts();
        var project = await market.ProjectIn(Id, from, funder: "RTE");
        var before = await project.Get();

        var refusal = await Assert.ThrowsAsync<DomainException>(() => Do(market, project, action));

        Assert.Equal(DomainErrorKind.FailedPrecondition, refusal.Kind);
        Assert.Equal(Reasons.IllegalTransition, refusal.Reason);
        Assert.Contains($"it is {Named(from)}", refusal.Message, StringComparison.Ordinal);
        Assert.Equal((from, before.Version), Standing(await project.Get()));
    }

    [Theory]
    [MemberData(nameof(StatesThatTakeNoPledges))]
    public async Task APledgeIsRejectedNamingTheStateUnlessTheProjectIsOpenAndHoldsNothing(ProjectStatus from)
    {
        await using var market = await StartWithTwoTrusts();
        var project = await market.ProjectIn(Id, from, funder: "RTE");
        var before = await project.Get();

        var pledge = await market.Pledge("late", Id, "QR1", 100);

        Assert.Equal(PledgeStatus.Rejected, pledge.Status);
        Assert.Equal(Reasons.ProjectNotOpen, pledge.RejectionReason);
        Assert.Contains($"is {Named(from)};", pledge.RejectionMessage, StringComparison.Ordinal);
        Assert.Equal(Money.Zero, (await market.Budget("QR1")).Reserved);
        Assert.Equal((from, before.Version), Standing(await project.Get()));
    }

    /// <summary>RTE funds the projects it leads; QR1 pledges and adopts.</summary>
    private static async Task<Market> StartWithTwoTrusts()
    {
        var market = await Market.StartAsync();
        await market.Organisation("RTE", 10_000);
        await market.Organisation("QR1", 10_000);
        return market;
    }

    private static async Task<ProjectView> Do(Market market, IProjectGrain project, ProjectAction action) => action switch
    {
        ProjectAction.Edit => await project.Update(Market.Details(2_000, title: "Edited")),
        ProjectAction.Submit => await project.Submit(),
        ProjectAction.Approve => await project.Approve(),
        ProjectAction.Cancel => await project.Cancel("no longer needed"),
        ProjectAction.Pledge => await PledgeTowards(market, project),
        ProjectAction.StartDelivery => await project.StartDelivery(),
        ProjectAction.MarkDelivered => await project.MarkDelivered($"https://github.com/nhs/{Id}", "MIT"),
        ProjectAction.RecordAdoption => await project.RecordAdoption("QR1", new DateOnly(2026, 9, 1), "in use"),
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    private static async Task<ProjectView> PledgeTowards(Market market, IProjectGrain project)
    {
        Assert.Equal(PledgeStatus.Active, (await market.Pledge("new", Id, "QR1", 100)).Status);
        return await project.Get();
    }

    private static (ProjectStatus Status, long Version) Standing(ProjectView project) => (project.Status, project.Version);

    /// <summary>A state as messages name it: <c>IN_DELIVERY</c>, <c>OPEN</c>.</summary>
    private static string Named(ProjectStatus status) =>
        status == ProjectStatus.InDelivery ? "IN_DELIVERY" : status.ToString().ToUpperInvariant();

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
        Assert.Equal(Reasons.ProjectExists, refusal.Reason);
    }

    [Fact]
    public async Task DeliveryNeedsAnHttpsRepository()
    {
        await using var market = await Market.StartAsync();
        await market.Organisation("RTE", 10_000);
        var project = await market.ProjectIn("p", ProjectStatus.InDelivery, funder: "RTE");

        var refusal = await Assert.ThrowsAsync<DomainException>(() => project.MarkDelivered("http://insecure.example/x", "MIT"));

        Assert.Equal("repository_url", refusal.Field);
    }

    [Theory]
    [InlineData("", "MIT")]
    [InlineData("https://github.com/nhs/p", "")]
    [InlineData(" ", " ")]
    public async Task DeliveryWithoutTheRepositoryOrTheLicenceIsIncompleteAndChangesNothing(string repositoryUrl, string licence)
    {
        await using var market = await Market.StartAsync();
        await market.Organisation("RTE", 10_000);
        var project = await market.ProjectIn("p", ProjectStatus.InDelivery, funder: "RTE");
        var before = await project.Get();

        var refusal = await Assert.ThrowsAsync<DomainException>(() => project.MarkDelivered(repositoryUrl, licence));

        Assert.Equal(DomainErrorKind.FailedPrecondition, refusal.Kind);
        Assert.Equal(Reasons.DeliveryIncomplete, refusal.Reason);
        Assert.Equal((ProjectStatus.InDelivery, before.Version), Standing(await project.Get()));
    }

    [Fact]
    public async Task AnOrganisationRecordsItsAdoptionOnlyOnce()
    {
        await using var market = await StartWithTwoTrusts();
        var project = await market.ProjectIn("p", ProjectStatus.Delivered, funder: "RTE");
        var adopted = await project.RecordAdoption("QR1", new DateOnly(2026, 9, 1), "in use");

        var refusal = await Assert.ThrowsAsync<DomainException>(() => project.RecordAdoption("QR1", new DateOnly(2026, 10, 1), "again"));

        Assert.Equal(DomainErrorKind.FailedPrecondition, refusal.Kind);
        Assert.Equal(Reasons.AlreadyAdopted, refusal.Reason);
        var after = await project.Get();
        Assert.Equal(1, after.AdoptionCount);
        Assert.Equal(adopted.Version, after.Version);
    }

    [Fact]
    public async Task AnAdoptionByAnOrganisationThatIsNotRegisteredIsNotFound()
    {
        await using var market = await StartWithTwoTrusts();
        var project = await market.ProjectIn("p", ProjectStatus.Delivered, funder: "RTE");
        var before = await project.Get();

        var refusal = await Assert.ThrowsAsync<DomainException>(() => project.RecordAdoption("RZZ", new DateOnly(2026, 9, 1), "made up"));

        Assert.Equal(DomainErrorKind.NotFound, refusal.Kind);
        Assert.Equal(Reasons.OrganisationNotFound, refusal.Reason);
        var after = await project.Get();
        Assert.Equal((0, before.Version), (after.AdoptionCount, after.Version));
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
