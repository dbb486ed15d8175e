using CoFundMarket.Domain.Common;
using CoFundMarket.Domain.Organisations;
using CoFundMarket.Domain.Projects;
using CoFundMarket.Runtime.Grains;
using CoFundMarket.Runtime.Journal;
using CoFundMarket.Runtime.Reminders;
using Microsoft.Extensions.Logging;

namespace CoFundMarket.Domain.Pledges;

/// <summary>
/// The pledge saga. The pledge's own journal is the saga log: PENDING is durable (with a "saga"
/// reminder) before any other grain is touched, and every later step is idempotent by pledge id,
/// so whatever a crash interrupted, the reminder's next tick reconciles the pledge with its
/// organisation and project and finishes or compensates it.
/// </summary>
/// <remarks>
/// Removing the reminder once the saga has ended is housekeeping, not part of the answer, so the caller does not wait
/// for it (one commit fewer per pledge). A reminder that outlives its saga is harmless: its tick finds the pledge
/// finished, settles nothing new and removes it. The next use of the reminder, and deactivation, wait for the removal
/// first, so it can never overtake and delete a later registration.
/// </remarks>
[GrainType("pledge")]
public sealed class PledgeGrain(ILogger<PledgeGrain> logger) : JournaledGrain<PledgeState, PledgeEvent>, IPledgeGrain, IRemindable
{
    private const string SagaReminder = "saga";
    private static readonly TimeSpan s_retryPeriod = TimeSpan.FromMinutes(1);
    private Task _reminderRemoval = Task.CompletedTask;

    /// <inheritdoc />
    public async Task<PledgeView> Create(PledgeTerms terms)
    {
        var validated = Validated(terms);
        if (State.Exists)
        {
            if (State.Terms != validated)
            {
                throw DomainException.AlreadyExists(Reasons.PledgeIdReused, $"Pledge id {GetPrimaryKeyString()} was already used for another pledge.");
            }

            if (State.Status == PledgeStatus.Pending)
            {
                // The first attempt failed after PENDING was durable (its reminder may have ticked and been removed since).
                await RegisterSagaReminder();
                await RunSaga();
            }

            return View();
        }

        // Refuses an unknown project (NOT_FOUND) before anything is recorded; fixes the financial year.
        var financialYear = FinancialYear.Of(await Project(validated.ProjectId).FundingDeadline()).ToString();

        // The reminder is durable before PENDING is, one commit after the other: a crash between the two leaves a
        // reminder that finds no pledge and removes itself, never a PENDING pledge that nothing will wake. (Written
        // together they usually shared a group commit, but nothing ordered them: with two PostgreSQL writers, or a failed
        // reminder write, PENDING could be durable alone and wait for a client's retry.)
        await RegisterSagaReminder();
        RaiseEvent(new PledgeRequested(Now, validated, financialYear));
        await ConfirmEvents();
        await RunSaga();
        return View();
    }

    /// <inheritdoc />
    public Task<PledgeView> Get() => Task.FromResult(View());

    /// <inheritdoc />
    public async Task<PledgeView> Withdraw()
    {
        EnsureExists();
        if (State.Status != PledgeStatus.Active)
        {
            throw DomainException.Precondition(Reasons.PledgeNotActive, $"Pledge {GetPrimaryKeyString()} is {State.Status.ToString().ToUpperInvariant()}; only an active pledge can be withdrawn.");
        }

        await RegisterSagaReminder();
        try
        {
            await Project(State.Terms!.ProjectId).RemovePledge(GetPrimaryKeyString());
        }
        catch (DomainException)
        {
            ForgetSagaReminder();
            throw;
        }

        await FinishWithdrawal();
        return View();
    }

    /// <inheritdoc />
    public async Task Settle(string projectId, ProjectPledgeStatus outcome)
    {
        if (!State.Exists || State.Terms!.ProjectId != projectId)
        {
            return;
        }

        switch (State.Status, outcome)
        {
            case (PledgeStatus.Active, ProjectPledgeStatus.Committed):
                await Organisation().Commit(GetPrimaryKeyString());
                if (State.Status == PledgeStatus.Active)
                {
                    RaiseEvent(new PledgeCommitted(Now));
                }

                await ConfirmEvents();
                break;
            case (PledgeStatus.Active, ProjectPledgeStatus.Released):
                await Organisation().Release(GetPrimaryKeyString());
                if (State.Status == PledgeStatus.Active)
                {
                    RaiseEvent(new PledgeReleased(Now));
                }

                await ConfirmEvents();
                break;
            case (PledgeStatus.Committed, _):
                await Organisation().Commit(GetPrimaryKeyString());
                break;
            case (PledgeStatus.Released or PledgeStatus.Withdrawn or PledgeStatus.Rejected, _):
                await Organisation().Release(GetPrimaryKeyString());
                break;
            default:
                break; // PENDING: its own saga learns the outcome from the project
        }
    }

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != SagaReminder)
        {
            return;
        }

        if (State.Exists)
        {
            await Reconcile();
        }

        ForgetSagaReminder();
        await _reminderRemoval;
    }

    /// <inheritdoc />
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => _reminderRemoval;

    /// <summary>PENDING → ACTIVE (and on to COMMITTED or RELEASED if this pledge funded its project), or REJECTED.</summary>
    private async Task RunSaga()
    {
        var terms = State.Terms!;
        var pledgeId = GetPrimaryKeyString();
        try
        {
            await Organisation().Reserve(new BudgetReservation(pledgeId, terms.ProjectId, State.FinancialYear!, terms.Amount));
        }
        catch (DomainException refused)
        {
            await Reject(refused);
            return;
        }

        ProjectPledgeStatus standing;
        try
        {
            standing = await Project(terms.ProjectId).RecordPledge(pledgeId, terms.OrganisationCode, terms.Amount, terms.MinOtherFunders);
        }
        catch (DomainException refused)
        {
            await Organisation().Release(pledgeId);
            await Reject(refused);
            return;
        }

        RaiseEvent(new PledgeActivated(Now));
        await ConfirmEvents();
        if (standing is ProjectPledgeStatus.Committed or ProjectPledgeStatus.Released)
        {
            await Settle(terms.ProjectId, standing);
        }

        ForgetSagaReminder();
    }

    private async Task Reject(DomainException refused)
    {
        RaiseEvent(new PledgeRejected(Now, refused.Reason, refused.Message));
        await ConfirmEvents();
        ForgetSagaReminder();
    }

    private async Task FinishWithdrawal()
    {
        if (State.Status == PledgeStatus.Active)
        {
            RaiseEvent(new PledgeWithdrawn(Now));
            await ConfirmEvents();
        }

        await Organisation().Release(GetPrimaryKeyString());
        ForgetSagaReminder();
    }

    private async Task RegisterSagaReminder()
    {
        await _reminderRemoval;
        await RegisterOrUpdateReminder(SagaReminder, s_retryPeriod, s_retryPeriod);
    }

    /// <summary>Starts removing the saga reminder without waiting for it (see the remarks on the class).</summary>
    private void ForgetSagaReminder() => _reminderRemoval = RemoveSagaReminder();

    private async Task RemoveSagaReminder()
    {
        try
        {
            await UnregisterReminder(SagaReminder);
        }
        catch (Exception exception)
        {
            // Nothing is lost: the reminder stays, ticks within a minute, and that tick removes it again. Logged because
            // removals that keep failing mean the reminder store is failing, which the operator needs to see.
            logger.LogWarning(exception, "Pledge {PledgeId}: removing its saga reminder failed; the reminder will tick once and be removed then", GetPrimaryKeyString());
        }
    }

    /// <summary>Brings the pledge, its budget reservation and its project's record into agreement after a crash.</summary>
    private async Task Reconcile()
    {
        var terms = State.Terms!;
        switch (State.Status)
        {
            case PledgeStatus.Pending:
                await RunSaga();
                break;
            case PledgeStatus.Active:
                var standing = await Project(terms.ProjectId).PledgeStatus(GetPrimaryKeyString());
                if (standing == ProjectPledgeStatus.Withdrawn)
                {
                    await FinishWithdrawal();
                }
                else
                {
                    await Settle(terms.ProjectId, standing);
                }

                break;
            default:
                await Settle(terms.ProjectId, ProjectPledgeStatus.Unknown);
                break;
        }
    }

    private PledgeView View()
    {
        EnsureExists();
        return new PledgeView(GetPrimaryKeyString(), State.Terms!, State.FinancialYear!, State.Status, State.RejectionReason, State.RejectionMessage, State.CreatedAt, State.UpdatedAt);
    }

    private void EnsureExists()
    {
        if (!State.Exists)
        {
            throw DomainException.NotFound(Reasons.PledgeNotFound, $"No pledge with id {GetPrimaryKeyString()} exists.");
        }
    }

    private IOrganisationGrain Organisation() => GrainFactory.GetGrain<IOrganisationGrain>(State.Terms!.OrganisationCode);

    private IProjectGrain Project(string projectId) => GrainFactory.GetGrain<IProjectGrain>(projectId);

    private DateTimeOffset Now => TimeProvider.GetUtcNow();

    private static PledgeTerms Validated(PledgeTerms terms)
    {
        if (terms.Amount.MinorUnits < Money.MinPledgeMinorUnits)
        {
            throw DomainException.Invalid("amount", "A pledge is at least £1 (100 pence).");
        }

        if (terms.MinOtherFunders is < 0 or > 1000)
        {
            throw DomainException.Invalid("min_other_funders", "min_other_funders must be between 0 and 1000.");
        }

        return terms with
        {
            ProjectId = Validate.ClientId(terms.ProjectId, "project_id"),
            OrganisationCode = Validate.OdsCode(terms.OrganisationCode, "organisation_code"),
        };
    }
}
