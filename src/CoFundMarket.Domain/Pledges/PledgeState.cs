using CoFundMarket.Runtime.Journal;

namespace CoFundMarket.Domain.Pledges;

/// <summary>A pledge as its events made it.</summary>
public sealed record PledgeState(
    PledgeTerms? Terms,
    string? FinancialYear,
    PledgeStatus Status,
    string? RejectionReason,
    string? RejectionMessage,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt) : IJournalState<PledgeState, PledgeEvent>
{
    /// <summary>Never requested.</summary>
    public static PledgeState Initial { get; } = new(null, null, PledgeStatus.Unspecified, null, null, default, default);

    /// <summary>Requested at some point.</summary>
    public bool Exists => Terms is not null;

    /// <inheritdoc />
    public PledgeState Apply(PledgeEvent @event)
    {
        var next = @event switch
        {
            PledgeRequested e => this with { Terms = e.Terms, FinancialYear = e.FinancialYear, Status = PledgeStatus.Pending, CreatedAt = e.At },
            PledgeActivated => Moved(PledgeStatus.Pending, PledgeStatus.Active),
            PledgeRejected e => Moved(PledgeStatus.Pending, PledgeStatus.Rejected) with { RejectionReason = e.Reason, RejectionMessage = e.Message },
            PledgeWithdrawn => Moved(PledgeStatus.Active, PledgeStatus.Withdrawn),
            PledgeReleased => Moved(PledgeStatus.Active, PledgeStatus.Released),
            PledgeCommitted => Moved(PledgeStatus.Active, PledgeStatus.Committed),
            _ => throw new InvalidOperationException($"Pledge cannot apply {@event.GetType().Name}."),
        };
        return next with { UpdatedAt = @event.At };
    }

    private PledgeState Moved(PledgeStatus from, PledgeStatus to) =>
        Status == from ? this with { Status = to } : throw new InvalidOperationException($"A pledge cannot go from {Status} to {to}.");
}
