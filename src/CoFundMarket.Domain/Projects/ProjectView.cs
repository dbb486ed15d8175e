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
    long Version,
    ImmutableArray<string> Adaptations)
{
    /// <summary>The code: the delivered repository once delivered, before that the source the lead linked (a prototype's).</summary>
    public string? CodeUrl => RepositoryUrl ?? Details.SourceRepositoryUrl;

    /// <summary>"Adapted M times": projects proposed as adaptations of this one.</summary>
    public int AdaptationCount => Adaptations.Length;

    /// <summary>"Built once, used by N": the organisations that adopted it.</summary>
    public int AdoptionCount => Adoptions.Length;

    /// <summary>Committed money per adopter, when delivered and adopted.</summary>
    public Money? CostPerAdopter => AdoptionCount == 0 ? null : Committed.DividedBy(AdoptionCount);
}

/// <summary>A pledge as its project shows it.</summary>
public sealed record ProjectPledgeView(string PledgeId, string OrganisationCode, Money Amount, int MinOtherFunders, ProjectPledgeStatus Status, bool Counted);
