using CoFundMarket.Domain.Organisations;
using CoFundMarket.Gateway.Api;
using V1 = CoFundMarket.Api.V1;

namespace CoFundMarket.Gateway.Organisations;

/// <summary>Organisations and budgets ⇄ messages.</summary>
public static class OrganisationMapping
{
    /// <summary>The organisation as a message.</summary>
    public static V1.Organisation ToApi(this OrganisationSummary organisation) => new()
    {
        Code = organisation.Code,
        Name = organisation.Name,
        Kind = organisation.Kind.ToApi(),
        RegionCode = organisation.RegionCode ?? "",
        IcbCode = organisation.IcbCode ?? "",
    };

    /// <summary>The budget as a message.</summary>
    public static V1.Budget ToApi(this BudgetView budget, string organisationCode) => new()
    {
        OrganisationCode = organisationCode,
        FinancialYear = budget.FinancialYear,
        Ceiling = budget.Ceiling.ToApi(),
        Reserved = budget.Reserved.ToApi(),
        Committed = budget.Committed.ToApi(),
        Available = budget.Available.ToApi(),
    };

    /// <summary>The kind as a message enum.</summary>
    public static V1.OrganisationKind ToApi(this OrganisationKind kind) => kind switch
    {
        OrganisationKind.NhsTrust => V1.OrganisationKind.NhsTrust,
        OrganisationKind.IntegratedCareBoard => V1.OrganisationKind.IntegratedCareBoard,
        OrganisationKind.Region => V1.OrganisationKind.Region,
        OrganisationKind.OtherPublicBody => V1.OrganisationKind.OtherPublicBody,
        _ => V1.OrganisationKind.Unspecified,
    };

    /// <summary>The kind from a request; UNSPECIFIED stays unspecified (the domain refuses it where a kind is required).</summary>
    public static OrganisationKind ToDomain(this V1.OrganisationKind kind, string field) => CommonMapping.Defined(kind, field) switch
    {
        V1.OrganisationKind.NhsTrust => OrganisationKind.NhsTrust,
        V1.OrganisationKind.IntegratedCareBoard => OrganisationKind.IntegratedCareBoard,
        V1.OrganisationKind.Region => OrganisationKind.Region,
        V1.OrganisationKind.OtherPublicBody => OrganisationKind.OtherPublicBody,
        _ => OrganisationKind.Unspecified,
    };
}
