using CoFundMarket.Domain.Common;
using CoFundMarket.Runtime.Journal;

namespace CoFundMarket.Domain.Organisations;

/// <summary>Something that happened to an organisation; its state changes only by these.</summary>
public abstract record OrganisationEvent;

/// <summary>The organisation joined the marketplace.</summary>
public sealed record OrganisationRegistered(string Code, string Name, OrganisationKind Kind, string? RegionCode, string? IcbCode) : OrganisationEvent;

/// <summary>Its co-funding ceiling for a financial year was set.</summary>
public sealed record BudgetSet(string FinancialYear, Money Ceiling) : OrganisationEvent;

/// <summary>A pledge reserved money from the year's budget.</summary>
public sealed record BudgetReserved(string PledgeId, string ProjectId, string FinancialYear, Money Amount) : OrganisationEvent;

/// <summary>A reservation went back to the budget (pledge rejected, withdrawn or released).</summary>
[EventType("BudgetReleased")]
public sealed record BudgetReleased(string PledgeId) : OrganisationEvent;

/// <summary>A reservation became a commitment (its project was funded).</summary>
public sealed record BudgetCommitted(string PledgeId) : OrganisationEvent;
