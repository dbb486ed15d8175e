using CoFundMarket.Domain.Common;
using CoFundMarket.Runtime.Grains;
using CoFundMarket.Runtime.Journal;

namespace CoFundMarket.Domain.Organisations;

/// <summary>
/// An organisation's registration and budgets. Reentrant: reservations are decided atomically within
/// a turn against the current state, and concurrent reservations share one commit.
/// </summary>
[Reentrant]
[GrainType("organisation")]
public sealed class OrganisationGrain : JournaledGrain<OrganisationState, OrganisationEvent>, IOrganisationGrain
{
    /// <inheritdoc />
    public async Task<OrganisationSummary> Register(RegisterOrganisation command)
    {
        var registration = Validated(command, GetPrimaryKeyString());
        if (State.IsRegistered)
        {
            var existing = Summary();
            return existing == registration
                ? existing
                : throw DomainException.AlreadyExists(Reasons.OrganisationExists, $"Organisation {existing.Code} is already registered as {existing.Name}.");
        }

        RaiseEvent(new OrganisationRegistered(registration.Code, registration.Name, registration.Kind, registration.RegionCode, registration.IcbCode));
        await ConfirmEvents();
        return Summary();
    }

    /// <inheritdoc />
    public Task<OrganisationSummary> Get() => Task.FromResult(Summary());

    /// <inheritdoc />
    public async Task<BudgetView> SetBudget(string financialYear, Money ceiling)
    {
        var year = FinancialYear.Parse(financialYear).ToString();
        EnsureRegistered();
        var budget = State.Budget(year);
        if (ceiling < budget.Reserved + budget.Committed)
        {
            throw DomainException.Precondition(Reasons.CeilingBelowCommitments,
                $"{State.Name} has {budget.Reserved + budget.Committed} reserved or committed in {year}; the ceiling cannot go below it.");
        }

        if (ceiling != budget.Ceiling)
        {
            RaiseEvent(new BudgetSet(year, ceiling));
            await ConfirmEvents();
        }

        return State.Budget(year);
    }

    /// <inheritdoc />
    public Task<BudgetView> GetBudget(string financialYear)
    {
        EnsureRegistered();
        return Task.FromResult(State.Budget(FinancialYear.Parse(financialYear).ToString()));
    }

    /// <inheritdoc />
    public async Task<BudgetView> Reserve(BudgetReservation reservation)
    {
        EnsureRegistered();
        if (State.Reservations.TryGetValue(reservation.PledgeId, out var existing))
        {
            return existing.ProjectId == reservation.ProjectId && existing.Amount == reservation.Amount && existing.FinancialYear == reservation.FinancialYear
                ? await Confirmed(State.Budget(reservation.FinancialYear))
                : throw DomainException.AlreadyExists(Reasons.PledgeIdReused, $"Pledge {reservation.PledgeId} already holds another reservation.");
        }

        var budget = State.Budget(reservation.FinancialYear);
        if (reservation.Amount > budget.Available)
        {
            throw DomainException.Precondition(Reasons.InsufficientBudget,
                $"{State.Name} has {budget.Available} available in {reservation.FinancialYear} (ceiling {budget.Ceiling}); the pledge needs {reservation.Amount}.");
        }

        RaiseEvent(new BudgetReserved(reservation.PledgeId, reservation.ProjectId, reservation.FinancialYear, reservation.Amount));
        await ConfirmEvents();
        return State.Budget(reservation.FinancialYear);
    }

    /// <inheritdoc />
    public async Task<bool> Release(string pledgeId)
    {
        if (!State.Reservations.TryGetValue(pledgeId, out var reservation))
        {
            await ConfirmEvents(); // a concurrent release of the same pledge may still be committing
            return false;
        }

        if (reservation.Committed)
        {
            throw DomainException.Precondition(Reasons.IllegalTransition, $"Pledge {pledgeId} is committed; committed money is not released.");
        }

        RaiseEvent(new BudgetReleased(pledgeId));
        await ConfirmEvents();
        return true;
    }

    /// <inheritdoc />
    public async Task<bool> Commit(string pledgeId)
    {
        if (!State.Reservations.TryGetValue(pledgeId, out var reservation))
        {
            throw DomainException.NotFound(Reasons.PledgeNotFound, $"{State.Name} holds no reservation for pledge {pledgeId}.");
        }

        if (!reservation.Committed)
        {
            RaiseEvent(new BudgetCommitted(pledgeId));
        }

        await ConfirmEvents();
        return true;
    }

    private async Task<BudgetView> Confirmed(BudgetView view)
    {
        await ConfirmEvents();
        return view;
    }

    private void EnsureRegistered()
    {
        if (!State.IsRegistered)
        {
            throw DomainException.NotFound(Reasons.OrganisationNotFound, $"No organisation with code {GetPrimaryKeyString()} is registered.");
        }
    }

    private OrganisationSummary Summary()
    {
        EnsureRegistered();
        return new OrganisationSummary(State.Code!, State.Name, State.Kind, State.RegionCode, State.IcbCode);
    }

    private static OrganisationSummary Validated(RegisterOrganisation command, string key)
    {
        var code = Validate.OdsCode(command.Code, "code");
        if (code != key)
        {
            throw DomainException.Invalid("code", $"The code {code} does not match the organisation {key}.");
        }

        if (command.Kind == OrganisationKind.Unspecified || !Enum.IsDefined(command.Kind))
        {
            throw DomainException.Invalid("kind", "kind must be NHS_TRUST, INTEGRATED_CARE_BOARD, REGION or OTHER_PUBLIC_BODY.");
        }

        var region = command.RegionCode is null ? null : Validate.OdsCode(command.RegionCode, "region_code");
        var icb = command.IcbCode is null ? null : Validate.OdsCode(command.IcbCode, "icb_code");
        return new OrganisationSummary(code, Validate.Text(command.Name, "name", 200), command.Kind, region, icb);
    }
}
