using CoFundMarket.Api.V1;
using CoFundMarket.Gateway.Tests.Fixtures;
using static CoFundMarket.Gateway.Tests.Fixtures.Scenarios;

namespace CoFundMarket.Gateway.Tests;

public sealed class HappyPathTests(GatewayServer gateway) : IClassFixture<GatewayServer>
{
    [Fact]
    public async Task AProjectGoesFromDraftToAdoptedThroughTheApi()
    {
        await gateway.BudgetAsync(Gloucestershire, 5_000_000);
        await gateway.BudgetAsync(Bristol, 5_000_000);
        var draft = await gateway.DraftAsync(Gloucestershire, targetPence: 600_000, minFunders: 2);
        Assert.Equal(ProjectStatus.Draft, draft.Status);
        Assert.StartsWith("p-", draft.Id, StringComparison.Ordinal);

        var update = new UpdateProjectRequest
        {
            ProjectId = draft.Id,
            Title = "Shared discharge planner v2",
            Summary = draft.Summary,
            Category = draft.Category,
            RegionCodes = { "Y58", "Y56" },
            Target = draft.Target,
            MinFunders = 2,
            FundingDeadline = draft.FundingDeadline,
            Licence = "MIT",
            ExpectedVersion = draft.Version,
        };
        var updated = (await gateway.Call(Rpcs.UpdateProject, update, gateway.Lead(Gloucestershire))).Project;
        Assert.Equal("Shared discharge planner v2", updated.Title);
        Assert.Equal(["Y56", "Y58"], updated.RegionCodes);

        await gateway.Call(Rpcs.SubmitProject, new SubmitProjectRequest { ProjectId = draft.Id }, gateway.Lead(Gloucestershire));
        var open = (await gateway.Call(Rpcs.ApproveProject, new ApproveProjectRequest { ProjectId = draft.Id }, gateway.Admin)).Project;
        Assert.Equal(ProjectStatus.Open, open.Status);

        var first = await gateway.PledgeAsync(draft.Id, Gloucestershire, 300_000);
        Assert.Equal(PledgeStatus.Active, first.Status);
        Assert.Equal(Year, first.FinancialYear);
        var second = await gateway.PledgeAsync(draft.Id, Bristol, 300_000);
        Assert.Equal(PledgeStatus.Committed, second.Status);
        Assert.True(second.Counted);

        var funded = (await gateway.Call(Rpcs.GetProject, new GetProjectRequest { ProjectId = draft.Id })).Project;
        Assert.Equal(ProjectStatus.Funded, funded.Status);
        Assert.Equal(600_000, funded.Committed.MinorUnits);
        Assert.Equal(2, funded.FunderCount);

        var budget = (await gateway.Call(Rpcs.GetBudget, new GetBudgetRequest { OrganisationCode = Bristol, FinancialYear = Year }, gateway.Lead(Bristol))).Budget;
        Assert.Equal(300_000, budget.Committed.MinorUnits);
        Assert.Equal(4_700_000, budget.Available.MinorUnits);

        await gateway.Call(Rpcs.StartDelivery, new StartDeliveryRequest { ProjectId = draft.Id }, gateway.Lead(Gloucestershire));
        await gateway.Call(Rpcs.MarkDelivered, new MarkDeliveredRequest { ProjectId = draft.Id, RepositoryUrl = "https://github.com/example-nhs/discharge" }, gateway.Admin);
        var adopted = (await gateway.Call(Rpcs.RecordAdoption, new RecordAdoptionRequest { ProjectId = draft.Id, OrganisationCode = Leeds, Note = "Live on two wards" }, gateway.Lead(Leeds))).Project;

        Assert.Equal(ProjectStatus.Delivered, adopted.Status);
        Assert.Equal("MIT", adopted.Licence);
        Assert.Equal(1, adopted.AdoptionCount);
        Assert.Equal(600_000, adopted.CostPerAdopter.MinorUnits);
        Assert.Empty((await gateway.InvariantsAsync()).Violations);
    }

    [Fact]
    public async Task OrganisationsAreRegisteredReadAndListed()
    {
        var registered = (await gateway.Call(Rpcs.RegisterOrganisation, new RegisterOrganisationRequest
        {
            OrganisationCode = "ZZ9",
            Name = "Test Public Body",
            Kind = OrganisationKind.OtherPublicBody,
            RegionCode = "Y58",
        }, gateway.Admin)).Organisation;
        Assert.Equal("ZZ9", registered.Code);

        var read = (await gateway.Call(Rpcs.GetOrganisation, new GetOrganisationRequest { OrganisationCode = "RTE" })).Organisation;
        Assert.Equal(OrganisationKind.NhsTrust, read.Kind);

        var listed = await gateway.Call(Rpcs.ListOrganisations, new ListOrganisationsRequest { Kind = OrganisationKind.Region, PageSize = 5 });
        Assert.Equal(5, listed.Organisations.Count);
        Assert.All(listed.Organisations, o => Assert.Equal(OrganisationKind.Region, o.Kind));
        Assert.NotEmpty(listed.NextPageToken);
        var rest = await gateway.Call(Rpcs.ListOrganisations, new ListOrganisationsRequest { Kind = OrganisationKind.Region, PageSize = 5, PageToken = listed.NextPageToken });
        Assert.Equal(2, rest.Organisations.Count);
        Assert.Empty(rest.NextPageToken);
        Assert.Equal(listed.Organisations.Concat(rest.Organisations).Select(o => o.Code).Order(StringComparer.Ordinal), listed.Organisations.Concat(rest.Organisations).Select(o => o.Code));

        var same = await gateway.Call(Rpcs.ListOrganisations, new ListOrganisationsRequest { RegionCode = "Y58", Kind = OrganisationKind.OtherPublicBody });
        Assert.Contains(same.Organisations, o => o.Code == "ZZ9");
    }

    [Fact]
    public async Task ListsFindProjectsByFilterAndText()
    {
        var unique = NewId("Orbit");
        var open = await gateway.OpenAsync(Manchester, title: $"Theatre list {unique}");
        await gateway.DraftAsync(Manchester, title: $"Draft {unique}");

        var byText = await gateway.Call(Rpcs.ListProjects, new ListProjectsRequest { Text = unique.ToUpperInvariant() });
        var byStatus = await gateway.Call(Rpcs.ListProjects, new ListProjectsRequest { Statuses = { ProjectStatus.Open }, LeadOrganisationCode = Manchester, RegionCode = "Y58", Category = "Patient flow" });

        Assert.Equal([open.Id], byText.Projects.Select(p => p.Id));
        Assert.Contains(byStatus.Projects, p => p.Id == open.Id);
        Assert.All(byStatus.Projects, p => Assert.Equal(ProjectStatus.Open, p.Status));
    }

    [Fact]
    public async Task PledgesAreListedByProjectAndByOrganisationAndCanBeWithdrawn()
    {
        await gateway.BudgetAsync(Leeds, 2_000_000);
        var project = await gateway.OpenAsync(Gloucestershire, targetPence: 10_000_000);
        var pledge = await gateway.PledgeAsync(project.Id, Leeds, 50_000);

        var byProject = await gateway.Call(Rpcs.ListPledges, new ListPledgesRequest { ProjectId = project.Id });
        var byOrganisation = await gateway.Call(Rpcs.ListPledges, new ListPledgesRequest { OrganisationCode = Leeds, Statuses = { PledgeStatus.Active } }, gateway.Lead(Leeds));
        var read = (await gateway.Call(Rpcs.GetPledge, new GetPledgeRequest { PledgeId = pledge.Id }, gateway.Finance(Leeds))).Pledge;
        var withdrawn = (await gateway.Call(Rpcs.WithdrawPledge, new WithdrawPledgeRequest { PledgeId = pledge.Id }, gateway.Lead(Leeds))).Pledge;

        Assert.Equal([pledge.Id], byProject.Pledges.Select(p => p.Id));
        Assert.True(byProject.Pledges[0].Counted);
        Assert.Contains(byOrganisation.Pledges, p => p.Id == pledge.Id);
        Assert.Equal(50_000, read.Amount.MinorUnits);
        Assert.Equal(PledgeStatus.Withdrawn, withdrawn.Status);
        Assert.Equal(PledgeStatus.Withdrawn, (await gateway.Call(Rpcs.GetPledge, new GetPledgeRequest { PledgeId = pledge.Id }, gateway.Admin)).Pledge.Status);
    }

    [Fact]
    public async Task ARetriedCreatePledgeReturnsTheSamePledge()
    {
        await gateway.BudgetAsync(Manchester, 2_000_000);
        var project = await gateway.OpenAsync(Gloucestershire, targetPence: 10_000_000);
        var request = NewPledge(project.Id, Manchester, 10_000);

        var first = (await gateway.Call(Rpcs.CreatePledge, request, gateway.Lead(Manchester))).Pledge;
        var again = (await gateway.Call(Rpcs.CreatePledge, request, gateway.Lead(Manchester))).Pledge;
        request.Amount = Gbp(20_000);
        var reused = await gateway.Fails(Rpcs.CreatePledge, request, gateway.Lead(Manchester));

        Assert.Equal(request.RequestId, first.Id);
        Assert.Equal(first, again);
        Assert.Equal(Rpc.StatusCode.AlreadyExists, reused.StatusCode);
    }

    [Fact]
    public async Task ARetriedCreateProjectReturnsTheSameProject()
    {
        var request = NewProject(Bristol);

        var first = (await gateway.Call(Rpcs.CreateProject, request, gateway.Lead(Bristol))).Project;
        var again = (await gateway.Call(Rpcs.CreateProject, request, gateway.Lead(Bristol))).Project;
        request.Title = "Something else";
        var reused = await gateway.Fails(Rpcs.CreateProject, request, gateway.Lead(Bristol));

        Assert.Equal(first.Id, again.Id);
        Assert.Equal(first.Version, again.Version);
        Assert.Equal(Rpc.StatusCode.AlreadyExists, reused.StatusCode);
    }

    [Fact]
    public async Task ARefusedPledgeIsAFailedPreconditionWithItsReasonAndIsKeptAsRejected()
    {
        // Cambridge never sets a budget in these tests: its ceiling is zero.
        var project = await gateway.OpenAsync(Gloucestershire, targetPence: 10_000_000);
        var request = NewPledge(project.Id, "RGT", 10_000);

        var refused = await gateway.Fails(Rpcs.CreatePledge, request, gateway.Lead("RGT"));
        var kept = (await gateway.Call(Rpcs.GetPledge, new GetPledgeRequest { PledgeId = request.RequestId }, gateway.Lead("RGT"))).Pledge;

        Assert.Equal(Rpc.StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Equal("INSUFFICIENT_BUDGET", refused.GetDetail<Google.Rpc.ErrorInfo>()!.Type);
        Assert.Equal(PledgeStatus.Rejected, kept.Status);
        Assert.Equal("INSUFFICIENT_BUDGET", kept.RejectionReason);
    }

    [Fact]
    public async Task AProjectCancelledWhileOpenReleasesItsPledges()
    {
        await gateway.BudgetAsync("RJ1", 1_000_000);
        var project = await gateway.OpenAsync(Bristol, targetPence: 10_000_000);
        var pledge = await gateway.PledgeAsync(project.Id, "RJ1", 40_000);

        var cancelled = (await gateway.Call(Rpcs.CancelProject, new CancelProjectRequest { ProjectId = project.Id, Reason = "Superseded" }, gateway.Admin)).Project;

        Assert.Equal(ProjectStatus.Cancelled, cancelled.Status);
        Assert.Equal(PledgeStatus.Released, (await gateway.Call(Rpcs.GetPledge, new GetPledgeRequest { PledgeId = pledge.Id }, gateway.Lead("RJ1"))).Pledge.Status);
    }

    [Fact]
    public async Task TheSummaryAddsUpPublicProjectsByRegionAndStatus()
    {
        await gateway.BudgetAsync("RH8", 1_000_000);
        var before = await gateway.Call(Rpcs.GetSummary, new GetSummaryRequest { RegionCode = "Y58" });
        var project = await gateway.OpenAsync(Leeds, targetPence: 10_000_000);
        await gateway.PledgeAsync(project.Id, "RH8", 70_000);
        await gateway.DraftAsync(Leeds);

        var after = await gateway.Call(Rpcs.GetSummary, new GetSummaryRequest { RegionCode = "Y58" });

        Assert.Equal(before.Totals.ProjectCount + 1, after.Totals.ProjectCount);
        Assert.Equal(before.Totals.Pooled.MinorUnits + 70_000, after.Totals.Pooled.MinorUnits);
        var region = Assert.Single(after.Regions);
        Assert.Equal("Y58", region.RegionCode);
        Assert.NotEmpty(region.RegionName);
        Assert.Equal(6, after.Statuses.Count);
        Assert.Equal(after.Totals.ProjectCount, after.Statuses.Sum(s => s.Totals.ProjectCount));
    }

    [Fact]
    public async Task AtRiskProjectsAreOpenNearTheirDeadlineAndBelowTheThreshold()
    {
        var soon = await gateway.Call(Rpcs.CreateProject, NewProject(Gloucestershire, targetPence: 5_000_000, deadline: DateOnly.FromDateTime(DateTime.UtcNow).AddDays(3)), gateway.Lead(Gloucestershire));
        await gateway.Call(Rpcs.SubmitProject, new SubmitProjectRequest { ProjectId = soon.Project.Id }, gateway.Lead(Gloucestershire));
        await gateway.Call(Rpcs.ApproveProject, new ApproveProjectRequest { ProjectId = soon.Project.Id }, gateway.Admin);
        var later = await gateway.OpenAsync(Gloucestershire);

        var atRisk = await gateway.Call(Rpcs.ListAtRiskProjects, new ListAtRiskProjectsRequest { DeadlineWithinDays = 7, PageSize = 500 }, gateway.Admin);

        var entry = Assert.Single(atRisk.Projects, p => p.Project.Id == soon.Project.Id);
        Assert.DoesNotContain(atRisk.Projects, p => p.Project.Id == later.Id);
        Assert.InRange(entry.DaysLeft, 2, 3);
        Assert.Equal(0, entry.FundedPercent);
        Assert.Equal(5_000_000, entry.Shortfall.MinorUnits);
        Assert.Equal(1, entry.MissingFunders);
    }

    [Fact]
    public async Task TheAuditTrailShowsWhoDidWhatInOrder()
    {
        var project = await gateway.OpenAsync(Manchester);

        var trail = (await gateway.Call(Rpcs.GetAuditTrail, new GetAuditTrailRequest { EntityType = "project", EntityId = project.Id }, gateway.Admin)).Events;

        Assert.Equal(["ProjectCreated", "ProjectSubmitted", "ProjectApproved"], trail.Select(e => e.Type));
        Assert.Equal([1L, 2L, 3L], trail.Select(e => e.Sequence));
        Assert.Equal("lead-R0A", trail[0].ActorId);
        Assert.Equal(Manchester, trail[0].ActorOrganisationCode);
        Assert.Equal("org_lead", trail[0].ActorRole);
        Assert.StartsWith("create-", trail[0].CorrelationId, StringComparison.Ordinal);
        Assert.Equal("admin-1", trail[2].ActorId);
        Assert.Equal("admin", trail[2].ActorRole);
        Assert.Contains("\"projectId\"", trail[0].PayloadJson, StringComparison.Ordinal);
    }
}
