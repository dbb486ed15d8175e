using System.Collections.Immutable;
using CoFundMarket.Domain.Common;

namespace CoFundMarket.Domain.Projects;

/// <summary>A project as callers see it, with its derived figures.</summary>
public sealed record ProjectView(
    string Id,
    ProjectDetails Details,
    ProjectStatus Status,
    string? RepositoryUrl,
    Money Pledged,
    Money Committed,
    Money CountedTotal,
    int FunderCount,
    ImmutableArray<ProjectPledgeView> Pledges,
    ImmutableArray<Adoption> Adoptions,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version)
{
    /// <summary>"Built once, used by N": the organisations that adopted it.</summary>
    public int AdoptionCount => Adoptions.Length;

    /// <summary>Committed money per adopter, when delivered and adopted.</summary>
    public Money? CostPerAdopter => AdoptionCount == 0 ? null : Committed.DividedBy(AdoptionCount);
}

/// <summary>A pledge as its project shows it.</summary>
public sealed record ProjectPledgeView(string PledgeId, string OrganisationCode, Money Amount, int MinOtherFunders, ProjectPledgeStatus Status, bool Counted);
