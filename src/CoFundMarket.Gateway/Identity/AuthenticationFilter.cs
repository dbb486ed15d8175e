using System.Collections.Frozen;
using CoFundMarket.Gateway.Errors;
using CoFundMarket.Identity;
using CoFundMarket.Rpc;

namespace CoFundMarket.Gateway.Identity;

/// <summary>
/// Authenticates every call from its <c>authorization: Bearer &lt;JWT&gt;</c> metadata. The public RPCs of API.md
/// (public reads, health, reflection) accept a call without a token, but a token that is present must be valid;
/// every other RPC without a token is UNAUTHENTICATED. What the caller may do is decided by the handlers, which know
/// the target (see <see cref="Access"/>).
/// </summary>
public sealed class AuthenticationFilter(TokenValidator validator, TimeProvider timeProvider) : IRpcFilter
{
    private const string BearerPrefix = "Bearer ";

    /// <summary>The RPCs anyone may call without a token (each still limits what an anonymous caller sees).</summary>
    public static readonly FrozenSet<string> PublicMethods = FrozenSet.Create(StringComparer.Ordinal,
        "/cofund.v1.ProjectService/GetProject",
        "/cofund.v1.ProjectService/ListProjects",
        "/cofund.v1.ProjectService/WatchProject",
        "/cofund.v1.PledgeService/ListPledges",
        "/cofund.v1.OrganisationService/GetOrganisation",
        "/cofund.v1.OrganisationService/ListOrganisations",
        "/cofund.v1.MarketplaceService/GetSummary",
        "/grpc.health.v1.Health/Check",
        "/grpc.health.v1.Health/Watch",
        "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo",
        "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo");

    /// <inheritdoc />
    public ValueTask InvokeAsync(ServerCallContext context, RpcCallDelegate next)
    {
        var header = context.RequestHeaders.GetValue("authorization");
        if (header is null)
        {
            return PublicMethods.Contains(context.Method.FullName)
                ? next(context)
                : throw ApiErrors.Unauthenticated($"{context.Method.Name} needs a bearer token: send 'authorization: Bearer <JWT>'.");
        }

        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            throw ApiErrors.Unauthenticated("The authorization metadata must be 'Bearer <JWT>'.");
        }

        try
        {
            context.SetCaller(validator.Validate(header.AsSpan(BearerPrefix.Length).Trim(), timeProvider.GetUtcNow()));
        }
        catch (TokenValidationException refused)
        {
            throw ApiErrors.Unauthenticated($"The bearer token was refused: {refused.Message}");
        }

        return next(context);
    }
}
