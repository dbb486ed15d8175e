namespace CoFundMarket.Web.Tests.EndToEnd;

[Collection(BrowserCollection.Name)]
public sealed class AdministrationTests(Chromium chromium, WebGateway gateway) : IClassFixture<WebGateway>
{
    private const string Leicester = "RWE";

    [Fact]
    public async Task AnAdministratorApprovesAProjectAndWatchesTheEventFeed()
    {
        var title = AppSteps.UniqueTitle("Sepsis screening");
        var draft = (await gateway.Call(Rpcs.CreateProject, Scenarios.NewProject(Leicester, title: title), CofundRoles.OrgLead, Leicester)).Project;
        await gateway.Call(Rpcs.SubmitProject, new SubmitProjectRequest { ProjectId = draft.Id }, CofundRoles.OrgLead, Leicester);
        var page = await chromium.OpenAsync(gateway);
        await page.SignInAsync("admin");

        await page.GetByRole(AriaRole.Link, new() { Name = "Administration" }).ClickAsync();
        var row = page.Locator($"#approval-queue tr[data-project-id='{draft.Id}']");
        await Expect(row).ToContainTextAsync(title);
        await Expect(page.Locator("#event-feed li").First).ToBeVisibleAsync();
        await Expect(page.Locator("#chart-regions")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync("admin");
        await row.GetByRole(AriaRole.Button, new() { Name = $"Approve {title}" }).ClickAsync();

        await Expect(page.Locator(".app-queue")).ToContainTextAsync($"{title} is approved and open for pledges");
        await Expect(page.Locator($"#event-feed li[data-type='ProjectApproved'][data-entity='{draft.Id}']")).ToBeVisibleAsync();
        await Expect(row).ToHaveCountAsync(0);
        var approved = (await gateway.Call(Rpcs.GetProject, new GetProjectRequest { ProjectId = draft.Id }, CofundRoles.Admin)).Project;
        Assert.Equal(ProjectStatus.Open, approved.Status);

        await page.ClickAsync("#check-invariants");
        await Expect(page.Locator("#invariant-result")).ToContainTextAsync("Every invariant holds");
        await page.AssertAccessibleAsync("admin-approved");
    }

    [Fact]
    public async Task AnAdministratorSeesAProjectsTimeline()
    {
        var page = await chromium.OpenAsync(gateway);
        await page.SignInAsync("admin");

        await page.GotoAsync("/projects/demo-support-finder");

        await Expect(page.Locator("#timeline")).ToContainTextAsync("Project delivered");
        await Expect(page.Locator("#timeline")).ToContainTextAsync("Adoption recorded");
        await page.AssertAccessibleAsync("project-timeline");
    }

    [Fact]
    public async Task TheAdministrationPageAsksOthersToSignInAsAnAdministrator()
    {
        var page = await chromium.OpenAsync(gateway);
        await page.SignInAsync("org_lead", Leicester);

        await page.GotoAsync("/admin");

        await Expect(page.Locator("main")).ToContainTextAsync("This page is for marketplace administrators");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Administration" })).ToHaveCountAsync(0);
    }
}
