using CoFundMarket.Domain.Common;

namespace CoFundMarket.Domain.Pledges;

/// <summary>Something that happened to a pledge; its state changes only by these.</summary>
public abstract record PledgeEvent(DateTimeOffset At);

/// <summary>An organisation asked to pledge (the saga starts).</summary>
public sealed record PledgeRequested(DateTimeOffset At, PledgeTerms Terms, string FinancialYear) : PledgeEvent(At);

/// <summary>The budget is reserved and the project counts it.</summary>
public sealed record PledgeActivated(DateTimeOffset At) : PledgeEvent(At);

/// <summary>Refused; anything reserved was given back.</summary>
public sealed record PledgeRejected(DateTimeOffset At, string Reason, string Message) : PledgeEvent(At);

/// <summary>Withdrawn by its organisation.</summary>
public sealed record PledgeWithdrawn(DateTimeOffset At) : PledgeEvent(At);

/// <summary>Released by its project's expiry, cancellation, or funding without it.</summary>
public sealed record PledgeReleased(DateTimeOffset At) : PledgeEvent(At);

/// <summary>Committed by its project's funding.</summary>
public sealed record PledgeCommitted(DateTimeOffset At) : PledgeEvent(At);

/// <summary>What an organisation pledges: the pledge id is the client's idempotency key, so these must match on a repeat.</summary>
/// <param name="ProjectId">The project.</param>
/// <param name="OrganisationCode">The pledging organisation.</param>
/// <param name="Amount">How much (≥ £1).</param>
/// <param name="MinOtherFunders">Counts only if at least this many other organisations join (0 = unconditional).</param>
public sealed record PledgeTerms(string ProjectId, string OrganisationCode, Money Amount, int MinOtherFunders);
