using CoFundMarket.Api.V1;
using FinancialYear = CoFundMarket.Domain.Common.FinancialYear;

namespace CoFundMarket.Gateway.Tests.Fixtures;

/// <summary>Short ways to set up a marketplace through the API itself, as its users would.</summary>
public static class Scenarios
{
    /// <summary>Real trusts of the seeded NHS England list.</summary>
    public const string Gloucestershire = "RTE";
    public const string Bristol = "RA7";
    public const string Leeds = "RR8";
    public const string Manchester = "R0A";

    public static readonly DateOnly Deadline = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30);

    public static string Year => FinancialYear.Of(Deadline).ToString();

    public static Money Gbp(long pence, string currency = "GBP") => new() { CurrencyCode = currency, MinorUnits = pence };

    public static Date ToDate(DateOnly date) => new() { Year = date.Year, Month = date.Month, Day = date.Day };

    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    public static CreateProjectRequest NewProject(string lead, long targetPence = 1_000_000, int minFunders = 1, DateOnly? deadline = null, string? title = null) => new()
    {
        RequestId = NewId("create"),
        Title = title ?? "Shared discharge planner",
        Summary = "A discharge planning tool built once for every trust.",
        Problem = "Every trust builds its own.",
        Category = "Patient flow",
        LeadOrganisationCode = lead,
        RegionCodes = { "Y58" },
        Target = Gbp(targetPence),
        MinFunders = minFunders,
        FundingDeadline = ToDate(deadline ?? Deadline),
        Licence = "MIT",
    };

    public static async Task<Project> DraftAsync(this GatewayServer gateway, string lead, long targetPence = 1_000_000, int minFunders = 1, string? title = null) =>
        (await gateway.Call(Rpcs.CreateProject, NewProject(lead, targetPence, minFunders, title: title), gateway.Lead(lead))).Project;

    public static async Task<Project> OpenAsync(this GatewayServer gateway, string lead, long targetPence = 1_000_000, int minFunders = 1, string? title = null)
    {
        var draft = await gateway.DraftAsync(lead, targetPence, minFunders, title);
        await gateway.Call(Rpcs.SubmitProject, new SubmitProjectRequest { ProjectId = draft.Id }, gateway.Lead(lead));
        return (await gateway.Call(Rpcs.ApproveProject, new ApproveProjectRequest { ProjectId = draft.Id }, gateway.Admin)).Project;
    }

    public static Task<SetBudgetResponse> BudgetAsync(this GatewayServer gateway, string organisation, long ceilingPence) =>
        gateway.Call(Rpcs.SetBudget, new SetBudgetRequest { OrganisationCode = organisation, FinancialYear = Year, Ceiling = Gbp(ceilingPence) }, gateway.Finance(organisation));

    public static CreatePledgeRequest NewPledge(string projectId, string organisation, long pence, int minOthers = 0) => new()
    {
        RequestId = NewId("pledge"),
        ProjectId = projectId,
        OrganisationCode = organisation,
        Amount = Gbp(pence),
        MinOtherFunders = minOthers,
    };

    public static async Task<Pledge> PledgeAsync(this GatewayServer gateway, string projectId, string organisation, long pence, int minOthers = 0) =>
        (await gateway.Call(Rpcs.CreatePledge, NewPledge(projectId, organisation, pence, minOthers), gateway.Lead(organisation))).Pledge;

    public static async Task<CheckInvariantsResponse> InvariantsAsync(this GatewayServer gateway) =>
        await gateway.Call(Rpcs.CheckInvariants, new CheckInvariantsRequest { ExpectSettled = true }, gateway.Admin);
}
