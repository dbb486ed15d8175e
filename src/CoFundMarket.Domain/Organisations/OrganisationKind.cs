namespace CoFundMarket.Domain.Organisations;

/// <summary>What kind of public body an organisation is.</summary>
public enum OrganisationKind
{
    /// <summary>Unknown; never valid.</summary>
    Unspecified,

    /// <summary>An NHS trust.</summary>
    NhsTrust,

    /// <summary>An integrated care board.</summary>
    IntegratedCareBoard,

    /// <summary>An NHS England region.</summary>
    Region,

    /// <summary>Another public body.</summary>
    OtherPublicBody,
}
