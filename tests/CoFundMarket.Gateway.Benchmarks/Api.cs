using CoFundMarket.Api.V1;
using CoFundMarket.Identity;
using CoFundMarket.Rpc;
using CoFundMarket.Rpc.Client;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace CoFundMarket.Gateway.Benchmarks;

/// <summary>The cofund.v1 calls the benchmarks make over the project's own client, with tokens minted from the gateway's key.</summary>
public sealed class Api(RpcChannel channel, TokenIssuer issuer)
{
    public static readonly RpcMethod<GetProjectRequest, GetProjectResponse> GetProject = Method<GetProjectRequest, GetProjectResponse>(ProjectServiceReflection.Descriptor, "GetProject");
    public static readonly RpcMethod<CreateProjectRequest, CreateProjectResponse> CreateProject = Method<CreateProjectRequest, CreateProjectResponse>(ProjectServiceReflection.Descriptor, "CreateProject");
    public static readonly RpcMethod<SubmitProjectRequest, SubmitProjectResponse> SubmitProject = Method<SubmitProjectRequest, SubmitProjectResponse>(ProjectServiceReflection.Descriptor, "SubmitProject");
    public static readonly RpcMethod<ApproveProjectRequest, ApproveProjectResponse> ApproveProject = Method<ApproveProjectRequest, ApproveProjectResponse>(ProjectServiceReflection.Descriptor, "ApproveProject");
    public static readonly RpcMethod<SetBudgetRequest, SetBudgetResponse> SetBudget = Method<SetBudgetRequest, SetBudgetResponse>(OrganisationServiceReflection.Descriptor, "SetBudget");
    public static readonly RpcMethod<CreatePledgeRequest, CreatePledgeResponse> CreatePledge = Method<CreatePledgeRequest, CreatePledgeResponse>(PledgeServiceReflection.Descriptor, "CreatePledge");
    public static readonly RpcMethod<ListOrganisationsRequest, ListOrganisationsResponse> ListOrganisations = Method<ListOrganisationsRequest, ListOrganisationsResponse>(OrganisationServiceReflection.Descriptor, "ListOrganisations");
    public static readonly RpcMethod<CheckInvariantsRequest, CheckInvariantsResponse> CheckInvariants = Method<CheckInvariantsRequest, CheckInvariantsResponse>(MarketplaceServiceReflection.Descriptor, "CheckInvariants");

    public RpcChannel Channel { get; } = channel;

    /// <summary>A token for <paramref name="role"/> (and <paramref name="organisation"/>), valid for the whole run.</summary>
    public string Token(string role, string? organisation = null) =>
        issuer.Mint(new TokenRequest($"bench-{role}-{organisation ?? "none"}", "Gateway benchmark", [role], organisation, [], TimeSpan.FromHours(4)), DateTimeOffset.UtcNow);

    public static CallOptions As(string token, CancellationToken cancellationToken = default) =>
        new CallOptions { Headers = new Metadata { { "authorization", "Bearer " + token } }, CancellationToken = cancellationToken }.WithTimeout(TimeSpan.FromSeconds(30));

    public Task<TResponse> CallAsync<TRequest, TResponse>(RpcMethod<TRequest, TResponse> method, TRequest request, string token)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse> =>
        Channel.UnaryCall(method, request, As(token)).ResponseAsync;

    private static RpcMethod<TRequest, TResponse> Method<TRequest, TResponse>(FileDescriptor file, string name)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse> =>
        RpcMethod<TRequest, TResponse>.Create(file.Services[0], name);
}
