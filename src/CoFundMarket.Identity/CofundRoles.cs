namespace CoFundMarket.Identity;

/// <summary>The values of the <c>role</c> claim (DOMAIN.md, "Who does what").</summary>
public static class CofundRoles
{
    /// <summary>Marketplace administrator: registers organisations, approves and cancels projects, sets any budget, sees monitoring and audit views.</summary>
    public const string Admin = "admin";

    /// <summary>A person at one organisation: creates and edits its projects, pledges, withdraws and records adoptions for it.</summary>
    public const string OrgLead = "org_lead";

    /// <summary>Everything <see cref="OrgLead"/> may, plus setting the organisation's budget ceiling.</summary>
    public const string OrgFinance = "org_finance";

    /// <summary>A system acting within its scopes (for the organisation bound to its token, if any).</summary>
    public const string Partner = "partner";
}
