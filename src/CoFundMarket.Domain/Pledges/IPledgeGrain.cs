using CoFundMarket.Domain.Projects;
using CoFundMarket.Runtime.Grains;

namespace CoFundMarket.Domain.Pledges;

/// <summary>
/// One pledge (keyed by the client's request id) and its saga: reserve the amount in the
/// organisation's budget, record it with the project, activate. Every step is idempotent by pledge
/// id; refusals are compensated; a crash between steps is finished on the next activation, which a
/// durable reminder guarantees.
/// </summary>
public interface IPledgeGrain : IGrainWithStringKey
{
    /// <summary>Pledges; the same id with the same terms returns the same pledge, with other terms PLEDGE_ID_REUSED.
    /// A refused pledge is returned as REJECTED with its reason.</summary>
    Task<PledgeView> Create(PledgeTerms terms);

    /// <summary>The pledge; NOT_FOUND when it was never requested.</summary>
    [ReadOnly]
    Task<PledgeView> Get();

    /// <summary>ACTIVE → WITHDRAWN while the project is open; the reservation goes back to the budget.</summary>
    Task<PledgeView> Withdraw();

    /// <summary>
    /// The project tells the pledge it was committed or released (funding, expiry, cancellation).
    /// Idempotent; interleaves so that a project settling never waits behind the pledge's own call to it.
    /// </summary>
    [AlwaysInterleave]
    Task Settle(string projectId, ProjectPledgeStatus outcome);
}

/// <summary>A pledge as callers see it.</summary>
public sealed record PledgeView(
    string Id,
    PledgeTerms Terms,
    string FinancialYear,
    PledgeStatus Status,
    string? RejectionReason,
    string? RejectionMessage,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
