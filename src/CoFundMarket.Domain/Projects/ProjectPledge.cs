using CoFundMarket.Domain.Common;

namespace CoFundMarket.Domain.Projects;

/// <summary>A pledge as its project records it.</summary>
/// <param name="OrganisationCode">The pledging organisation.</param>
/// <param name="Amount">How much.</param>
/// <param name="MinOtherFunders">Counts only if at least this many other organisations' pledges count too.</param>
/// <param name="Status">Active, Committed, Released or Withdrawn, from the project's side.</param>
public sealed record ProjectPledge(string OrganisationCode, Money Amount, int MinOtherFunders, ProjectPledgeStatus Status)
{
    /// <summary>Holds money towards the project (active or committed).</summary>
    public bool HoldsMoney => Status is ProjectPledgeStatus.Active or ProjectPledgeStatus.Committed;
}

/// <summary>A pledge's standing with its project.</summary>
public enum ProjectPledgeStatus
{
    /// <summary>Not recorded by the project.</summary>
    Unknown,

    /// <summary>Counts towards the project while it is open.</summary>
    Active,

    /// <summary>Committed when the project was funded.</summary>
    Committed,

    /// <summary>Released: the project expired or was cancelled, or was funded without needing it.</summary>
    Released,

    /// <summary>Withdrawn by its organisation while the project was open.</summary>
    Withdrawn,
}
