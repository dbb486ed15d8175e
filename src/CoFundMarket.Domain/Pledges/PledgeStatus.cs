namespace CoFundMarket.Domain.Pledges;

/// <summary>A pledge's life (DOMAIN.md): PENDING → ACTIVE → COMMITTED; ACTIVE → WITHDRAWN | RELEASED; PENDING → REJECTED.</summary>
public enum PledgeStatus
{
    /// <summary>Never requested.</summary>
    Unspecified,

    /// <summary>Requested; the saga is reserving budget and recording it with the project.</summary>
    Pending,

    /// <summary>Reserved in its organisation's budget and counted by its project.</summary>
    Active,

    /// <summary>Its project was funded with it: the money is committed.</summary>
    Committed,

    /// <summary>Withdrawn by its organisation while the project was open.</summary>
    Withdrawn,

    /// <summary>Its project expired or was cancelled, or was funded without it: the reservation went back.</summary>
    Released,

    /// <summary>Refused (see the rejection reason); nothing is held.</summary>
    Rejected,
}
