using System.Collections.Immutable;
using CoFundMarket.Domain.Common;
using CoFundMarket.Domain.Organisations;
using CoFundMarket.Domain.Pledges;
using CoFundMarket.Runtime.Grains;
using CoFundMarket.Runtime.Journal;
using CoFundMarket.Runtime.Reminders;

namespace CoFundMarket.Domain.Projects;

/// <summary>
/// A project: lifecycle, the funding rule and settlement. Reentrant, so that concurrent pledges are
/// decided one turn at a time against the current state yet share one commit (a hot project does
/// not pay a full commit per pledge). When funding, expiry or cancellation changes pledges, the
/// project tells each pledge (which moves its organisation's budget); a durable "settle" reminder
/// finishes that after a crash, and the "deadline" reminder expires the project even after a restart.
/// </summary>
[Reentrant]
[GrainType("project")]
public sealed class ProjectGrain : JournaledGrain<ProjectState, ProjectEvent>, IProjectGrain, IRemindable
{
    private const string DeadlineReminder = "deadline";
    private const string SettleReminder = "settle";
    private static readonly TimeSpan s_retryPeriod = TimeSpan.FromMinutes(1);

    private CachedView? _view;

    /// <inheritdoc />
    public async Task<ProjectView> Create(ProjectDetails details)
    {
        if (State.Exists)
        {
            if (State.Details != details)
            {
                throw DomainException.AlreadyExists(Reasons.ProjectExists, $"Project {GetPrimaryKeyString()} already exists.");
            }

            // A repeat finishes what a crash may have cut short: the original learning of its adaptation.
            await TellOriginal(details);
            return View();
        }

        if (details.AdaptedFromProjectId is { } originalId)
        {
            if (originalId == GetPrimaryKeyString())
            {
                throw DomainException.Invalid("adapted_from_project_id", "A project cannot be an adaptation of itself.");
            }

            var original = await GrainFactory.GetGrain<IProjectGrain>(originalId).Get();
            if (original.Status is ProjectStatus.Draft or ProjectStatus.Submitted)
            {
                // Not public yet: answer exactly as for a project that does not exist.
                throw DomainException.NotFound(Reasons.ProjectNotFound, $"No project with id {originalId} exists.");
            }

            if (original.Status != ProjectStatus.Delivered)
            {
                throw DomainException.Precondition(Reasons.AdaptsUndelivered, $"Project {originalId} is {Describe(original.Status)}; only a delivered project can be adapted.");
            }

            if (State.Exists)
            {
                // A concurrent creation of this project won while the original was asked (the grain is reentrant).
                return await Create(details);
            }
        }

        RaiseEvent(new ProjectCreated(Now, GetPrimaryKeyString(), details));
        await ConfirmEvents();
        await TellOriginal(details);
        return View();
    }

    /// <inheritdoc />
    public async Task<ProjectView> RecordAdaptation(string adaptationProjectId)
    {
        EnsureExists();
        var id = Validate.ClientId(adaptationProjectId, "adaptation_project_id");
        if (!State.Adaptations.Contains(id))
        {
            EnsureStatus("record an adaptation of", ProjectStatus.Delivered);
            RaiseEvent(new AdaptationRecorded(Now, id));
        }

        await ConfirmEvents();
        return View();
    }

    /// <inheritdoc />
    public async Task<ProjectView> Update(ProjectDetails details)
    {
        EnsureStatus("edit", ProjectStatus.Draft, ProjectStatus.Submitted);
        if (details.LeadOrganisationCode != State.Details!.LeadOrganisationCode)
        {
            throw DomainException.Invalid("lead_organisation_code", "The lead organisation of a project cannot change.");
        }

        if (details.AdaptedFromProjectId != State.Details.AdaptedFromProjectId)
        {
            throw DomainException.Invalid("adapted_from_project_id", "What a project adapts is fixed when it is created.");
        }

        if (details != State.Details)
        {
            RaiseEvent(new ProjectUpdated(Now, details));
            await ConfirmEvents();
        }

        return View();
    }

    /// <inheritdoc />
    public Task<ProjectView> Submit() => Transition("submit", new ProjectSubmitted(Now), ProjectStatus.Draft);

    /// <inheritdoc />
    public async Task<ProjectView> Approve()
    {
        EnsureStatus("approve", ProjectStatus.Submitted);
        var deadline = Projects.FundingDeadline.EndOf(State.Details!.FundingDeadline);
        if (deadline <= Now)
        {
            throw DomainException.Precondition(Reasons.DeadlinePassed, $"The funding deadline {State.Details.FundingDeadline:yyyy-MM-dd} has passed; update it before approving.");
        }

        // Durable first: if the approval then fails to commit, the reminder finds a project that is not open and goes away.
        await RegisterOrUpdateReminder(DeadlineReminder, deadline - Now, TimeSpan.FromDays(1));
        RaiseEvent(new ProjectApproved(Now));
        await ConfirmEvents();
        return View();
    }

    /// <inheritdoc />
    public async Task<ProjectView> Cancel(string reason)
    {
        EnsureStatus("cancel", ProjectStatus.Draft, ProjectStatus.Submitted, ProjectStatus.Open);
        var released = ActivePledgeIds();
        if (released.Length > 0)
        {
            await RegisterOrUpdateReminder(SettleReminder, s_retryPeriod, s_retryPeriod);
        }

        RaiseEvent(new ProjectCancelled(Now, Validate.Text(reason, "reason", 500, required: false), released));
        await ConfirmEvents();
        await Settle(exceptPledgeId: null);
        return View();
    }

    /// <inheritdoc />
    public Task<ProjectView> StartDelivery() => Transition("start delivery of", new DeliveryStarted(Now), ProjectStatus.Funded);

    /// <inheritdoc />
    public async Task<ProjectView> MarkDelivered(string repositoryUrl, string licence)
    {
        EnsureStatus("mark delivered", ProjectStatus.InDelivery);
        if (string.IsNullOrWhiteSpace(repositoryUrl) || string.IsNullOrWhiteSpace(licence))
        {
            throw DomainException.Precondition(Reasons.DeliveryIncomplete, "Delivery needs the repository URL and the licence.");
        }

        RaiseEvent(new ProjectDelivered(Now, Validate.HttpsUrl(repositoryUrl, "repository_url"), Validate.Text(licence, "licence", 40)));
        await ConfirmEvents();
        return View();
    }

    /// <inheritdoc />
    public async Task<ProjectView> RecordAdoption(string organisationCode, DateOnly adoptedOn, string note)
    {
        EnsureStatus("record an adoption of", ProjectStatus.Delivered);
        var code = Validate.OdsCode(organisationCode, "organisation_code");
        if (State.Adoptions.Any(a => a.OrganisationCode == code))
        {
            throw DomainException.Precondition(Reasons.AlreadyAdopted, $"{code} already recorded its adoption of this project.");
        }

        // "Used by N" counts organisations, so an adopter must be one: an unregistered code is NOT_FOUND.
        // (Organisations never call projects, so waiting on one here cannot form a call cycle.)
        await GrainFactory.GetGrain<IOrganisationGrain>(code).Get();
        RaiseEvent(new AdoptionRecorded(Now, code, adoptedOn, Validate.Text(note, "note", 1_000, required: false)));
        await ConfirmEvents();
        return View();
    }

    /// <inheritdoc />
    public Task<ProjectView> Get() => Task.FromResult(View());

    private async Task TellOriginal(ProjectDetails details)
    {
        if (details.AdaptedFromProjectId is { } originalId)
        {
            await GrainFactory.GetGrain<IProjectGrain>(originalId).RecordAdaptation(GetPrimaryKeyString());
        }
    }

    /// <inheritdoc />
    public async Task<ProjectPledgeStatus> RecordPledge(string pledgeId, string organisationCode, Money amount, int minOtherFunders)
    {
        EnsureExists();
        if (State.Pledges.TryGetValue(pledgeId, out var recorded))
        {
            await ConfirmEvents(); // the first recording may still be committing
            return State.Pledges.TryGetValue(pledgeId, out var now) ? now.Status : recorded.Status;
        }

        if (State.Status != ProjectStatus.Open)
        {
            throw DomainException.Precondition(Reasons.ProjectNotOpen, $"Project {State.Id} is {Describe(State.Status)}; it takes pledges only while open.");
        }

        if (Now >= Projects.FundingDeadline.EndOf(State.Details!.FundingDeadline))
        {
            throw DomainException.Precondition(Reasons.DeadlinePassed, $"The funding deadline of project {State.Id} has passed.");
        }

        var room = State.Details.Cap - State.Pledged;
        if (amount > room)
        {
            throw DomainException.Precondition(Reasons.OverCap, $"Project {State.Id} can take {room} more before its cap of {State.Details.Cap}; the pledge is {amount}.");
        }

        RaiseEvent(new PledgeRecorded(Now, pledgeId, organisationCode, amount, minOtherFunders));
        // The counted total never exceeds what is pledged: below the target the rule need not run.
        var outcome = State.Pledged < State.Details.Target ? null : FundingRule.Evaluate(State.Pledges, State.Details.Target, State.Details.MinFunders);
        if (outcome is not { IsFunded: true })
        {
            await ConfirmEvents();
            return ProjectPledgeStatus.Active;
        }

        var committed = outcome.CountedPledgeIds.ToImmutableArray();
        var released = ActivePledgeIds().Except(committed, StringComparer.Ordinal).ToImmutableArray();
        RaiseEvent(new ProjectFunded(Now, committed, released));
        await RegisterOrUpdateReminder(SettleReminder, s_retryPeriod, s_retryPeriod);
        await ConfirmEvents();
        // The pledge that funded the project settles itself from this answer; it is waiting for it.
        await Settle(exceptPledgeId: pledgeId);
        return State.Pledges[pledgeId].Status;
    }

    /// <inheritdoc />
    public async Task<ProjectPledgeStatus> RemovePledge(string pledgeId)
    {
        EnsureExists();
        if (!State.Pledges.TryGetValue(pledgeId, out var pledge))
        {
            return ProjectPledgeStatus.Unknown;
        }

        if (pledge.Status == ProjectPledgeStatus.Withdrawn)
        {
            await ConfirmEvents();
            return ProjectPledgeStatus.Withdrawn;
        }

        if (State.Status != ProjectStatus.Open || pledge.Status != ProjectPledgeStatus.Active)
        {
            throw DomainException.Precondition(Reasons.ProjectNotOpen, $"Project {State.Id} is {Describe(State.Status)}; pledges can be withdrawn only while it is open.");
        }

        RaiseEvent(new PledgeRemoved(Now, pledgeId));
        await ConfirmEvents();
        return ProjectPledgeStatus.Withdrawn;
    }

    /// <inheritdoc />
    public Task<DateOnly> FundingDeadline()
    {
        EnsureExists();
        return Task.FromResult(State.Details!.FundingDeadline);
    }

    /// <inheritdoc />
    public async Task<ProjectPledgeStatus> PledgeStatus(string pledgeId)
    {
        await ConfirmEvents(); // answer only what is durable
        return State.Pledges.TryGetValue(pledgeId, out var pledge) ? pledge.Status : ProjectPledgeStatus.Unknown;
    }

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        switch (reminderName)
        {
            case DeadlineReminder when State.Status == ProjectStatus.Open && Now >= Projects.FundingDeadline.EndOf(State.Details!.FundingDeadline):
                await Expire();
                break;
            case DeadlineReminder when State.Status != ProjectStatus.Open:
                await UnregisterReminder(DeadlineReminder);
                break;
            case SettleReminder when State.SettlementPending:
                await Settle(exceptPledgeId: null);
                break;
            case SettleReminder:
                await UnregisterReminder(SettleReminder);
                break;
            default:
                break;
        }
    }

    private async Task Expire()
    {
        var released = ActivePledgeIds();
        await RegisterOrUpdateReminder(SettleReminder, s_retryPeriod, s_retryPeriod);
        RaiseEvent(new ProjectExpired(Now, released));
        await ConfirmEvents();
        await Settle(exceptPledgeId: null);
    }

    /// <summary>Tells every pledge moved by funding, expiry or cancellation; each pledge moves its budget. Idempotent.</summary>
    private async Task Settle(string? exceptPledgeId)
    {
        if (!State.SettlementPending)
        {
            return;
        }

        var toSettle = State.Pledges
            .Where(p => p.Key != exceptPledgeId && p.Value.Status is ProjectPledgeStatus.Committed or ProjectPledgeStatus.Released)
            .Select(p => GrainFactory.GetGrain<IPledgeGrain>(p.Key).Settle(State.Id!, p.Value.Status))
            .ToList();
        await Task.WhenAll(toSettle);
        if (State.SettlementPending)
        {
            RaiseEvent(new SettlementCompleted(Now));
            await ConfirmEvents();
        }

        await UnregisterReminder(SettleReminder);
        if (State.Status != ProjectStatus.Open)
        {
            await UnregisterReminder(DeadlineReminder);
        }
    }

    private async Task<ProjectView> Transition(string action, ProjectEvent @event, params ProjectStatus[] from)
    {
        EnsureStatus(action, from);
        RaiseEvent(@event);
        await ConfirmEvents();
        return View();
    }

    private ImmutableArray<string> ActivePledgeIds() =>
        [.. State.Pledges.Where(p => p.Value.Status == ProjectPledgeStatus.Active).Select(p => p.Key)];

    private void EnsureExists()
    {
        if (!State.Exists)
        {
            throw DomainException.NotFound(Reasons.ProjectNotFound, $"No project with id {GetPrimaryKeyString()} exists.");
        }
    }

    private void EnsureStatus(string action, params ProjectStatus[] allowed)
    {
        EnsureExists();
        if (!allowed.Contains(State.Status))
        {
            throw DomainException.Precondition(Reasons.IllegalTransition, $"Cannot {action} project {State.Id}: it is {Describe(State.Status)}.");
        }
    }

    private ProjectView View()
    {
        EnsureExists();

        // Reads far outnumber changes: evaluate the funding rule and build the view once per state.
        var cached = _view;
        if (cached is null || !ReferenceEquals(cached.State, State) || cached.Version != Version)
        {
            cached = new CachedView(State, Version, ProjectViews.Of(State, Version));
            _view = cached;
        }

        return cached.View;
    }

    private sealed record CachedView(ProjectState State, long Version, ProjectView View);

    private DateTimeOffset Now => TimeProvider.GetUtcNow();

    private static string Describe(ProjectStatus status) =>
        status == ProjectStatus.InDelivery ? "IN_DELIVERY" : status.ToString().ToUpperInvariant();
}
