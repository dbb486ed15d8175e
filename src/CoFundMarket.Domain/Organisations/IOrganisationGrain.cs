using CoFundMarket.Domain.Common;
using CoFundMarket.Runtime.Grains;

namespace CoFundMarket.Domain.Organisations;

/// <summary>An NHS organisation (keyed by its ODS code) and its co-funding budgets.</summary>
public interface IOrganisationGrain : IGrainWithStringKey
{
    /// <summary>Registers the organisation; repeating the same registration is a no-op, different details are refused (ORGANISATION_EXISTS).</summary>
    Task<OrganisationSummary> Register(RegisterOrganisation command);

    /// <summary>The organisation; NOT_FOUND when it is not registered.</summary>
    [ReadOnly]
    Task<OrganisationSummary> Get();

    /// <summary>Sets the co-funding ceiling of a financial year; refused below what is already reserved and committed.</summary>
    Task<BudgetView> SetBudget(string financialYear, Money ceiling);

    /// <summary>Ceiling, reserved, committed and available for a financial year.</summary>
    [ReadOnly]
    Task<BudgetView> GetBudget(string financialYear);

    /// <summary>Reserves a pledge's amount in the year's budget. Idempotent by pledge id; refused with INSUFFICIENT_BUDGET.</summary>
    Task<BudgetView> Reserve(BudgetReservation reservation);

    /// <summary>Returns a pledge's reservation to the budget; true when there was one to release.</summary>
    Task<bool> Release(string pledgeId);

    /// <summary>Turns a pledge's reservation into a commitment; true when it is (now or already) committed.</summary>
    Task<bool> Commit(string pledgeId);
}

/// <summary>Details to register an organisation.</summary>
public sealed record RegisterOrganisation(string Code, string Name, OrganisationKind Kind, string? RegionCode, string? IcbCode);

/// <summary>An organisation as the marketplace shows it.</summary>
public sealed record OrganisationSummary(string Code, string Name, OrganisationKind Kind, string? RegionCode, string? IcbCode);

/// <summary>A reservation a pledge asks for.</summary>
public sealed record BudgetReservation(string PledgeId, string ProjectId, string FinancialYear, Money Amount);
