namespace CoFundMarket.Domain.Common;

/// <summary>The reason codes of domain refusals (google.rpc.ErrorInfo reasons at the API).</summary>
public static class Reasons
{
    /// <summary>A field is malformed or out of range.</summary>
    public const string InvalidArgument = "INVALID_ARGUMENT";

    /// <summary>No such organisation.</summary>
    public const string OrganisationNotFound = "ORGANISATION_NOT_FOUND";

    /// <summary>The organisation code is already registered with other details.</summary>
    public const string OrganisationExists = "ORGANISATION_EXISTS";

    /// <summary>No such project.</summary>
    public const string ProjectNotFound = "PROJECT_NOT_FOUND";

    /// <summary>The project id is taken by another project.</summary>
    public const string ProjectExists = "PROJECT_EXISTS";

    /// <summary>No such pledge.</summary>
    public const string PledgeNotFound = "PLEDGE_NOT_FOUND";

    /// <summary>The pledge id was used for a pledge with other content.</summary>
    public const string PledgeIdReused = "PLEDGE_ID_REUSED";

    /// <summary>The project takes no pledges in its current state.</summary>
    public const string ProjectNotOpen = "PROJECT_NOT_OPEN";

    /// <summary>The transition is not allowed from the current state.</summary>
    public const string IllegalTransition = "ILLEGAL_TRANSITION";

    /// <summary>The organisation's available budget for the year is below the amount.</summary>
    public const string InsufficientBudget = "INSUFFICIENT_BUDGET";

    /// <summary>The pledge would take the project past its cap.</summary>
    public const string OverCap = "OVER_CAP";

    /// <summary>The pledge can no longer be withdrawn.</summary>
    public const string PledgeNotActive = "PLEDGE_NOT_ACTIVE";

    /// <summary>A lower ceiling would be below what is already reserved and committed.</summary>
    public const string CeilingBelowCommitments = "CEILING_BELOW_COMMITMENTS";

    /// <summary>Delivery needs a repository URL and a licence.</summary>
    public const string DeliveryIncomplete = "DELIVERY_INCOMPLETE";

    /// <summary>The organisation already recorded an adoption of this project.</summary>
    public const string AlreadyAdopted = "ALREADY_ADOPTED";

    /// <summary>The funding deadline has passed.</summary>
    public const string DeadlinePassed = "DEADLINE_PASSED";

    /// <summary>An adaptation can only be proposed of a delivered project.</summary>
    public const string AdaptsUndelivered = "ADAPTS_UNDELIVERED";
}
