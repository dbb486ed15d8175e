using System.Runtime.CompilerServices;
using CoFundMarket.Domain.Projects;
using CoFundMarket.Gateway.Api;
using CoFundMarket.Rpc;
using V1 = CoFundMarket.Api.V1;

namespace CoFundMarket.Gateway.Projects;

/// <summary>Projects ⇄ messages.</summary>
public static class ProjectMapping
{
    // A view is immutable and the grain hands out the same one until the project changes, so its message is
    // built once: reading a project is the hottest call, and mapping every pledge on every read dominated it.
    // Shared messages are only ever serialized, never changed.
    private static readonly ConditionalWeakTable<ProjectView, V1.Project> s_messages = [];

    private static readonly ConditionalWeakTable<ProjectView, V1.GetProjectResponse> s_responses = [];

    /// <summary>The project as a message (it holds nothing private: budgets are not part of it). Do not modify the result.</summary>
    public static V1.Project ToApi(this ProjectView view) => s_messages.GetValue(view, Map);

    /// <summary>The GetProject answer for a view: built and serialized once per view (see <see cref="FrozenMessages"/>), since
    /// every read of an unchanged project sends the same bytes. Do not modify the result.</summary>
    public static V1.GetProjectResponse ToGetProjectResponse(this ProjectView view) =>
        s_responses.GetValue(view, v => FrozenMessages.Freeze(new V1.GetProjectResponse { Project = v.ToApi() }));

    private static V1.Project Map(ProjectView view)
    {
        var details = view.Details;
        var project = new V1.Project
        {
            Id = view.Id,
            Title = details.Title,
            Summary = details.Summary,
            Problem = details.Problem,
            Category = details.Category,
            LeadOrganisationCode = details.LeadOrganisationCode,
            Target = details.Target.ToApi(),
            Cap = details.Cap.ToApi(),
            MinFunders = details.MinFunders,
            FundingDeadline = details.FundingDeadline.ToApi(),
            Licence = details.Licence,
            RepositoryUrl = view.CodeUrl ?? "",
            Stage = details.Stage.ToApi(),
            AdaptedFromProjectId = details.AdaptedFromProjectId ?? "",
            AdaptationCount = view.AdaptationCount,
            Status = view.Status.ToApi(),
            Pledged = view.Pledged.ToApi(),
            Committed = view.Committed.ToApi(),
            CountedTotal = view.CountedTotal.ToApi(),
            FunderCount = view.FunderCount,
            AdoptionCount = view.AdoptionCount,
            CreatedAt = view.CreatedAt.ToApi(),
            UpdatedAt = view.UpdatedAt.ToApi(),
            Version = view.Version,
        };
        project.RegionCodes.AddRange(details.RegionCodes);
        project.AdaptationProjectIds.AddRange(view.Adaptations);
        if (view.CostPerAdopter is { } costPerAdopter)
        {
            project.CostPerAdopter = costPerAdopter.ToApi();
        }

        foreach (var adoption in view.Adoptions)
        {
            project.Adoptions.Add(new V1.Adoption { OrganisationCode = adoption.OrganisationCode, AdoptedOn = adoption.AdoptedOn.ToApi(), Note = adoption.Note });
        }

        foreach (var pledge in view.Pledges)
        {
            project.Pledges.Add(new V1.ProjectPledge
            {
                PledgeId = pledge.PledgeId,
                OrganisationCode = pledge.OrganisationCode,
                Amount = pledge.Amount.ToApi(),
                MinOtherFunders = pledge.MinOtherFunders,
                Status = pledge.Status.ToApi(),
                Counted = pledge.Counted,
            });
        }

        return project;
    }

    /// <summary>Whether a project in this status is public (OPEN or later).</summary>
    public static bool IsPublic(this ProjectStatus status) => status is not (ProjectStatus.Unspecified or ProjectStatus.Draft or ProjectStatus.Submitted);

    /// <summary>The status as a message enum.</summary>
    public static V1.ProjectStatus ToApi(this ProjectStatus status) => status switch
    {
        ProjectStatus.Draft => V1.ProjectStatus.Draft,
        ProjectStatus.Submitted => V1.ProjectStatus.Submitted,
        ProjectStatus.Open => V1.ProjectStatus.Open,
        ProjectStatus.Funded => V1.ProjectStatus.Funded,
        ProjectStatus.InDelivery => V1.ProjectStatus.InDelivery,
        ProjectStatus.Delivered => V1.ProjectStatus.Delivered,
        ProjectStatus.Expired => V1.ProjectStatus.Expired,
        ProjectStatus.Cancelled => V1.ProjectStatus.Cancelled,
        _ => V1.ProjectStatus.Unspecified,
    };

    /// <summary>A status filter from a request.</summary>
    public static ProjectStatus ToDomain(this V1.ProjectStatus status, string field) => CommonMapping.Defined(status, field) switch
    {
        V1.ProjectStatus.Draft => ProjectStatus.Draft,
        V1.ProjectStatus.Submitted => ProjectStatus.Submitted,
        V1.ProjectStatus.Open => ProjectStatus.Open,
        V1.ProjectStatus.Funded => ProjectStatus.Funded,
        V1.ProjectStatus.InDelivery => ProjectStatus.InDelivery,
        V1.ProjectStatus.Delivered => ProjectStatus.Delivered,
        V1.ProjectStatus.Expired => ProjectStatus.Expired,
        V1.ProjectStatus.Cancelled => ProjectStatus.Cancelled,
        _ => ProjectStatus.Unspecified,
    };

    /// <summary>The stage as a message enum.</summary>
    public static V1.ProjectStage ToApi(this ProjectStage stage) => stage switch
    {
        ProjectStage.Idea => V1.ProjectStage.Idea,
        ProjectStage.Prototype => V1.ProjectStage.Prototype,
        ProjectStage.Beta => V1.ProjectStage.Beta,
        ProjectStage.Live => V1.ProjectStage.Live,
        _ => V1.ProjectStage.Unspecified,
    };

    /// <summary>The stage a request asks for; UNSPECIFIED means IDEA.</summary>
    public static ProjectStage ToDomain(this V1.ProjectStage stage, string field) => CommonMapping.Defined(stage, field) switch
    {
        V1.ProjectStage.Prototype => ProjectStage.Prototype,
        V1.ProjectStage.Beta => ProjectStage.Beta,
        V1.ProjectStage.Live => ProjectStage.Live,
        _ => ProjectStage.Idea,
    };

    /// <summary>A pledge's standing with its project as the pledge status the API shows.</summary>
    public static V1.PledgeStatus ToApi(this ProjectPledgeStatus status) => status switch
    {
        ProjectPledgeStatus.Active => V1.PledgeStatus.Active,
        ProjectPledgeStatus.Committed => V1.PledgeStatus.Committed,
        ProjectPledgeStatus.Released => V1.PledgeStatus.Released,
        ProjectPledgeStatus.Withdrawn => V1.PledgeStatus.Withdrawn,
        _ => V1.PledgeStatus.Unspecified,
    };
}
