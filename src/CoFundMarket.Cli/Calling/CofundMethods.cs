using CoFundMarket.Api.V1;
using CoFundMarket.Rpc;
using Google.Protobuf.Reflection;

namespace CoFundMarket.Cli.Calling;

/// <summary>The cofund.v1 RPCs the command calls, bound once from the compiled service descriptors.</summary>
internal static class CofundMethods
{
    private static readonly ServiceDescriptor s_organisations = OrganisationServiceReflection.Descriptor.FindTypeByName<ServiceDescriptor>("OrganisationService");
    private static readonly ServiceDescriptor s_projects = ProjectServiceReflection.Descriptor.FindTypeByName<ServiceDescriptor>("ProjectService");
    private static readonly ServiceDescriptor s_pledges = PledgeServiceReflection.Descriptor.FindTypeByName<ServiceDescriptor>("PledgeService");
    private static readonly ServiceDescriptor s_marketplace = MarketplaceServiceReflection.Descriptor.FindTypeByName<ServiceDescriptor>("MarketplaceService");

    public static readonly RpcMethod<ListOrganisationsRequest, ListOrganisationsResponse> ListOrganisations = new(s_organisations.FindMethodByName("ListOrganisations"));
    public static readonly RpcMethod<GetOrganisationRequest, GetOrganisationResponse> GetOrganisation = new(s_organisations.FindMethodByName("GetOrganisation"));
    public static readonly RpcMethod<GetBudgetRequest, GetBudgetResponse> GetBudget = new(s_organisations.FindMethodByName("GetBudget"));
    public static readonly RpcMethod<SetBudgetRequest, SetBudgetResponse> SetBudget = new(s_organisations.FindMethodByName("SetBudget"));
    public static readonly RpcMethod<ListProjectsRequest, ListProjectsResponse> ListProjects = new(s_projects.FindMethodByName("ListProjects"));
    public static readonly RpcMethod<GetProjectRequest, GetProjectResponse> GetProject = new(s_projects.FindMethodByName("GetProject"));
    public static readonly RpcMethod<CreatePledgeRequest, CreatePledgeResponse> CreatePledge = new(s_pledges.FindMethodByName("CreatePledge"));
    public static readonly RpcMethod<WithdrawPledgeRequest, WithdrawPledgeResponse> WithdrawPledge = new(s_pledges.FindMethodByName("WithdrawPledge"));
    public static readonly RpcMethod<WatchEventsRequest, WatchEventsResponse> WatchEvents = new(s_marketplace.FindMethodByName("WatchEvents"));
    public static readonly RpcMethod<GetSummaryRequest, GetSummaryResponse> GetSummary = new(s_marketplace.FindMethodByName("GetSummary"));
    public static readonly RpcMethod<CheckInvariantsRequest, CheckInvariantsResponse> CheckInvariants = new(s_marketplace.FindMethodByName("CheckInvariants"));
}
