using CoFundMarket.Api.V1;
using CoFundMarket.Rpc;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace CoFundMarket.Gateway.Tests.Fixtures;

/// <summary>The cofund.v1 RPCs as the client calls them.</summary>
public static class Rpcs
{
    private static readonly ServiceDescriptor s_organisations = OrganisationServiceReflection.Descriptor.Services[0];
    private static readonly ServiceDescriptor s_projects = ProjectServiceReflection.Descriptor.Services[0];
    private static readonly ServiceDescriptor s_pledges = PledgeServiceReflection.Descriptor.Services[0];
    private static readonly ServiceDescriptor s_marketplace = MarketplaceServiceReflection.Descriptor.Services[0];

    public static readonly RpcMethod<RegisterOrganisationRequest, RegisterOrganisationResponse> RegisterOrganisation = Of<RegisterOrganisationRequest, RegisterOrganisationResponse>(s_organisations, "RegisterOrganisation");
    public static readonly RpcMethod<GetOrganisationRequest, GetOrganisationResponse> GetOrganisation = Of<GetOrganisationRequest, GetOrganisationResponse>(s_organisations, "GetOrganisation");
    public static readonly RpcMethod<ListOrganisationsRequest, ListOrganisationsResponse> ListOrganisations = Of<ListOrganisationsRequest, ListOrganisationsResponse>(s_organisations, "ListOrganisations");
    public static readonly RpcMethod<SetBudgetRequest, SetBudgetResponse> SetBudget = Of<SetBudgetRequest, SetBudgetResponse>(s_organisations, "SetBudget");
    public static readonly RpcMethod<GetBudgetRequest, GetBudgetResponse> GetBudget = Of<GetBudgetRequest, GetBudgetResponse>(s_organisations, "GetBudget");

    public static readonly RpcMethod<CreateProjectRequest, CreateProjectResponse> CreateProject = Of<CreateProjectRequest, CreateProjectResponse>(s_projects, "CreateProject");
    public static readonly RpcMethod<UpdateProjectRequest, UpdateProjectResponse> UpdateProject = Of<UpdateProjectRequest, UpdateProjectResponse>(s_projects, "UpdateProject");
    public static readonly RpcMethod<SubmitProjectRequest, SubmitProjectResponse> SubmitProject = Of<SubmitProjectRequest, SubmitProjectResponse>(s_projects, "SubmitProject");
    public static readonly RpcMethod<ApproveProjectRequest, ApproveProjectResponse> ApproveProject = Of<ApproveProjectRequest, ApproveProjectResponse>(s_projects, "ApproveProject");
    public static readonly RpcMethod<CancelProjectRequest, CancelProjectResponse> CancelProject = Of<CancelProjectRequest, CancelProjectResponse>(s_projects, "CancelProject");
    public static readonly RpcMethod<StartDeliveryRequest, StartDeliveryResponse> StartDelivery = Of<StartDeliveryRequest, StartDeliveryResponse>(s_projects, "StartDelivery");
    public static readonly RpcMethod<MarkDeliveredRequest, MarkDeliveredResponse> MarkDelivered = Of<MarkDeliveredRequest, MarkDeliveredResponse>(s_projects, "MarkDelivered");
    public static readonly RpcMethod<RecordAdoptionRequest, RecordAdoptionResponse> RecordAdoption = Of<RecordAdoptionRequest, RecordAdoptionResponse>(s_projects, "RecordAdoption");
    public static readonly RpcMethod<GetProjectRequest, GetProjectResponse> GetProject = Of<GetProjectRequest, GetProjectResponse>(s_projects, "GetProject");
    public static readonly RpcMethod<ListProjectsRequest, ListProjectsResponse> ListProjects = Of<ListProjectsRequest, ListProjectsResponse>(s_projects, "ListProjects");
    public static readonly RpcMethod<WatchProjectRequest, WatchProjectResponse> WatchProject = Of<WatchProjectRequest, WatchProjectResponse>(s_projects, "WatchProject");

    public static readonly RpcMethod<CreatePledgeRequest, CreatePledgeResponse> CreatePledge = Of<CreatePledgeRequest, CreatePledgeResponse>(s_pledges, "CreatePledge");
    public static readonly RpcMethod<GetPledgeRequest, GetPledgeResponse> GetPledge = Of<GetPledgeRequest, GetPledgeResponse>(s_pledges, "GetPledge");
    public static readonly RpcMethod<WithdrawPledgeRequest, WithdrawPledgeResponse> WithdrawPledge = Of<WithdrawPledgeRequest, WithdrawPledgeResponse>(s_pledges, "WithdrawPledge");
    public static readonly RpcMethod<ListPledgesRequest, ListPledgesResponse> ListPledges = Of<ListPledgesRequest, ListPledgesResponse>(s_pledges, "ListPledges");

    public static readonly RpcMethod<GetSummaryRequest, GetSummaryResponse> GetSummary = Of<GetSummaryRequest, GetSummaryResponse>(s_marketplace, "GetSummary");
    public static readonly RpcMethod<ListAtRiskProjectsRequest, ListAtRiskProjectsResponse> ListAtRiskProjects = Of<ListAtRiskProjectsRequest, ListAtRiskProjectsResponse>(s_marketplace, "ListAtRiskProjects");
    public static readonly RpcMethod<WatchEventsRequest, WatchEventsResponse> WatchEvents = Of<WatchEventsRequest, WatchEventsResponse>(s_marketplace, "WatchEvents");
    public static readonly RpcMethod<GetAuditTrailRequest, GetAuditTrailResponse> GetAuditTrail = Of<GetAuditTrailRequest, GetAuditTrailResponse>(s_marketplace, "GetAuditTrail");
    public static readonly RpcMethod<CheckInvariantsRequest, CheckInvariantsResponse> CheckInvariants = Of<CheckInvariantsRequest, CheckInvariantsResponse>(s_marketplace, "CheckInvariants");

    private static RpcMethod<TRequest, TResponse> Of<TRequest, TResponse>(ServiceDescriptor service, string name)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse> => RpcMethod<TRequest, TResponse>.Create(service, name);
}
