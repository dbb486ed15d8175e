namespace CoFundMarket.Web.Tests.EndToEnd;

[Collection(BrowserCollection.Name)]
public sealed class OrganisationTests(Chromium chromium, WebGateway gateway) : IClassFixture<WebGateway>
{
    private const string Shrewsbury = "RXW";
    private const string Southampton = "RHM";

    [Fact]
    public async Task AFinancePersonSeesTheBudgetAndSetsTheCeiling()
    {
        await gateway.BudgetAsync(Shrewsbury, 2_000_000);
        var project = await gateway.OpenProjectAsync(Southampton, AppSteps.UniqueTitle("Clinic letters"), targetPence: 1_000_000);
        await gateway.Call(Rpcs.CreatePledge, Scenarios.NewPledge(project.Id, Shrewsbury, 500_000), CofundRoles.OrgLead, Shrewsbury);
        var page = await chromium.OpenAsync(gateway);
        await page.SignInAsync("org_finance", Shrewsbury);

        await page.GetByRole(AriaRole.Link, new() { Name = "Your organisation" }).ClickAsync();
        var year = page.Locator($"#budgets tr[data-year='{Scenarios.Year}']");
        await Expect(year).ToContainTextAsync("£20,000");
        await Expect(year).ToContainTextAsync("£5,000");
        await Expect(year).ToContainTextAsync("£15,000");
        await Expect(page.Locator("#organisation-pledges")).ToContainTextAsync(project.Title);
        await page.AssertAccessibleAsync("organisation");

        await page.SelectOptionAsync("#financial-year", Scenarios.Year);
        await page.FillAsync("#ceiling", "3000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set ceiling" }).ClickAsync();

        var refusal = page.Locator(".app-ceiling .nhsuk-error-summary");
        await Expect(refusal).ToBeFocusedAsync();
        await Expect(refusal).ToContainTextAsync("The ceiling is below what is already pledged");
        await Expect(refusal).ToContainTextAsync("CEILING_BELOW_COMMITMENTS");
        await page.AssertAccessibleAsync("organisation-ceiling-refused");

        await page.FillAsync("#ceiling", "30000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set ceiling" }).ClickAsync();
        await Expect(year).ToContainTextAsync("£30,000");
        await Expect(year).ToContainTextAsync("£25,000");
    }

    [Fact]
    public async Task ALeadProposesAProjectEditsItAndSubmitsIt()
    {
        var title = AppSteps.UniqueTitle("Falls prevention");
        var page = await chromium.OpenAsync(gateway);
        await page.SignInAsync("org_lead", Southampton);

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Propose a project" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save as draft" }).ClickAsync();
        await Expect(page.Locator(".nhsuk-error-summary")).ToBeFocusedAsync();
        await page.AssertAccessibleAsync("project-form-errors");

        await page.FillProjectFormAsync(title, "Shared falls-risk screening for wards.", "Patient safety", "20000");
        await page.FillAsync("#min-funders", "2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save as draft" }).ClickAsync();

        await Expect(page.Locator("h1")).ToContainTextAsync(title);
        await Expect(page.Locator("#project-status .nhsuk-tag")).ToHaveTextAsync("Draft");
        await page.GetByRole(AriaRole.Link, new() { Name = "Edit the project's details" }).ClickAsync();
        await Expect(page.Locator("#stage")).ToHaveValueAsync("IDEA");
        await Expect(page.Locator("#adapts")).ToHaveCountAsync(0);
        await page.FillAsync("#target", "25000");
        await page.SelectOptionAsync("#stage", "BETA");
        await page.FillAsync("#repository-url", "https://github.com/example-nhs/falls-prevention");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Expect(page.Locator("#project-progress")).ToContainTextAsync("of £25,000");
        await Expect(page.Locator(".nhsuk-summary-list .app-stage")).ToHaveTextAsync("Stage: Beta");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = $"Inspect the code of {title}" })).ToHaveAttributeAsync("href", "https://github.com/example-nhs/falls-prevention");
        await page.ClickAsync("#action-submit");
        await Expect(page.Locator("#project-status .nhsuk-tag")).ToHaveTextAsync("Awaiting approval");
        await page.AssertAccessibleAsync("project-submitted");
    }

    [Fact]
    public async Task PagesAnyoneCanSeeAreAccessible()
    {
        var page = await chromium.OpenAsync(gateway);

        await page.GotoAsync("/");
        await Expect(page.Locator(".app-project-card").First).ToBeVisibleAsync();
        await page.AssertAccessibleAsync("marketplace");
        await page.GotoAsync("/projects/demo-support-finder");
        await Expect(page.Locator("#adoptions")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync("project-delivered");
        await page.GotoAsync("/organisations/RTE");
        await Expect(page.Locator("h1")).ToContainTextAsync("Gloucestershire");
        await page.AssertAccessibleAsync("organisation-public");
        await page.GotoAsync("/no-such-page");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Page not found");
        await page.AssertAccessibleAsync("not-found");
    }
}
