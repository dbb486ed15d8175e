using CoFundMarket.Domain.Common;
using CoFundMarket.Domain.Pledges;
using CoFundMarket.Domain.Projects;
using CoFundMarket.Gateway.Api;
using CoFundMarket.Gateway.Errors;
using CoFundMarket.Gateway.Identity;
using CoFundMarket.Gateway.Marketplace;
using CoFundMarket.Gateway.Projects;
using CoFundMarket.Identity;
using CoFundMarket.Rpc;
using CoFundMarket.Runtime.Grains;
using V1 = CoFundMarket.Api.V1;

namespace CoFundMarket.Gateway.Pledges;

/// <summary>
/// cofund.v1.PledgeService. A pledge is made and withdrawn for the caller's own organisation only; the pledge's id is
/// the client's request_id, so retrying a CreatePledge is safe. Whether the saga completes or is compensated is the
/// pledge grain's business: nothing here can leave it half-applied, even when the caller's deadline passes mid-way.
/// </summary>
public sealed class PledgeApi(IGrainFactory grains, CatalogReader catalog)
{
    /// <summary>Pledges to an OPEN project; a refused pledge is FAILED_PRECONDITION with its reason (and kept as REJECTED).</summary>
    public async Task<V1.CreatePledgeResponse> CreatePledge(V1.CreatePledgeRequest request, ServerCallContext context)
    {
        var organisation = CommonMapping.OdsCode(request.OrganisationCode, "organisation_code");
        var authorised = Access.RequirePledger(context, organisation);
        var pledgeId = CommonMapping.RequestId(request.RequestId, required: true);
        var projectId = CommonMapping.EntityId(request.ProjectId, "project_id");
        var terms = new PledgeTerms(projectId, organisation, request.Amount.ToDomain("amount"), request.MinOtherFunders);
        context.ActFor(authorised, pledgeId);
        var pledge = await grains.GetGrain<IPledgeGrain>(pledgeId).Create(terms);
        if (pledge.Status == PledgeStatus.Rejected)
        {
            throw ApiErrors.FailedPrecondition(pledge.RejectionReason ?? Reasons.ProjectNotOpen, pledge.RejectionMessage ?? "The pledge was refused.");
        }

        return new V1.CreatePledgeResponse { Pledge = pledge.ToApi(await CountedAsync(pledge)) };
    }

    /// <summary>One pledge (its organisation's members, a partner with pledges.read bound to it, or admin).</summary>
    public async Task<V1.GetPledgeResponse> GetPledge(V1.GetPledgeRequest request, ServerCallContext context)
    {
        var pledge = await OwnPledgeAsync(context, request.PledgeId, CofundScopes.PledgesRead, allowAdmin: true);
        return new V1.GetPledgeResponse { Pledge = pledge.View.ToApi(await CountedAsync(pledge.View)) };
    }

    /// <summary>ACTIVE → WITHDRAWN while the project is OPEN (its organisation's members, or a partner with pledges.write bound to it).</summary>
    public async Task<V1.WithdrawPledgeResponse> WithdrawPledge(V1.WithdrawPledgeRequest request, ServerCallContext context)
    {
        var requestId = CommonMapping.RequestId(request.RequestId, required: false);
        var pledge = await OwnPledgeAsync(context, request.PledgeId, CofundScopes.PledgesWrite, allowAdmin: false);
        context.ActFor(pledge.Authorised, requestId);
        var withdrawn = await grains.GetGrain<IPledgeGrain>(pledge.View.Id).Withdraw();
        return new V1.WithdrawPledgeResponse { Pledge = withdrawn.ToApi(counted: false) };
    }

    /// <summary>
    /// A page of the pledges of one project (anyone, for a project they may see; REJECTED and PENDING pledges only to
    /// the pledging organisation and admin) or of one organisation (its members, a bound partner with pledges.read, or
    /// admin), oldest first, from the catalog.
    /// </summary>
    public async Task<V1.ListPledgesResponse> ListPledges(V1.ListPledgesRequest request, ServerCallContext context)
    {
        if ((request.ProjectId.Length == 0) == (request.OrganisationCode.Length == 0))
        {
            throw ApiErrors.InvalidArgument(request.ProjectId.Length == 0 ? "project_id" : "organisation_code", "Set exactly one of project_id and organisation_code.");
        }

        var statuses = request.Statuses.Select(s => s.ToDomain("statuses")).ToHashSet();
        var year = request.FinancialYear.Length == 0 ? null : FinancialYear.Parse(request.FinancialYear).ToString();
        Paging.PageSize(request.PageSize);
        var caller = context.Caller();
        IEnumerable<PledgeView> pledges;
        string query;
        if (request.ProjectId.Length > 0)
        {
            var projectId = CommonMapping.EntityId(request.ProjectId, "project_id");
            var current = await catalog.CurrentAsync(context.CancellationToken);
            if (current.Project(projectId) is not { } project || !ProjectApi.IsVisibleTo(project, caller))
            {
                throw ApiErrors.NotFound(Reasons.ProjectNotFound, $"No project with id {projectId} exists.");
            }

            pledges = current.Pledges().Where(p => p.Terms.ProjectId == projectId
                && (p.Status is not (PledgeStatus.Pending or PledgeStatus.Rejected) || caller.HasRole(CofundRoles.Admin) || caller.IsMemberOf(p.Terms.OrganisationCode)));
            query = $"pledges|project|{projectId}";
        }
        else
        {
            var organisation = CommonMapping.OdsCode(request.OrganisationCode, "organisation_code");
            Access.RequirePledgeReader(context, organisation);
            pledges = (await catalog.CurrentAsync(context.CancellationToken)).Pledges().Where(p => p.Terms.OrganisationCode == organisation);
            query = $"pledges|organisation|{organisation}";
        }

        pledges = pledges.Where(p => (statuses.Count == 0 || statuses.Contains(p.Status)) && (year is null || p.FinancialYear == year));
        var (page, next) = Paging.Page(pledges, p => $"{p.CreatedAt.UtcTicks:D19}/{p.Id}", $"{query}|{string.Join(',', statuses.Order())}|{year}", request.PageToken, request.PageSize);
        var response = new V1.ListPledgesResponse { NextPageToken = next };
        response.Pledges.AddRange(page.Select(p => p.ToApi(catalog.Catalog.Project(p.Terms.ProjectId)?.Pledges.Any(c => c.PledgeId == p.Id && c.Counted) == true)));
        return response;
    }

    /// <summary>
    /// The pledge, if the caller may act on it. The caller's role is checked first; a pledge of another organisation
    /// gets the same PERMISSION_DENIED as one that does not exist (only admin, where allowed, learns NOT_FOUND).
    /// </summary>
    private async Task<(PledgeView View, Authorised Authorised)> OwnPledgeAsync(ServerCallContext context, string pledgeId, string partnerScope, bool allowAdmin)
    {
        var id = CommonMapping.EntityId(pledgeId, "pledge_id");
        var caller = context.Caller();
        var isAdmin = allowAdmin && caller.HasRole(CofundRoles.Admin);
        var isPartner = caller.HasRole(CofundRoles.Partner) && caller.HasScope(partnerScope) && caller.OrganisationCode is not null;
        if (!isAdmin && !isPartner && !caller.IsMemberOf(caller.OrganisationCode))
        {
            throw Access.NotYours("pledge", id);
        }

        PledgeView pledge;
        try
        {
            pledge = await grains.GetGrain<IPledgeGrain>(id).Get();
        }
        catch (DomainException e) when (e.Kind == DomainErrorKind.NotFound && !isAdmin)
        {
            throw Access.NotYours("pledge", id);
        }

        var organisation = pledge.Terms.OrganisationCode;
        return caller.IsMemberOf(organisation) ? (pledge, Access.RequireMember(context, organisation))
            : isPartner && caller.OrganisationCode == organisation ? (pledge, new Authorised(caller, CofundRoles.Partner))
            : isAdmin ? (pledge, new Authorised(caller, CofundRoles.Admin))
            : throw Access.NotYours("pledge", id);
    }

    /// <summary>Whether the pledge counts towards its project's funding now, as the project's grain says.</summary>
    private async Task<bool> CountedAsync(PledgeView pledge) => pledge.Status switch
    {
        PledgeStatus.Committed => true,

        // An unconditional pledge belongs to every self-consistent set, so it counts without asking the
        // project for its whole view (which costs as much as the project has pledges).
        PledgeStatus.Active when pledge.Terms.MinOtherFunders == 0 => true,
        PledgeStatus.Active => (await grains.GetGrain<IProjectGrain>(pledge.Terms.ProjectId).Get()).Pledges.Any(p => p.PledgeId == pledge.Id && p.Counted),
        _ => false,
    };
}
