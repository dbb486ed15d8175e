using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CoFundMarket.Web.Tests.EndToEnd;

/// <summary>What anyone sees without signing in (stage, code, reuse, lineage, open data), and proposing an adaptation.</summary>
[Collection(BrowserCollection.Name)]
public sealed class OpenMarketplaceTests(Chromium chromium, WebGateway gateway) : IClassFixture<WebGateway>
{
    private const string Finder = "demo-support-finder";
    private const string FinderTitle = "Demo: young people's mental-health support finder";
    private const string Adults = "demo-support-finder-adults";
    private const string AdultsTitle = "Demo: support finder adapted for vulnerable adults";
    private const string Southampton = "RHM";

    [Fact]
    public async Task ASignedOutVisitorSeesStageCodeReuseAndFollowsTheLineageBothWays()
    {
        var finder = (await gateway.Call(Rpcs.GetProject, new GetProjectRequest { ProjectId = Finder }, CofundRoles.Admin)).Project;
        var reuse = $"Built once, used by {finder.AdoptionCount} {(finder.AdoptionCount == 1 ? "organisation" : "organisations")}, adapted {finder.AdaptationCount} {(finder.AdaptationCount == 1 ? "time" : "times")}";
        var page = await chromium.OpenAsync(gateway);

        await page.GotoAsync("/?q=support+finder");
        var card = page.Locator($".app-project-card[data-project-id='{Finder}']");
        await Expect(card.Locator(".app-stage")).ToHaveTextAsync("Stage: Beta");
        await Expect(card).ToContainTextAsync(reuse);
        await Expect(card.GetByRole(AriaRole.Link, new() { Name = $"Inspect the code of {FinderTitle}" })).ToHaveAttributeAsync("href", "https://github.com/example-nhs/support-finder");
        var adultsCard = page.Locator($".app-project-card[data-project-id='{Adults}']");
        await Expect(adultsCard.Locator(".app-stage")).ToHaveTextAsync("Stage: Prototype");
        await Expect(adultsCard.GetByRole(AriaRole.Link, new() { Name = $"Inspect the code of {AdultsTitle}" })).ToHaveAttributeAsync("href", "https://github.com/example-nhs/support-finder-adults");
        await page.AssertAccessibleAsync("marketplace-signed-out-reuse");

        await card.GetByRole(AriaRole.Link, new() { Name = FinderTitle, Exact = true }).ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync(FinderTitle);
        await Expect(page.Locator("#signed-in-as")).ToHaveCountAsync(0);
        await Expect(page.Locator(".nhsuk-summary-list .app-stage")).ToHaveTextAsync("Stage: Beta");
        var code = page.GetByRole(AriaRole.Link, new() { Name = $"Inspect the code of {FinderTitle}" });
        await Expect(code).ToHaveAttributeAsync("href", "https://github.com/example-nhs/support-finder");
        await Expect(code).Not.ToHaveAttributeAsync("target", new Regex("."));
        await Expect(page.Locator("#reuse")).ToHaveTextAsync(reuse);
        await Expect(page.Locator("#project-progress")).ToContainTextAsync("of £40,000");
        await Expect(page.Locator("#pledges tbody tr")).ToHaveCountAsync(finder.Pledges.Count);
        var pledge = finder.Pledges[0];
        await Expect(page.Locator($"#pledges tr[data-organisation='{pledge.OrganisationCode}']")).ToContainTextAsync(Pounds(pledge.Amount.MinorUnits));
        await Expect(page.Locator("#adoptions tbody tr")).ToHaveCountAsync(finder.AdoptionCount);
        await Expect(page.Locator("#propose-adaptation")).ToHaveCountAsync(0);
        var adaptation = page.Locator("#adaptations").GetByRole(AriaRole.Link, new() { Name = AdultsTitle, Exact = true });
        await Expect(adaptation).ToBeVisibleAsync();
        await page.AssertAccessibleAsync("project-delivered-lineage");

        await adaptation.ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync(AdultsTitle);
        await Expect(page.Locator("#adapted-from")).ToHaveTextAsync($"Adapted from {FinderTitle}");
        await Expect(page.Locator(".nhsuk-summary-list .app-stage")).ToHaveTextAsync("Stage: Prototype");
        await Expect(page.Locator("#pledges")).ToContainTextAsync("£8,000");
        await page.AssertAccessibleAsync("project-adaptation");

        await page.Locator("#adapted-from").GetByRole(AriaRole.Link, new() { Name = FinderTitle }).ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync(FinderTitle);
    }

    [Fact]
    public async Task TheOpenDataPageListsDownloadsThatWork()
    {
        var page = await chromium.OpenAsync(gateway);
        await page.GotoAsync("/");
        await Expect(page.Locator(".app-project-card").First).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Contentinfo).GetByRole(AriaRole.Link, new() { Name = "Open data" }).ClickAsync();

        await Expect(page.Locator("h1")).ToHaveTextAsync("Open data");
        await Expect(page.Locator("#open-data-licence")).ToHaveTextAsync("OGL-UK-3.0");
        await Expect(page.Locator("#open-data-attribution")).ToContainTextAsync("Contains public sector information licensed under the Open Government Licence v3.0");
        var links = page.Locator("#downloads a");
        await Expect(links).ToHaveCountAsync(4);
        await page.AssertAccessibleAsync("open-data");

        var expected = new Dictionary<string, string>
        {
            ["/open-data/projects.csv"] = "text/csv",
            ["/open-data/pledges.csv"] = "text/csv",
            ["/open-data/adoptions.csv"] = "text/csv",
            ["/open-data/marketplace.json"] = "application/json",
        };
        var hrefs = await links.EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), hrefs.Order(StringComparer.Ordinal));
        foreach (var href in hrefs)
        {
            // Fetched by the page itself, as the visitor's browser would (same origin, no token).
            var answer = await page.EvaluateAsync<JsonElement>(
                "async href => { const r = await fetch(href); return { status: r.status, type: r.headers.get('content-type') ?? '', body: await r.text() }; }", href);
            Assert.Equal(200, answer.GetProperty("status").GetInt32());
            Assert.StartsWith(expected[href], answer.GetProperty("type").GetString(), StringComparison.Ordinal);
            Assert.Contains(href.EndsWith(".json", StringComparison.Ordinal) ? Finder : "project_id", answer.GetProperty("body").GetString(), StringComparison.Ordinal);
        }

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "open data about the marketplace" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Open data");
    }

    [Fact]
    public async Task ALeadProposesAnAdaptationOfADeliveredProject()
    {
        var title = AppSteps.UniqueTitle("Support finder for carers");
        var page = await chromium.OpenAsync(gateway);
        await page.SignInAsync("org_lead", Southampton);

        await page.GotoAsync($"/projects/{Finder}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Propose an adaptation" }).ClickAsync();
        await Expect(page.Locator("#adapts")).ToHaveValueAsync(Finder);
        await Expect(page.Locator("#adapts option:checked")).ToHaveTextAsync(FinderTitle);
        await page.AssertAccessibleAsync("project-form-adaptation");

        await page.FillProjectFormAsync(title, "The support finder, adapted for unpaid carers.", "Mental health", "15000");
        await page.SelectOptionAsync("#stage", "PROTOTYPE");
        await page.FillAsync("#repository-url", "https://github.com/example-nhs/support-finder-carers");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save as draft" }).ClickAsync();

        await Expect(page.Locator("h1")).ToContainTextAsync(title);
        await Expect(page.Locator("#adapted-from")).ToHaveTextAsync($"Adapted from {FinderTitle}");
        await Expect(page.Locator(".nhsuk-summary-list .app-stage")).ToHaveTextAsync("Stage: Prototype");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = $"Inspect the code of {title}" })).ToHaveAttributeAsync("href", "https://github.com/example-nhs/support-finder-carers");
        await page.AssertAccessibleAsync("project-adaptation-draft");

        // The lineage is kept both ways: the lead sees its draft among the original's adaptations.
        await page.Locator("#adapted-from a").ClickAsync();
        await Expect(page.Locator("#adaptations").GetByRole(AriaRole.Link, new() { Name = title })).ToBeVisibleAsync();
        await Expect(page.Locator("#reuse")).ToContainTextAsync(new Regex(@"adapted [2-9]\d* times"));
    }

    [Fact]
    public async Task AnAdaptationOfAnUndeliveredProjectIsRefusedInPlainWords()
    {
        var page = await chromium.OpenAsync(gateway);
        await page.SignInAsync("org_lead", Southampton);

        // Only delivered projects are offered; an address naming another one still reaches the marketplace, which refuses.
        await page.GotoAsync($"/projects/new?adapts={Adults}");
        await Expect(page.Locator("#adapts")).ToHaveValueAsync(Adults);
        await Expect(page.Locator("#adapts option:checked")).ToHaveTextAsync(AdultsTitle);
        await page.FillProjectFormAsync(AppSteps.UniqueTitle("Adapting an adaptation"), "An adaptation of a project that is not delivered yet.", "Mental health", "5000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save as draft" }).ClickAsync();

        var refusal = page.Locator(".nhsuk-error-summary");
        await Expect(refusal).ToBeFocusedAsync();
        await Expect(refusal).ToContainTextAsync("Only a delivered project can be adapted");
        await Expect(refusal).ToContainTextAsync("ADAPTS_UNDELIVERED");
        await Expect(page.Locator("#adapts-error")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync("project-form-adapts-undelivered");
    }

    private static string Pounds(long pence) => "£" + (pence / 100).ToString("N0", CultureInfo.InvariantCulture);
}
