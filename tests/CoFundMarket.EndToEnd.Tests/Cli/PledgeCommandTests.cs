using CoFundMarket.EndToEnd.Tests.Fixtures;

namespace CoFundMarket.EndToEnd.Tests.Cli;

/// <summary>
/// The writes of <c>cofund</c>: an administrator sets a budget, an organisation pledges to an open demo project and
/// withdraws, and refusals come back as the status, its details and the documented exit code.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class PledgeCommandTests(GatewayFixture fixture)
{
    private const string OpenProject = "demo-checklist-sharing";

    private string Address => fixture.Gateway.Grpc.ToString();

    [Fact]
    public async Task AnAdministratorSetsABudgetAndItsOrganisationReadsIt()
    {
        var set = await Cofund.RunAsync(fixture.Token("admin"), "budget", "set", "RBT", "--year", "2030/31", "--ceiling", "12500.50", "--address", Address);
        var shown = CliAssert.SingleJson(await Cofund.RunAsync(fixture.Token("org_lead", "RBT"), "budget", "show", "RBT", "--year", "2030/31", "--json", "--address", Address));

        CliAssert.Succeeded(set);
        Assert.Matches(@"Ceiling\s+£12,500.50", set.Output);
        Assert.Matches(@"Available\s+£12,500.50", set.Output);
        Assert.Matches("request id: [0-9a-f]{32}", set.Error);
        var budget = shown.GetProperty("budget");
        Assert.Equal("2030/31", budget.GetProperty("financialYear").GetString());
        Assert.Equal("1250050", budget.GetProperty("ceiling").GetProperty("minorUnits").GetString());
    }

    [Fact]
    public async Task APledgeWithoutARequestIdGetsOneAndCanBeWithdrawn()
    {
        await GiveBudgetAsync("RBV");
        var lead = fixture.Token("org_lead", "RBV");

        var pledge = await Cofund.RunAsync(lead, "pledge", OpenProject, "--amount", "150", "--json", "--address", Address);

        var created = CliAssert.SingleJson(pledge).GetProperty("pledge");
        var id = created.GetProperty("id").GetString()!;
        Assert.Contains($"request id: {id} (repeat with --request-id {id} to retry safely)", pledge.Error);
        Assert.Equal("RBV", created.GetProperty("organisationCode").GetString());
        Assert.Equal("PLEDGE_STATUS_ACTIVE", created.GetProperty("status").GetString());
        Assert.Equal("15000", created.GetProperty("amount").GetProperty("minorUnits").GetString());

        var withdrawn = await Cofund.RunAsync(lead, "withdraw", id, "--address", Address);

        CliAssert.Succeeded(withdrawn);
        Assert.Matches($@"Pledge\s+{id}", withdrawn.Output);
        Assert.Matches(@"Status\s+WITHDRAWN", withdrawn.Output);
    }

    [Fact]
    public async Task RepeatingAPledgeWithItsRequestIdReturnsTheSamePledge()
    {
        await GiveBudgetAsync("RC9");
        var lead = fixture.Token("org_lead", "RC9");
        string[] pledge = ["pledge", OpenProject, "--org", "RC9", "--amount", "2.50", "--request-id", "cli-e2e-repeat", "--address", Address];

        var first = await Cofund.RunAsync(lead, pledge);
        var second = await Cofund.RunAsync(lead, pledge);

        CliAssert.Succeeded(first);
        Assert.Equal(first.Output, second.Output);
        Assert.Matches(@"Amount\s+£2.50", first.Output);
        Assert.DoesNotContain("request id:", first.Error);
    }

    [Fact]
    public async Task TheSameRequestIdWithAnotherAmountIsAlreadyExists()
    {
        await GiveBudgetAsync("RCB");
        var lead = fixture.Token("org_lead", "RCB");
        CliAssert.Succeeded(await Cofund.RunAsync(lead, "pledge", OpenProject, "--amount", "3", "--request-id", "cli-e2e-conflict", "--address", Address));

        var result = await Cofund.RunAsync(lead, "pledge", OpenProject, "--amount", "4", "--request-id", "cli-e2e-conflict", "--address", Address);

        CliAssert.FailedWith(result, 6, "ALREADY_EXISTS");
    }

    [Fact]
    public async Task APledgeToADeliveredProjectIsRefusedWithItsReason()
    {
        // RTE has a demo budget, so the refusal is the project's state, not the budget.
        var result = await Cofund.RunAsync(fixture.Token("org_lead", "RTE"), "pledge", "demo-support-finder", "--amount", "100", "--address", Address);

        var error = CliAssert.FailedWith(result, 7, "FAILED_PRECONDITION");
        Assert.Contains("reason: PROJECT_NOT_OPEN", error);
    }

    [Fact]
    public async Task AnAmountBelowOnePoundIsInvalidWithTheFieldNamed()
    {
        var result = await Cofund.RunAsync(fixture.Token("org_lead", "RCD"), "pledge", OpenProject, "--amount", "0.50", "--address", Address);

        var error = CliAssert.FailedWith(result, 4, "INVALID_ARGUMENT");
        Assert.Matches(@"field amount\S*: ", error);
    }

    [Fact]
    public async Task PledgingForAnotherOrganisationIsPermissionDenied()
    {
        var result = await Cofund.RunAsync(fixture.Token("org_lead", "RCD"), "pledge", OpenProject, "--org", "RTE", "--amount", "100", "--address", Address);

        CliAssert.FailedWith(result, 10, "PERMISSION_DENIED");
    }

    [Fact]
    public async Task ABudgetWithoutATokenIsUnauthenticated()
    {
        var result = await Cofund.RunAsync(null, "budget", "show", "RTE", "--address", Address);

        CliAssert.FailedWith(result, 9, "UNAUTHENTICATED");
    }

    [Fact]
    public async Task AnUnknownProjectIsNotFound()
    {
        var result = await Cofund.RunAsync(null, "projects", "show", "no-such-project", "--address", Address);

        CliAssert.FailedWith(result, 5, "NOT_FOUND");
    }

    [Fact]
    public async Task AGatewayThatIsNotThereIsUnavailable()
    {
        var result = await Cofund.RunAsync(null, "summary", "--address", "http://127.0.0.1:1");

        CliAssert.FailedWith(result, 11, "UNAVAILABLE");
    }

    [Fact]
    public async Task ABadCommandLineIsAUsageError()
    {
        var result = await Cofund.RunAsync(null, "projects", "list", "--status", "finished", "--address", Address);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--status must be one of DRAFT, SUBMITTED, OPEN", result.Error);
    }

    [Fact]
    public async Task InvariantsCheckNeedsAnAdministrator()
    {
        var result = await Cofund.RunAsync(fixture.Token("org_lead", "RTE"), "invariants", "check", "--json", "--address", Address);

        CliAssert.FailedWith(result, 10, "PERMISSION_DENIED");
    }

    [Fact]
    public async Task InvariantsCheckAsJsonCountsWhatItChecked()
    {
        var result = CliAssert.SingleJson(await Cofund.RunAsync(fixture.Token("admin"), "invariants", "check", "--json", "--address", Address));

        Assert.True(result.GetProperty("organisationCount").GetInt32() >= 242);
        Assert.True(result.GetProperty("projectCount").GetInt32() >= 4);
        Assert.False(result.TryGetProperty("violations", out _));
    }

    /// <summary>A ceiling for the financial year the open demo project's pledges count against (that of its deadline).</summary>
    private async Task GiveBudgetAsync(string organisation)
    {
        var project = CliAssert.SingleJson(await Cofund.RunAsync(null, "projects", "show", OpenProject, "--json", "--address", Address));
        var year = CliAssert.FinancialYearOf(project.GetProperty("project").GetProperty("fundingDeadline"));
        CliAssert.Succeeded(await Cofund.RunAsync(fixture.Token("admin"), "budget", "set", organisation, "--year", year, "--ceiling", "1000", "--address", Address));
    }
}
