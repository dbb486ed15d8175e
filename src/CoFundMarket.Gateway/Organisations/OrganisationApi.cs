using CoFundMarket.Domain.Common;
using CoFundMarket.Domain.Organisations;
using CoFundMarket.Gateway.Api;
using CoFundMarket.Gateway.Identity;
using CoFundMarket.Gateway.Marketplace;
using CoFundMarket.Rpc;
using CoFundMarket.Runtime.Grains;
using V1 = CoFundMarket.Api.V1;

namespace CoFundMarket.Gateway.Organisations;

/// <summary>cofund.v1.OrganisationService: registrations (admin), public reads, and budgets (finance or admin).</summary>
public sealed class OrganisationApi(IGrainFactory grains, CatalogReader catalog)
{
    /// <summary>Registers an organisation (admin).</summary>
    public async Task<V1.RegisterOrganisationResponse> RegisterOrganisation(V1.RegisterOrganisationRequest request, ServerCallContext context)
    {
        var authorised = Access.RequireAdmin(context);
        var requestId = CommonMapping.RequestId(request.RequestId, required: false);
        var code = CommonMapping.OdsCode(request.OrganisationCode, "organisation_code");
        var registration = new RegisterOrganisation(code, request.Name, request.Kind.ToDomain("kind"),
            CommonMapping.OptionalOdsCode(request.RegionCode, "region_code"), CommonMapping.OptionalOdsCode(request.IcbCode, "icb_code"));
        context.ActFor(authorised, requestId);
        var organisation = await grains.GetGrain<IOrganisationGrain>(code).Register(registration);
        return new V1.RegisterOrganisationResponse { Organisation = organisation.ToApi() };
    }

    /// <summary>One organisation (anyone).</summary>
    public async Task<V1.GetOrganisationResponse> GetOrganisation(V1.GetOrganisationRequest request, ServerCallContext context)
    {
        var code = CommonMapping.OdsCode(request.OrganisationCode, "organisation_code");
        var organisation = await grains.GetGrain<IOrganisationGrain>(code).Get();
        return new V1.GetOrganisationResponse { Organisation = organisation.ToApi() };
    }

    /// <summary>A page of organisations by ODS code (anyone; from the catalog).</summary>
    public async Task<V1.ListOrganisationsResponse> ListOrganisations(V1.ListOrganisationsRequest request, ServerCallContext context)
    {
        var kind = request.Kind.ToDomain("kind");
        var region = CommonMapping.OptionalOdsCode(request.RegionCode, "region_code");
        var icb = CommonMapping.OptionalOdsCode(request.IcbCode, "icb_code");
        Paging.PageSize(request.PageSize);
        var organisations = (await catalog.CurrentAsync(context.CancellationToken)).Organisations()
            .Where(o => (kind == OrganisationKind.Unspecified || o.Kind == kind) && (region is null || o.RegionCode == region) && (icb is null || o.IcbCode == icb));
        var (page, next) = Paging.Page(organisations, o => o.Code, $"organisations|{kind}|{region}|{icb}", request.PageToken, request.PageSize);
        var response = new V1.ListOrganisationsResponse { NextPageToken = next };
        response.Organisations.AddRange(page.Select(o => o.ToApi()));
        return response;
    }

    /// <summary>Sets a budget ceiling (org_finance of the organisation, or admin).</summary>
    public async Task<V1.SetBudgetResponse> SetBudget(V1.SetBudgetRequest request, ServerCallContext context)
    {
        var code = CommonMapping.OdsCode(request.OrganisationCode, "organisation_code");
        var authorised = Access.RequireFinanceOrAdmin(context, code);
        var requestId = CommonMapping.RequestId(request.RequestId, required: false);
        var year = FinancialYear.Parse(request.FinancialYear).ToString();
        var ceiling = request.Ceiling.ToDomain("ceiling");
        context.ActFor(authorised, requestId);
        var budget = await grains.GetGrain<IOrganisationGrain>(code).SetBudget(year, ceiling);
        return new V1.SetBudgetResponse { Budget = budget.ToApi(code) };
    }

    /// <summary>A budget (org_lead or org_finance of the organisation, or admin).</summary>
    public async Task<V1.GetBudgetResponse> GetBudget(V1.GetBudgetRequest request, ServerCallContext context)
    {
        var code = CommonMapping.OdsCode(request.OrganisationCode, "organisation_code");
        Access.RequireMemberOrAdmin(context, code);
        var year = FinancialYear.Parse(request.FinancialYear).ToString();
        var budget = await grains.GetGrain<IOrganisationGrain>(code).GetBudget(year);
        return new V1.GetBudgetResponse { Budget = budget.ToApi(code) };
    }
}
