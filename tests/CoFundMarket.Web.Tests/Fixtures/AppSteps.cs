namespace CoFundMarket.Web.Tests.Fixtures;

/// <summary>What people do in the app, step by step, and the API set-up the scenarios start from.</summary>
public static class AppSteps
{
    /// <summary>Signs in through the demo door's page as <paramref name="role"/> (at the trust <paramref name="trust"/>).</summary>
    public static async Task SignInAsync(this IPage page, string role, string? trust = null, string? screenshot = null)
    {
        await page.GotoAsync("/sign-in");
        await page.CheckAsync($"#role-{role}");
        if (trust is not null)
        {
            await page.SelectOptionAsync("#organisation", trust);
        }

        if (screenshot is not null)
        {
            await page.AssertAccessibleAsync(screenshot);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("#signed-in-as")).ToBeVisibleAsync();
    }

    /// <summary>Pledges through the project page's form and waits for the marketplace's answer.</summary>
    public static async Task PledgeAsync(this IPage page, string pounds, string? forOrganisation = null)
    {
        if (forOrganisation is not null)
        {
            await page.SelectOptionAsync("#pledge-organisation", forOrganisation);
        }

        await page.FillAsync("#pledge-amount", pounds);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(page.Locator("#pledge-confirm-heading")).ToBeFocusedAsync();
    }

    /// <summary>Fills the project form's required answers: the North West benefits, and the deadline is 40 days away.</summary>
    public static async Task FillProjectFormAsync(this IPage page, string title, string summary, string category, string targetPounds)
    {
        await page.FillAsync("#title", title);
        await page.FillAsync("#summary", summary);
        await page.FillAsync("#category", category);
        await page.CheckAsync("#region-Y59");
        await page.FillAsync("#target", targetPounds);
        var deadline = DateTime.UtcNow.AddDays(40);
        await page.FillAsync("#deadline-day", deadline.Day.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.FillAsync("#deadline-month", deadline.Month.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.FillAsync("#deadline-year", deadline.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>An OPEN project, proposed by <paramref name="lead"/> and approved, through the API.</summary>
    public static async Task<Project> OpenProjectAsync(this WebGateway gateway, string lead, string title, long targetPence, int minFunders = 1)
    {
        var draft = (await gateway.Call(Rpcs.CreateProject, Scenarios.NewProject(lead, targetPence, minFunders, title: title), CofundRoles.OrgLead, lead)).Project;
        await gateway.Call(Rpcs.SubmitProject, new SubmitProjectRequest { ProjectId = draft.Id }, CofundRoles.OrgLead, lead);
        return (await gateway.Call(Rpcs.ApproveProject, new ApproveProjectRequest { ProjectId = draft.Id }, CofundRoles.Admin)).Project;
    }

    /// <summary>Sets a trust's ceiling for the scenarios' financial year, through the API.</summary>
    public static Task BudgetAsync(this WebGateway gateway, string organisation, long ceilingPence) =>
        gateway.Call(Rpcs.SetBudget, new SetBudgetRequest { OrganisationCode = organisation, FinancialYear = Scenarios.Year, Ceiling = Scenarios.Gbp(ceilingPence) }, CofundRoles.OrgFinance, organisation);

    /// <summary>The pledges of an organisation, as an administrator reads them.</summary>
    public static async Task<IReadOnlyList<Pledge>> PledgesOfAsync(this WebGateway gateway, string organisation) =>
        (await gateway.Call(Rpcs.ListPledges, new ListPledgesRequest { OrganisationCode = organisation }, CofundRoles.Admin)).Pledges;

    /// <summary>A title no other test uses, so searches find one project.</summary>
    public static string UniqueTitle(string what) => $"{what} {Guid.NewGuid():N}"[..(what.Length + 9)];
}
