namespace CoFundMarket.Domain.Projects;

/// <summary>
/// Turns a project's state into what callers see. One mapping for the grain and for read models that fold the same
/// events (the marketplace catalog, project watchers), so a project looks the same wherever it is read.
/// </summary>
public static class ProjectViews
{
    /// <summary>The view of an existing project's <paramref name="state"/> at <paramref name="version"/> (its number of events).</summary>
    public static ProjectView Of(ProjectState state, long version)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!state.Exists)
        {
            throw new ArgumentException("The project does not exist: there is nothing to show.", nameof(state));
        }

        var outcome = FundingRule.Evaluate(state.Pledges, state.Details!.Target, state.Details.MinFunders);
        var counted = outcome.CountedPledgeIds.ToHashSet(StringComparer.Ordinal);
        return new ProjectView(
            state.Id!,
            state.Details,
            state.Status,
            state.RepositoryUrl,
            state.Pledged,
            state.Committed,
            state.Status == ProjectStatus.Open ? outcome.CountedTotal : state.Committed,
            state.FunderCount,
            [.. state.Pledges.Select(p => new ProjectPledgeView(p.Key, p.Value.OrganisationCode, p.Value.Amount, p.Value.MinOtherFunders, p.Value.Status,
                p.Value.Status == ProjectPledgeStatus.Committed || (state.Status == ProjectStatus.Open && counted.Contains(p.Key))))],
            [.. state.Adoptions],
            state.CreatedAt,
            state.UpdatedAt,
            version,
            [.. state.Adaptations]);
    }
}
