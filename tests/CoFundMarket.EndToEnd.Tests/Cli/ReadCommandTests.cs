using CoFundMarket.EndToEnd.Tests.Fixtures;

namespace CoFundMarket.EndToEnd.Tests.Cli;

/// <summary>The public reads of <c>cofund</c> (no token): organisations, projects and the summary, as tables and as JSON.</summary>
[Collection(GatewayCollection.Name)]
public sealed class ReadCommandTests(GatewayFixture fixture)
{
    private string Address => fixture.Gateway.Grpc.ToString();

    [Fact]
    public async Task OrganisationsListPrintsATableOfTheSeededOrganisations()
    {
        var result = await Cofund.RunAsync(null, "organisations", "list", "--region", "Y58", "--all", "--address", Address);

        CliAssert.Succeeded(result);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^CODE\s+NAME\s+KIND\s+REGION\s+ICB$", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("RTE ", StringComparison.Ordinal) && l.Contains("Gloucestershire", StringComparison.Ordinal) && l.Contains("NHS_TRUST", StringComparison.Ordinal));
        Assert.All(lines.Skip(1), l => Assert.Contains(" Y58 ", l + " "));
    }

    [Fact]
    public async Task OrganisationsListAsJsonFollowsEveryPage()
    {
        var pages = CliAssert.JsonLines(await Cofund.RunAsync(null, "organisations", "list", "--page-size", "100", "--all", "--json", "--address", Address));

        var codes = pages.SelectMany(p => p.GetProperty("organisations").EnumerateArray()).Select(o => o.GetProperty("code").GetString()!).ToList();
        Assert.True(pages.Count >= 3, $"{pages.Count} pages");
        Assert.True(codes.Count >= 242, $"{codes.Count} organisations");
        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.Equal(codes.Order(StringComparer.Ordinal), codes);
        Assert.False(pages[^1].TryGetProperty("nextPageToken", out _));
    }

    [Fact]
    public async Task OneListPageTellsPeopleHowToGetTheNext()
    {
        var result = await Cofund.RunAsync(null, "organisations", "list", "--page-size", "5", "--address", Address);

        CliAssert.Succeeded(result);
        Assert.Equal(6, result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Matches(@"more: cofund organisations list --page-token \S+", result.Error);
    }

    [Fact]
    public async Task OrganisationsShowPrintsOneOrganisation()
    {
        var table = await Cofund.RunAsync(null, "organisations", "show", "RTE", "--address", Address);
        var json = CliAssert.SingleJson(await Cofund.RunAsync(null, "organisations", "show", "RTE", "--json", "--address", Address));

        CliAssert.Succeeded(table);
        Assert.Matches(@"Kind\s+NHS_TRUST", table.Output);
        Assert.Equal("RTE", json.GetProperty("organisation").GetProperty("code").GetString());
        Assert.Equal("ORGANISATION_KIND_NHS_TRUST", json.GetProperty("organisation").GetProperty("kind").GetString());
    }

    [Fact]
    public async Task ProjectsListFiltersByStatus()
    {
        var result = await Cofund.RunAsync(null, "projects", "list", "--status", "open", "--address", Address);
        var json = CliAssert.JsonLines(await Cofund.RunAsync(null, "projects", "list", "--status", "delivered", "--json", "--address", Address));

        CliAssert.Succeeded(result);
        Assert.Matches(@"^ID\s+STATUS\s+TITLE\s+LEAD\s+TARGET\s+COUNTED\s+FUNDERS\s+DEADLINE", result.Output);
        Assert.Matches(@"demo-dosing-reference\s+OPEN\s+Demo: accessible medicines-dosing reference\s+RR8\s+£60,000.00", result.Output);
        Assert.DoesNotMatch(@"(?m)^demo-support-finder\s", result.Output);
        var projects = Assert.Single(json).GetProperty("projects").EnumerateArray().ToList();
        Assert.Contains(projects, p => p.GetProperty("id").GetString() == "demo-support-finder");
        Assert.All(projects, p => Assert.Equal("PROJECT_STATUS_DELIVERED", p.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task ProjectsShowPrintsPledgesAndAdoptions()
    {
        var result = await Cofund.RunAsync(null, "projects", "show", "demo-support-finder", "--address", Address);

        CliAssert.Succeeded(result);
        Assert.Matches(@"Status\s+DELIVERED", result.Output);
        Assert.Matches(@"Stage\s+[A-Z]+", result.Output);
        Assert.Matches(@"Adaptations\s+1: demo-support-finder-\S+", result.Output);
        Assert.Matches(@"Repository\s+https://github.com/example-nhs/support-finder", result.Output);
        Assert.Matches(@"demo-support-finder-rte\s+RTE\s+£15,000.00\s+COMMITTED\s+yes", result.Output);
        Assert.Contains("Adoptions", result.Output);
        Assert.Matches(@"R0A\s+\d{4}-\d{2}-\d{2}\s+Demo data", result.Output);
    }

    [Fact]
    public async Task SummaryPrintsTotalsByStatusAndRegion()
    {
        var table = await Cofund.RunAsync(null, "summary", "--address", Address);
        var json = CliAssert.SingleJson(await Cofund.RunAsync(null, "summary", "--json", "--address", Address));

        CliAssert.Succeeded(table);
        Assert.Matches(@"^\s+POOLED\s+COMMITTED\s+PROJECTS\s+FUNDERS\s+ADOPTIONS", table.Output);
        Assert.Matches(@"all projects\s+£[\d,]+\.\d\d", table.Output);
        Assert.Matches(@"DELIVERED\s+£40,000.00\s+£40,000.00\s+1\s+3\s+2", table.Output);
        Assert.True(json.GetProperty("totals").GetProperty("projectCount").GetInt32() >= 3);
        Assert.Contains(json.GetProperty("statuses").EnumerateArray(), s => s.GetProperty("status").GetString() == "PROJECT_STATUS_OPEN");
    }
}
