namespace CoFundMarket.Domain.Projects;

/// <summary>Where a project is in its life (DOMAIN.md): DRAFT → SUBMITTED → OPEN → FUNDED → IN_DELIVERY → DELIVERED,
/// OPEN → EXPIRED, DRAFT|SUBMITTED|OPEN → CANCELLED.</summary>
public enum ProjectStatus
{
    /// <summary>Not created.</summary>
    Unspecified,

    /// <summary>Being written by its lead organisation.</summary>
    Draft,

    /// <summary>Waiting for an administrator's approval.</summary>
    Submitted,

    /// <summary>Taking pledges until its funding deadline.</summary>
    Open,

    /// <summary>Reached its target with enough funders; counted pledges are committed.</summary>
    Funded,

    /// <summary>Being built.</summary>
    InDelivery,

    /// <summary>Built and published; organisations record adoptions.</summary>
    Delivered,

    /// <summary>The deadline passed unmet; pledges were released.</summary>
    Expired,

    /// <summary>Stopped before funding; pledges were released.</summary>
    Cancelled,
}
