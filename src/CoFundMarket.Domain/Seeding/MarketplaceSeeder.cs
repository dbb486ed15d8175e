using CoFundMarket.Domain.Common;
using CoFundMarket.Domain.Organisations;
using CoFundMarket.Domain.Pledges;
using CoFundMarket.Domain.Projects;
using CoFundMarket.Runtime.Context;
using CoFundMarket.Runtime.Grains;
using CoFundMarket.Runtime.Storage;

namespace CoFundMarket.Domain.Seeding;

/// <summary>
/// Fills an empty embedded marketplace: the NHS England organisations (idempotent: registering the
/// same organisation again changes nothing) and, once, a handful of demo projects and pledges so a new
/// user sees a living marketplace. Every demo project's title starts with "Demo:" and its summary says it is demo data.
/// </summary>
public sealed class MarketplaceSeeder(IGrainFactory grains, TimeProvider timeProvider)
{
    /// <summary>The id prefix of demo projects and pledges.</summary>
    public const string DemoPrefix = "demo-";

    private const string DemoNote = "Demo data: an example to explore the marketplace, not a real commitment.";

    /// <summary>Registers every organisation, then adds the demo data if it is not there yet. Returns how many organisations were seeded.</summary>
    public async Task<int> SeedAsync(bool includeDemo, CancellationToken cancellationToken = default)
    {
        RequestContext.Actor = new EventActor("seed", null, "system");
        var organisations = NhsEnglandOrganisations.All();
        foreach (var batch in organisations.Chunk(32))
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.WhenAll(batch.Select(o => grains.GetGrain<IOrganisationGrain>(o.Code).Register(o)));
        }

        if (includeDemo && !await DemoExistsAsync())
        {
            await SeedDemoAsync();
        }

        RequestContext.Clear();
        return organisations.Count;
    }

    private async Task<bool> DemoExistsAsync()
    {
        try
        {
            await grains.GetGrain<IProjectGrain>(DemoPrefix + "support-finder").Get();
            return true;
        }
        catch (DomainException e) when (e.Kind == DomainErrorKind.NotFound)
        {
            return false;
        }
    }

    private async Task SeedDemoAsync()
    {
        var today = FundingDeadline.TodayInLondon(timeProvider.GetUtcNow());
        // Gloucestershire, Bristol, Leeds, Manchester and London trusts from the real list.
        string[] funders = ["RTE", "RA7", "RR8", "R0A", "RJ1"];
        foreach (var code in funders)
        {
            foreach (var year in new[] { FinancialYear.Of(today), FinancialYear.Of(today.AddYears(1)) })
            {
                await grains.GetGrain<IOrganisationGrain>(code).SetBudget(year.ToString(), Money.Pounds(250_000));
            }
        }

        var finder = await OpenAsync("support-finder", "Demo: young people's mental-health support finder",
            "An online directory that helps young people find local mental-health support, first built for Gloucestershire.",
            "Every area maintains its own list of services, and young people cannot find the one that fits.",
            "Mental health", "RTE", 40_000, 3, today.AddDays(45), ProjectStage.Beta, "https://github.com/example-nhs/support-finder");
        await PledgeAsync(finder, "RTE", 15_000);
        await PledgeAsync(finder, "RA7", 15_000);
        await PledgeAsync(finder, "RR8", 10_000);
        var delivered = grains.GetGrain<IProjectGrain>(finder);
        await delivered.StartDelivery();
        await delivered.MarkDelivered("https://github.com/example-nhs/support-finder", "MIT");
        await delivered.RecordAdoption("RTE", today, DemoNote);
        await delivered.RecordAdoption("R0A", today, DemoNote);

        // Reuse beyond adoption: the same tool adapted for another group, its lineage kept both ways.
        var adaptation = await OpenAsync("support-finder-adults", "Demo: support finder adapted for vulnerable adults",
            "The young people's support finder, adapted to help vulnerable adults find local support.",
            "Adult social care and mental-health services are just as hard to find for the people who need them.",
            "Mental health", "RA7", 20_000, 2, today.AddDays(50), ProjectStage.Prototype, "https://github.com/example-nhs/support-finder-adults", adaptedFrom: finder);
        await PledgeAsync(adaptation, "RA7", 8_000);

        var dosing = await OpenAsync("dosing-reference", "Demo: accessible medicines-dosing reference",
            "A medicines-dosing reference that works with screen readers and on ward tablets.",
            "Dosing references are hard to use for staff who rely on assistive technology.",
            "Medicines", "RR8", 60_000, 3, today.AddDays(60), ProjectStage.Prototype, "https://github.com/example-nhs/dosing-reference");
        await PledgeAsync(dosing, "RR8", 20_000);
        await PledgeAsync(dosing, "RJ1", 10_000, minOthers: 2);

        var checklists = await OpenAsync("checklist-sharing", "Demo: checklist-sharing tool",
            "Share and adapt clinical and operational checklists between trusts.",
            "Good checklists are rewritten from scratch in every organisation.",
            "Patient safety", "R0A", 30_000, 2, today.AddDays(10), ProjectStage.Idea);
        await PledgeAsync(checklists, "R0A", 5_000);

        var feedback = grains.GetGrain<IProjectGrain>(DemoPrefix + "feedback-service");
        await feedback.Create(ProjectDetails.Create("Demo: feedback service for staff and patients",
            "Collect and act on feedback from staff and patients in one place. " + DemoNote,
            "Feedback is scattered across paper forms and surveys nobody reads.", "Experience", "RJ1", ["Y56"],
            Money.Pounds(25_000), null, 2, today.AddDays(75), "MIT", ProjectStage.Prototype, "https://github.com/example-nhs/feedback-service"));
        await feedback.Submit();
    }

    private async Task<string> OpenAsync(
        string id, string title, string summary, string problem, string category, string lead, long targetPounds, int minFunders, DateOnly deadline,
        ProjectStage stage, string? sourceRepositoryUrl = null, string? adaptedFrom = null)
    {
        var project = grains.GetGrain<IProjectGrain>(DemoPrefix + id);
        await project.Create(ProjectDetails.Create(title, summary + " " + DemoNote, problem, category, lead, ["Y56", "Y58", "Y62", "Y63"],
            Money.Pounds(targetPounds), null, minFunders, deadline, "MIT", stage, sourceRepositoryUrl, adaptedFrom));
        await project.Submit();
        await project.Approve();
        return DemoPrefix + id;
    }

    private Task<PledgeView> PledgeAsync(string projectId, string organisation, long pounds, int minOthers = 0) =>
        grains.GetGrain<IPledgeGrain>($"{projectId}-{organisation.ToLowerInvariant()}")
            .Create(new PledgeTerms(projectId, organisation, Money.Pounds(pounds), minOthers));
}
