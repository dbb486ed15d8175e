namespace CoFundMarket.Web.Tests.EndToEnd;

[Collection(BrowserCollection.Name)]
public sealed class PledgeFlowTests(Chromium chromium, WebGateway gateway) : IClassFixture<WebGateway>
{
    // Real trusts of the seeded list, none of them used by the demo data.
    private const string Oxford = "RTH";
    private const string Nottingham = "RX1";
    private const string Leicester = "RWE";
    private const string Southampton = "RHM";
    private const string Dorset = "RBD";
    private const string Barts = "R1H";

    [Fact]
    public async Task ALeadFindsAProjectPledgesSeesProgressMoveAndWithdraws()
    {
        var title = AppSteps.UniqueTitle("Theatre scheduler");
        var project = await gateway.OpenProjectAsync(Oxford, title, targetPence: 1_000_000);
        await gateway.BudgetAsync(Nottingham, 5_000_000);
        var page = await chromium.OpenAsync(gateway);
        await page.SignInAsync("org_lead", Nottingham, screenshot: "sign-in");

        await page.GotoAsync("/");
        await page.FillAsync("#q", title);
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await Expect(page.Locator(".app-project-card")).ToHaveCountAsync(1);
        await page.AssertAccessibleAsync("marketplace-search");
        await page.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync(title);
        await Expect(page.Locator("h1")).ToBeFocusedAsync();
        await Expect(page.Locator("#project-progress")).ToContainTextAsync("£0 of £10,000");

        await page.PledgeAsync("2500");
        await Expect(page.Locator("#budget-available")).ToHaveTextAsync("£50,000");
        await Expect(page.Locator("#budget-after")).ToHaveTextAsync("£47,500");
        await page.AssertAccessibleAsync("project-pledge-confirm");
        await page.ClickAsync("#confirm-pledge");
        await Expect(page.Locator("#project-progress")).ToContainTextAsync("£2,500 of £10,000 pledged (25%)");
        await Expect(page.Locator("#own-pledges")).ToContainTextAsync("£2,500");
        await page.AssertAccessibleAsync("project-pledged");

        await page.GetByRole(AriaRole.Button, new() { Name = "Withdraw" }).ClickAsync();
        await Expect(page.Locator("#budget-after")).ToHaveTextAsync("£50,000");
        await page.ClickAsync("#confirm-withdraw");
        await Expect(page.Locator("#project-progress")).ToContainTextAsync("£0 of £10,000");
        var pledge = Assert.Single(await gateway.PledgesOfAsync(Nottingham), p => p.ProjectId == project.Id);
        Assert.Equal(PledgeStatus.Withdrawn, pledge.Status);
    }

    [Fact]
    public async Task ASecondTrustsPledgeFundsItAndTheFirstBrowserSeesItLive()
    {
        var project = await gateway.OpenProjectAsync(Oxford, AppSteps.UniqueTitle("Ward handover"), targetPence: 1_000_000, minFunders: 2);
        await gateway.BudgetAsync(Leicester, 5_000_000);
        await gateway.BudgetAsync(Southampton, 5_000_000);
        var first = await chromium.OpenAsync(gateway);
        var second = await chromium.OpenAsync(gateway);
        await first.SignInAsync("org_lead", Leicester);
        await second.SignInAsync("org_lead", Southampton);

        await first.GotoAsync($"/projects/{project.Id}");
        await first.PledgeAsync("5000");
        await first.ClickAsync("#confirm-pledge");
        await Expect(first.Locator("#project-progress")).ToContainTextAsync("£5,000 of £10,000");
        await second.GotoAsync($"/projects/{project.Id}");
        await second.PledgeAsync("5000");
        await second.ClickAsync("#confirm-pledge");
        await Expect(second.Locator("#maincontent").GetByText("funded the project")).ToBeVisibleAsync(); // #live repeats it for screen readers

        // The first browser was not reloaded: WatchProject brought the change.
        await Expect(first.Locator("#project-progress")).ToContainTextAsync("£10,000 of £10,000 pledged (100%)");
        await Expect(first.Locator("#project-status .nhsuk-tag")).ToHaveTextAsync("Funded");
        await Expect(first.Locator("#live")).ToContainTextAsync("Funded: £10,000 of £10,000");
        await first.AssertAccessibleAsync("project-funded-live");
    }

    [Fact]
    public async Task ALeadCannotPledgeForAnotherTrust()
    {
        var project = await gateway.OpenProjectAsync(Oxford, AppSteps.UniqueTitle("Discharge letters"), targetPence: 1_000_000);
        await gateway.BudgetAsync(Barts, 5_000_000);
        var page = await chromium.OpenAsync(gateway);
        await page.SignInAsync("org_lead", Dorset);
        await page.GotoAsync($"/projects/{project.Id}");

        await page.PledgeAsync("1000", forOrganisation: Barts);
        await page.ClickAsync("#confirm-pledge");

        var refusal = page.Locator(".app-pledge-panel .nhsuk-error-summary");
        await Expect(refusal).ToBeFocusedAsync();
        await Expect(refusal).ToContainTextAsync("You can only pledge for your own organisation");
        await Expect(refusal).ToContainTextAsync("PERMISSION_DENIED");
        await page.AssertAccessibleAsync("project-permission-denied");
        Assert.Empty(await gateway.PledgesOfAsync(Barts));
    }
}
