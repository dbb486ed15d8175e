using CoFundMarket.Domain.Common;
using CoFundMarket.Domain.Organisations;
using CoFundMarket.Domain.Projects;
using CoFundMarket.Runtime.Grains;
using CoFundMarket.Runtime.Journal;
using CoFundMarket.Runtime.Reminders;

namespace CoFundMarket.Domain.Pledges;

/// <summary>
/// The pledge saga. The pledge's own journal is the saga log: PENDING is durable (with a "saga"
/// reminder) before any other grain is touched, and every later step is idempotent by pledge id,
/// so whatever a crash interrupted, the reminder's next tick reconciles the pledge with its
/// organisation and project and finishes or compensates it.
/// </summary>
[GrainType("pledge")]
public sealed class PledgeGrain : JournaledGrain<PledgeState, PledgeEvent>, IPledgeGrain, IRemindable
{
    private const string SagaReminder = "saga";
    private static readonly TimeSpan s_retryPeriod = TimeSpan.FromMinutes(1);

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
                // The first attempt may have failed after PENDING was durable but before its reminder was.
                await RegisterOrUpdateReminder(SagaReminder, s_retryPeriod, s_retryPeriod);
                await RunSaga();
            }

            return View();
        }

        // Refuses an unknown project (NOT_FOUND) before anything is recorded; fixes the financial year.
        var financialYear = FinancialYear.Of(await Project(validated.ProjectId).FundingDeadline()).ToString();
        RaiseEvent(new PledgeRequested(Now, validated, financialYear));

        // Both durable before any other grain is touched; together they usually share one group commit.
        await Task.WhenAll(RegisterOrUpdateReminder(SagaReminder, s_retryPeriod, s_retryPeriod), ConfirmEvents());
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

        await RegisterOrUpdateReminder(SagaReminder, s_retryPeriod, s_retryPeriod);
        try
        {
            await Project(State.Terms!.ProjectId).RemovePledge(GetPrimaryKeyString());
        }
        catch (DomainException)
        {
            await UnregisterReminder(SagaReminder);
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

        await UnregisterReminder(SagaReminder);
    }

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

        await UnregisterReminder(SagaReminder);
    }

    private async Task Reject(DomainException refused)
    {
        RaiseEvent(new PledgeRejected(Now, refused.Reason, refused.Message));
        await ConfirmEvents();
        await UnregisterReminder(SagaReminder);
    }

    private async Task FinishWithdrawal()
    {
        if (State.Status == PledgeStatus.Active)
        {
            RaiseEvent(new PledgeWithdrawn(Now));
            await ConfirmEvents();
        }

        await Organisation().Release(GetPrimaryKeyString());
        await UnregisterReminder(SagaReminder);
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
