using System.Collections.Immutable;
using CoFundMarket.Domain.Common;
using CoFundMarket.Runtime.Journal;

namespace CoFundMarket.Domain.Projects;

/// <summary>A project as its events made it. Totals are computed from the pledges, never stored.</summary>
public sealed record ProjectState(
    string? Id,
    ProjectDetails? Details,
    ProjectStatus Status,
    string? RepositoryUrl,
    ImmutableSortedDictionary<string, ProjectPledge> Pledges,
    ImmutableList<Adoption> Adoptions,
    bool SettlementPending,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    ImmutableList<string>? AdaptationIds = null) : IJournalState<ProjectState, ProjectEvent>
{
    /// <summary>The projects proposed as adaptations of this one, in the order they were proposed.</summary>
    public ImmutableList<string> Adaptations => AdaptationIds ?? [];

    /// <summary>Not created.</summary>
    public static ProjectState Initial { get; } = new(null, null, ProjectStatus.Unspecified, null,
        ImmutableSortedDictionary<string, ProjectPledge>.Empty.WithComparers(StringComparer.Ordinal), [], false, default, default);

    /// <summary>Created.</summary>
    public bool Exists => Id is not null;

    // Σ of the pledges holding money, for the Pledges instance it was summed from: derived, never
    // stored. Every pledge to a hot project asks for it, so a recorded pledge carries it forward
    // instead of summing thousands of pledges again; any other change sums afresh when asked.
    private (ImmutableSortedDictionary<string, ProjectPledge> Of, Money Sum)? _pledged;

    /// <summary>Σ pledges holding money (active or committed).</summary>
    public Money Pledged
    {
        get
        {
            if (_pledged is not { } cached || !ReferenceEquals(cached.Of, Pledges))
            {
                cached = (Pledges, Money.Sum(Pledges.Values.Where(p => p.HoldsMoney).Select(p => p.Amount)));
                _pledged = cached;
            }

            return cached.Sum;
        }
    }

    /// <summary>Σ committed pledges.</summary>
    public Money Committed => Money.Sum(Pledges.Values.Where(p => p.Status == ProjectPledgeStatus.Committed).Select(p => p.Amount));

    /// <summary>Distinct organisations with a pledge holding money.</summary>
    public int FunderCount => Pledges.Values.Where(p => p.HoldsMoney).Select(p => p.OrganisationCode).Distinct(StringComparer.Ordinal).Count();

    /// <inheritdoc />
    public ProjectState Apply(ProjectEvent @event)
    {
        var next = @event switch
        {
            ProjectCreated e => this with { Id = e.ProjectId, Details = e.Details, Status = ProjectStatus.Draft, CreatedAt = e.At },
            ProjectUpdated e => this with { Details = e.Details },
            ProjectSubmitted => this with { Status = ProjectStatus.Submitted },
            ProjectApproved => this with { Status = ProjectStatus.Open },
            PledgeRecorded e => WithRecordedPledge(e),
            PledgeRemoved e => WithPledgeStatus(e.PledgeId, ProjectPledgeStatus.Withdrawn),
            ProjectFunded e => (this with { Status = ProjectStatus.Funded, SettlementPending = true })
                .WithPledgeStatuses(e.CommittedPledgeIds, ProjectPledgeStatus.Committed)
                .WithPledgeStatuses(e.ReleasedPledgeIds, ProjectPledgeStatus.Released),
            ProjectExpired e => (this with { Status = ProjectStatus.Expired, SettlementPending = true }).WithPledgeStatuses(e.ReleasedPledgeIds, ProjectPledgeStatus.Released),
            ProjectCancelled e => (this with { Status = ProjectStatus.Cancelled, SettlementPending = true }).WithPledgeStatuses(e.ReleasedPledgeIds, ProjectPledgeStatus.Released),
            SettlementCompleted => this with { SettlementPending = false },
            DeliveryStarted => this with { Status = ProjectStatus.InDelivery },
            ProjectDelivered e => this with { Status = ProjectStatus.Delivered, RepositoryUrl = e.RepositoryUrl, Details = Details! with { Licence = e.Licence } },
            AdoptionRecorded e => this with { Adoptions = Adoptions.Add(new Adoption(e.OrganisationCode, e.AdoptedOn, e.Note)) },
            AdaptationRecorded e => this with { AdaptationIds = Adaptations.Add(e.AdaptationProjectId) },
            _ => throw new InvalidOperationException($"Project cannot apply {@event.GetType().Name}."),
        };
        return next with { UpdatedAt = @event.At };
    }

    private ProjectState WithRecordedPledge(PledgeRecorded e)
    {
        var pledged = Pledged;
        var next = this with { Pledges = Pledges.Add(e.PledgeId, new ProjectPledge(e.OrganisationCode, e.Amount, e.MinOtherFunders, ProjectPledgeStatus.Active)) };
        next._pledged = (next.Pledges, pledged + e.Amount);
        return next;
    }

    private ProjectState WithPledgeStatus(string pledgeId, ProjectPledgeStatus status) =>
        this with { Pledges = Pledges.SetItem(pledgeId, Pledges[pledgeId] with { Status = status }) };

    private ProjectState WithPledgeStatuses(ImmutableArray<string> pledgeIds, ProjectPledgeStatus status) =>
        pledgeIds.Aggregate(this, (state, id) => state.WithPledgeStatus(id, status));
}

/// <summary>An organisation's reuse of a delivered project.</summary>
public sealed record Adoption(string OrganisationCode, DateOnly AdoptedOn, string Note);
