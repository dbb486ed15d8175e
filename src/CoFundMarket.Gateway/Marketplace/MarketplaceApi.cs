using CoFundMarket.Domain.Common;
using CoFundMarket.Domain.Invariants;
using CoFundMarket.Domain.Marketplace;
using CoFundMarket.Domain.Projects;
using CoFundMarket.Gateway.Api;
using CoFundMarket.Gateway.Errors;
using CoFundMarket.Gateway.Identity;
using CoFundMarket.Gateway.Projects;
using CoFundMarket.Rpc;
using CoFundMarket.Runtime.Hosting;
using CoFundMarket.Runtime.Identity;
using V1 = CoFundMarket.Api.V1;

namespace CoFundMarket.Gateway.Marketplace;

/// <summary>cofund.v1.MarketplaceService: the public summary, monitoring, the partner event feed, the audit trail and the invariant check.</summary>
public sealed class MarketplaceApi(Silo silo, CatalogReader catalog, IHostApplicationLifetime lifetime)
{
    private static readonly ProjectStatus[] s_publicStatuses =
        [ProjectStatus.Open, ProjectStatus.Funded, ProjectStatus.InDelivery, ProjectStatus.Delivered, ProjectStatus.Expired, ProjectStatus.Cancelled];

    /// <summary>Totals over the public projects, by region and by status (anyone; from the catalog).</summary>
    public async Task<V1.GetSummaryResponse> GetSummary(V1.GetSummaryRequest request, ServerCallContext context)
    {
        var region = CommonMapping.OptionalOdsCode(request.RegionCode, "region_code");
        var current = await catalog.CurrentAsync(context.CancellationToken);
        var projects = current.Projects().Where(p => ProjectApi.IsPublic(p) && (region is null || p.Details.RegionCodes.Contains(region))).ToList();
        var response = new V1.GetSummaryResponse { Totals = Totals(projects), ComputedAt = silo.TimeProvider.GetUtcNow().ToApi() };
        foreach (var code in projects.SelectMany(p => p.Details.RegionCodes).Where(r => region is null || r == region).Distinct().Order(StringComparer.Ordinal))
        {
            response.Regions.Add(new V1.RegionSummary
            {
                RegionCode = code,
                RegionName = current.Organisation(code)?.Name ?? "",
                Totals = Totals(projects.Where(p => p.Details.RegionCodes.Contains(code)).ToList()),
            });
        }

        foreach (var status in s_publicStatuses)
        {
            response.Statuses.Add(new V1.StatusSummary { Status = status.ToApi(), Totals = Totals(projects.Where(p => p.Status == status).ToList()) });
        }

        return response;
    }

    /// <summary>OPEN projects whose deadline is near and whose counted total is low, soonest deadline first (admin).</summary>
    public async Task<V1.ListAtRiskProjectsResponse> ListAtRiskProjects(V1.ListAtRiskProjectsRequest request, ServerCallContext context)
    {
        Access.RequireAdmin(context);
        var withinDays = request.DeadlineWithinDays switch
        {
            0 => 14,
            >= 1 and <= 3660 => request.DeadlineWithinDays,
            _ => throw ApiErrors.InvalidArgument("deadline_within_days", $"deadline_within_days must be between 1 and 3660 (0 means 14); got {request.DeadlineWithinDays}."),
        };
        var belowPercent = request.FundedBelowPercent switch
        {
            0 => 50,
            >= 1 and <= 100 => request.FundedBelowPercent,
            _ => throw ApiErrors.InvalidArgument("funded_below_percent", $"funded_below_percent must be between 1 and 100 (0 means 50); got {request.FundedBelowPercent}."),
        };
        Paging.PageSize(request.PageSize);
        var today = FundingDeadline.TodayInLondon(silo.TimeProvider.GetUtcNow());
        var atRisk = (await catalog.CurrentAsync(context.CancellationToken)).Projects()
            .Where(p => p.Status == ProjectStatus.Open)
            .Select(p => (Project: p, DaysLeft: p.Details.FundingDeadline.DayNumber - today.DayNumber))
            .Where(p => p.DaysLeft >= 0 && p.DaysLeft <= withinDays
                && p.Project.CountedTotal.MinorUnits * 100 < belowPercent * p.Project.Details.Target.MinorUnits);
        var (page, next) = Paging.Page(atRisk, p => $"{p.Project.Details.FundingDeadline:yyyyMMdd}/{p.Project.Id}", $"at-risk|{withinDays}|{belowPercent}|{today}", request.PageToken, request.PageSize);
        var response = new V1.ListAtRiskProjectsResponse { NextPageToken = next };
        foreach (var (project, daysLeft) in page)
        {
            var target = project.Details.Target;
            var countedFunders = project.Pledges.Where(p => p.Counted).Select(p => p.OrganisationCode).Distinct(StringComparer.Ordinal).Count();
            response.Projects.Add(new V1.AtRiskProject
            {
                Project = project.ToApi(),
                DaysLeft = daysLeft,
                FundedPercent = (int)(project.CountedTotal.MinorUnits * 100 / target.MinorUnits),
                Shortfall = (project.CountedTotal >= target ? Money.Zero : target - project.CountedTotal).ToApi(),
                MissingFunders = Math.Max(0, project.Details.MinFunders - countedFunders),
            });
        }

        return response;
    }

    /// <summary>
    /// Every event after <c>after_position</c>, then each new one as it commits (admin, or a partner with events.read).
    /// Ends when the caller cancels, or with UNAVAILABLE naming the last position sent when the server stops.
    /// </summary>
    public async Task WatchEvents(V1.WatchEventsRequest request, IServerStreamWriter<V1.WatchEventsResponse> responseStream, ServerCallContext context)
    {
        Access.RequireEventsReader(context);
        if (request.AfterPosition < 0)
        {
            throw ApiErrors.InvalidArgument("after_position", "after_position cannot be negative (0 = from the beginning).");
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        var last = request.AfterPosition;
        try
        {
            await foreach (var stored in silo.EventFeed.WatchAsync(request.AfterPosition, stop.Token))
            {
                await responseStream.WriteAsync(new V1.WatchEventsResponse { Event = stored.ToApi() }, stop.Token);
                last = stored.Position;
            }
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
        {
        }

        // The feed ends quietly on cancellation: a caller who left gets nothing more, a stopping server says where to resume.
        context.CancellationToken.ThrowIfCancellationRequested();
        throw ApiErrors.Unavailable($"The server is shutting down; resume with after_position {last}.");
    }

    /// <summary>The events of one organisation, project or pledge, in sequence order (admin; from storage, exact).</summary>
    public async Task<V1.GetAuditTrailResponse> GetAuditTrail(V1.GetAuditTrailRequest request, ServerCallContext context)
    {
        Access.RequireAdmin(context);
        var grain = request.EntityType switch
        {
            MarketplaceCatalog.OrganisationType => new GrainId(request.EntityType, CommonMapping.OdsCode(request.EntityId, "entity_id")),
            MarketplaceCatalog.ProjectType or MarketplaceCatalog.PledgeType => new GrainId(request.EntityType, CommonMapping.EntityId(request.EntityId, "entity_id")),
            _ => throw ApiErrors.InvalidArgument("entity_type", $"entity_type must be organisation, project or pledge; got '{request.EntityType}'."),
        };
        Paging.PageSize(request.PageSize);
        var journal = await silo.Storage.ReadJournalAsync(grain, 0, context.CancellationToken);
        if (journal.Count == 0)
        {
            throw ApiErrors.NotFound("ENTITY_NOT_FOUND", $"There is no {grain.Type} {grain.Key}.");
        }

        var (page, next) = Paging.Page(journal, e => $"{e.Sequence:D19}", $"audit|{grain}", request.PageToken, request.PageSize);
        var response = new V1.GetAuditTrailResponse { NextPageToken = next };
        response.Events.AddRange(page.Select(e => e.ToApi()));
        return response;
    }

    /// <summary>Runs the domain's invariant checker over storage (admin).</summary>
    public async Task<V1.CheckInvariantsResponse> CheckInvariants(V1.CheckInvariantsRequest request, ServerCallContext context)
    {
        Access.RequireAdmin(context);
        var report = await new InvariantChecker(silo.Storage, silo.JsonOptions).CheckAsync(request.ExpectSettled, context.CancellationToken);
        var response = new V1.CheckInvariantsResponse
        {
            OrganisationCount = report.Organisations,
            ProjectCount = report.Projects,
            PledgeCount = report.Pledges,
            EventCount = report.Events,
        };
        response.Violations.AddRange(report.Violations.Select(v => new V1.InvariantViolation { Rule = v.Rule, Entity = v.Entity, Detail = v.Detail }));
        return response;
    }

    private static V1.SummaryTotals Totals(List<ProjectView> projects) => new()
    {
        Pooled = Money.Sum(projects.Select(p => p.Pledged)).ToApi(),
        Committed = Money.Sum(projects.Select(p => p.Committed)).ToApi(),
        ProjectCount = projects.Count,
        FunderCount = projects.SelectMany(p => p.Pledges.Where(pledge => pledge.Status is ProjectPledgeStatus.Active or ProjectPledgeStatus.Committed))
            .Select(pledge => pledge.OrganisationCode).Distinct(StringComparer.Ordinal).Count(),
        AdoptionCount = projects.Sum(p => p.AdoptionCount),
    };
}
