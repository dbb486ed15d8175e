using CoFundMarket.Domain.Common;
using CoFundMarket.Domain.Marketplace;
using CoFundMarket.Domain.Projects;
using CoFundMarket.Gateway.Api;
using CoFundMarket.Gateway.Errors;
using CoFundMarket.Gateway.Identity;
using CoFundMarket.Gateway.Marketplace;
using CoFundMarket.Identity;
using CoFundMarket.Rpc;
using CoFundMarket.Runtime.Grains;
using CoFundMarket.Runtime.Hosting;
using CoFundMarket.Runtime.Identity;
using CoFundMarket.Runtime.Journal;
using V1 = CoFundMarket.Api.V1;

namespace CoFundMarket.Gateway.Projects;

/// <summary>
/// cofund.v1.ProjectService: the project lifecycle, reads and watching. Single projects are read from their grain
/// (exact); lists come from the marketplace catalog (eventually consistent). DRAFT and SUBMITTED projects are shown
/// only to admin and their lead organisation; to anyone else they do not exist.
/// </summary>
public sealed class ProjectApi(IGrainFactory grains, Silo silo, CatalogReader catalog, IHostApplicationLifetime lifetime)
{
    /// <summary>Creates a DRAFT (org_lead or org_finance of the lead organisation).</summary>
    public async Task<V1.CreateProjectResponse> CreateProject(V1.CreateProjectRequest request, ServerCallContext context)
    {
        var lead = CommonMapping.OdsCode(request.LeadOrganisationCode, "lead_organisation_code");
        var authorised = Access.RequireMember(context, lead);
        var requestId = CommonMapping.RequestId(request.RequestId, required: false);
        var details = ProjectDetails.Create(request.Title, request.Summary, request.Problem, request.Category, lead, request.RegionCodes,
            request.Target.ToDomain("target"), request.Cap.ToOptionalDomain("cap"), MinFunders(request.MinFunders),
            request.FundingDeadline.ToDomain("funding_deadline"), request.Licence,
            request.Stage.ToDomain("stage"), request.RepositoryUrl, request.AdaptedFromProjectId);
        context.ActFor(authorised, requestId);
        var view = await grains.GetGrain<IProjectGrain>(ProjectIds.For(lead, requestId)).Create(details);
        return new V1.CreateProjectResponse { Project = view.ToApi() };
    }

    /// <summary>Replaces the details of a DRAFT or SUBMITTED project (its lead organisation).</summary>
    public async Task<V1.UpdateProjectResponse> UpdateProject(V1.UpdateProjectRequest request, ServerCallContext context)
    {
        var requestId = CommonMapping.RequestId(request.RequestId, required: false);
        var (project, authorised) = await LedByCallerAsync(context, request.ProjectId, allowAdmin: false);
        if (request.ExpectedVersion != 0 && request.ExpectedVersion != project.Version)
        {
            throw ApiErrors.Aborted("VERSION_MISMATCH", $"Project {project.Id} is at version {project.Version}, not {request.ExpectedVersion}; read it again and retry.");
        }

        var lead = project.Details.LeadOrganisationCode;
        var details = ProjectDetails.Create(request.Title, request.Summary, request.Problem, request.Category, lead, request.RegionCodes,
            request.Target.ToDomain("target"), request.Cap.ToOptionalDomain("cap"), MinFunders(request.MinFunders),
            request.FundingDeadline.ToDomain("funding_deadline"), request.Licence,
            request.Stage.ToDomain("stage"), request.RepositoryUrl, project.Details.AdaptedFromProjectId);
        context.ActFor(authorised, requestId);
        var view = await grains.GetGrain<IProjectGrain>(project.Id).Update(details);
        return new V1.UpdateProjectResponse { Project = view.ToApi() };
    }

    /// <summary>DRAFT → SUBMITTED (its lead organisation).</summary>
    public async Task<V1.SubmitProjectResponse> SubmitProject(V1.SubmitProjectRequest request, ServerCallContext context) =>
        new() { Project = await ByLeadAsync(context, request.RequestId, request.ProjectId, allowAdmin: false, (grain, _) => grain.Submit()) };

    /// <summary>SUBMITTED → OPEN (admin).</summary>
    public async Task<V1.ApproveProjectResponse> ApproveProject(V1.ApproveProjectRequest request, ServerCallContext context) =>
        new() { Project = await ByAdminAsync(context, request.RequestId, request.ProjectId, grain => grain.Approve()) };

    /// <summary>DRAFT, SUBMITTED or OPEN → CANCELLED (admin).</summary>
    public async Task<V1.CancelProjectResponse> CancelProject(V1.CancelProjectRequest request, ServerCallContext context) =>
        new() { Project = await ByAdminAsync(context, request.RequestId, request.ProjectId, grain => grain.Cancel(request.Reason)) };

    /// <summary>FUNDED → IN_DELIVERY (its lead organisation, or admin).</summary>
    public async Task<V1.StartDeliveryResponse> StartDelivery(V1.StartDeliveryRequest request, ServerCallContext context) =>
        new() { Project = await ByLeadAsync(context, request.RequestId, request.ProjectId, allowAdmin: true, (grain, _) => grain.StartDelivery()) };

    /// <summary>IN_DELIVERY → DELIVERED with the repository URL and licence, empty keeping the project's (its lead organisation, or admin).</summary>
    public async Task<V1.MarkDeliveredResponse> MarkDelivered(V1.MarkDeliveredRequest request, ServerCallContext context) =>
        new()
        {
            Project = await ByLeadAsync(context, request.RequestId, request.ProjectId, allowAdmin: true,
                (grain, project) => grain.MarkDelivered(request.RepositoryUrl, request.Licence.Length == 0 ? project.Details.Licence : request.Licence)),
        };

    /// <summary>Records an adoption of a DELIVERED project (org_lead or org_finance of the adopting organisation).</summary>
    public async Task<V1.RecordAdoptionResponse> RecordAdoption(V1.RecordAdoptionRequest request, ServerCallContext context)
    {
        var organisation = CommonMapping.OdsCode(request.OrganisationCode, "organisation_code");
        var authorised = Access.RequireMember(context, organisation);
        var requestId = CommonMapping.RequestId(request.RequestId, required: false);
        var id = CommonMapping.EntityId(request.ProjectId, "project_id");
        var adoptedOn = request.AdoptedOn is null ? FundingDeadline.TodayInLondon(silo.TimeProvider.GetUtcNow()) : request.AdoptedOn.ToDomain("adopted_on");
        context.ActFor(authorised, requestId);
        var view = await grains.GetGrain<IProjectGrain>(id).RecordAdoption(organisation, adoptedOn, request.Note);
        return new V1.RecordAdoptionResponse { Project = view.ToApi() };
    }

    /// <summary>One project, from its grain (anyone for OPEN or later; admin and the lead organisation for drafts).</summary>
    public async Task<V1.GetProjectResponse> GetProject(V1.GetProjectRequest request, ServerCallContext context) =>
        (await VisibleProjectAsync(context, request.ProjectId)).ToGetProjectResponse();

    /// <summary>A page of projects from the catalog, in id order, filtered, limited to what the caller may see.</summary>
    public async Task<V1.ListProjectsResponse> ListProjects(V1.ListProjectsRequest request, ServerCallContext context)
    {
        var statuses = request.Statuses.Select(s => s.ToDomain("statuses")).ToHashSet();
        var lead = CommonMapping.OptionalOdsCode(request.LeadOrganisationCode, "lead_organisation_code");
        var region = CommonMapping.OptionalOdsCode(request.RegionCode, "region_code");
        var category = Validate.Text(request.Category, "category", 80, required: false);
        var text = Validate.Text(request.Text, "text", 200, required: false);
        Paging.PageSize(request.PageSize);
        var caller = context.Caller();
        var projects = (await catalog.CurrentAsync(context.CancellationToken)).Projects().Where(p =>
            IsVisibleTo(p, caller)
            && (statuses.Count == 0 || statuses.Contains(p.Status))
            && (lead is null || p.Details.LeadOrganisationCode == lead)
            && (region is null || p.Details.RegionCodes.Contains(region))
            && (category.Length == 0 || p.Details.Category == category)
            && (text.Length == 0 || p.Details.Title.Contains(text, StringComparison.OrdinalIgnoreCase) || p.Details.Summary.Contains(text, StringComparison.OrdinalIgnoreCase)));
        var query = $"projects|{string.Join(',', statuses.Order())}|{lead}|{region}|{category}|{text}";
        var (page, next) = Paging.Page(projects, p => p.Id, query, request.PageToken, request.PageSize);
        var response = new V1.ListProjectsResponse { NextPageToken = next };
        response.Projects.AddRange(page.Select(p => p.ToApi()));
        return response;
    }

    /// <summary>
    /// The project now, then its state after every change (each version once, in order), until the caller cancels or
    /// the server stops (UNAVAILABLE: reconnect). Versions come from the project's journal, folded with the domain's own
    /// state, so no change is skipped even when several commit at once.
    /// </summary>
    public async Task WatchProject(V1.WatchProjectRequest request, IServerStreamWriter<V1.WatchProjectResponse> responseStream, ServerCallContext context)
    {
        var current = await VisibleProjectAsync(context, request.ProjectId);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        var grain = new GrainId(MarketplaceCatalog.ProjectType, current.Id);
        var (state, version) = JournalReplay.Replay<ProjectState, ProjectEvent>(await silo.Storage.ReadJournalAsync(grain, 0, stop.Token), silo.JsonOptions);
        await responseStream.WriteAsync(new V1.WatchProjectResponse { Project = ProjectViews.Of(state, version).ToApi() }, stop.Token);
        try
        {
            while (true)
            {
                var advanced = catalog.Catalog.Advanced;
                if (catalog.Catalog.ProjectVersion(current.Id) <= version)
                {
                    await advanced.WaitAsync(stop.Token);
                    continue;
                }

                foreach (var stored in await silo.Storage.ReadJournalAsync(grain, version, stop.Token))
                {
                    state = state.Apply(JournalReplay.ReadEvent<ProjectEvent>(stored, silo.JsonOptions));
                    version = stored.Sequence;
                    await responseStream.WriteAsync(new V1.WatchProjectResponse { Project = ProjectViews.Of(state, version).ToApi() }, stop.Token);
                }
            }
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
        {
            throw ApiErrors.Unavailable($"The server is shutting down; watch project {current.Id} again to resume (last version sent: {version}).");
        }
    }

    /// <summary>Whether a project is public: OPEN or later. A CANCELLED project counts as public only if it took pledges
    /// (so was OPEN): the state does not record an approval, and a cancelled draft must stay private.</summary>
    public static bool IsPublic(ProjectView project) =>
        project.Status == ProjectStatus.Cancelled ? !project.Pledges.IsEmpty : project.Status.IsPublic();

    /// <summary>Whether <paramref name="caller"/> may see <paramref name="project"/>.</summary>
    public static bool IsVisibleTo(ProjectView project, Caller caller) =>
        IsPublic(project) || caller.MaySeeUnpublished(project.Details.LeadOrganisationCode);

    /// <summary>The project if the caller may see it; NOT_FOUND, with the same answer as for no project, otherwise.</summary>
    private async Task<ProjectView> VisibleProjectAsync(ServerCallContext context, string projectId)
    {
        var id = CommonMapping.EntityId(projectId, "project_id");
        ProjectView project;
        try
        {
            project = await grains.GetGrain<IProjectGrain>(id).Get();
        }
        catch (DomainException e) when (e.Kind == DomainErrorKind.NotFound)
        {
            throw ProjectNotFound(id);
        }

        return IsVisibleTo(project, context.Caller()) ? project : throw ProjectNotFound(id);
    }

    /// <summary>
    /// The project for a change its lead organisation (or, with <paramref name="allowAdmin"/>, admin) may make. The
    /// caller's role is checked before the project is read, and a project of another organisation gets the same
    /// PERMISSION_DENIED as one that does not exist; only admin learns NOT_FOUND.
    /// </summary>
    private async Task<(ProjectView Project, Authorised Authorised)> LedByCallerAsync(ServerCallContext context, string projectId, bool allowAdmin)
    {
        var id = CommonMapping.EntityId(projectId, "project_id");
        var caller = context.Caller();
        var isAdmin = allowAdmin && caller.HasRole(CofundRoles.Admin);
        if (!isAdmin && !caller.IsMemberOf(caller.OrganisationCode))
        {
            throw Access.NotYours("project", id);
        }

        ProjectView project;
        try
        {
            project = await grains.GetGrain<IProjectGrain>(id).Get();
        }
        catch (DomainException e) when (e.Kind == DomainErrorKind.NotFound && !isAdmin)
        {
            throw Access.NotYours("project", id);
        }

        return caller.IsMemberOf(project.Details.LeadOrganisationCode) ? (project, Access.RequireMember(context, project.Details.LeadOrganisationCode))
            : isAdmin ? (project, new Authorised(caller, CofundRoles.Admin))
            : throw Access.NotYours("project", id);
    }

    /// <summary>An admin's change to a project: the role first, then the grain (admin may learn NOT_FOUND).</summary>
    private async Task<V1.Project> ByAdminAsync(ServerCallContext context, string requestId, string projectId, Func<IProjectGrain, Task<ProjectView>> change)
    {
        var authorised = Access.RequireAdmin(context);
        var checkedRequestId = CommonMapping.RequestId(requestId, required: false);
        var id = CommonMapping.EntityId(projectId, "project_id");
        context.ActFor(authorised, checkedRequestId);
        return (await change(grains.GetGrain<IProjectGrain>(id))).ToApi();
    }

    /// <summary>A change by the project's lead organisation (or, with <paramref name="allowAdmin"/>, admin).</summary>
    private async Task<V1.Project> ByLeadAsync(ServerCallContext context, string requestId, string projectId, bool allowAdmin, Func<IProjectGrain, ProjectView, Task<ProjectView>> change)
    {
        var checkedRequestId = CommonMapping.RequestId(requestId, required: false);
        var (project, authorised) = await LedByCallerAsync(context, projectId, allowAdmin);
        context.ActFor(authorised, checkedRequestId);
        return (await change(grains.GetGrain<IProjectGrain>(project.Id), project)).ToApi();
    }

    private static RpcException ProjectNotFound(string id) => ApiErrors.NotFound(Reasons.ProjectNotFound, $"No project with id {id} exists.");

    private static int MinFunders(int requested) => requested == 0 ? 1 : requested;
}
