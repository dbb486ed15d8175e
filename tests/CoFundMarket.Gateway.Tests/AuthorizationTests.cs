using System.Security.Cryptography;
using CoFundMarket.Api.V1;
using CoFundMarket.Gateway.Tests.Fixtures;
using CoFundMarket.Gateway.Tests.Identity;
using CoFundMarket.Identity;
using CoFundMarket.Rpc;
using static CoFundMarket.Gateway.Tests.Fixtures.Scenarios;

namespace CoFundMarket.Gateway.Tests;

public sealed class AuthorizationTests(GatewayServer gateway) : IClassFixture<GatewayServer>
{
    private static Dictionary<string, object> Claims(string aud = "cofund", long? exp = null) => new Dictionary<string, object>
    {
        ["sub"] = "mallory",
        ["aud"] = aud,
        ["role"] = "admin",
        ["exp"] = exp ?? DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds(),
    };

    public static TheoryData<string> BadTokens() => new()
    {
        "not-a-jwt",
        UnsignedJwt.None(Claims()),
        UnsignedJwt.Hs256(Claims(), RandomNumberGenerator.GetBytes(32)),
        UnsignedJwt.Hs256(Claims(exp: DateTimeOffset.UtcNow.AddHours(-2).ToUnixTimeSeconds()), RandomNumberGenerator.GetBytes(32)),
    };

    [Fact]
    public async Task AMutationWithoutATokenIsUnauthenticated()
    {
        var refused = await gateway.Fails(Rpcs.CreateProject, NewProject(Gloucestershire));

        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        Assert.Contains("bearer token", refused.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task AnInvalidTokenIsUnauthenticatedEvenOnAPublicRead(string token)
    {
        var refused = await gateway.Fails(Rpcs.ListOrganisations, new ListOrganisationsRequest(), token);

        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        Assert.StartsWith("The bearer token was refused:", refused.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(gateway.Logs.Entries, entry => entry.Message.Contains(token, StringComparison.Ordinal) || $"{entry.Exception}".Contains(token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnExpiredTokenSaysItExpired()
    {
        var expiredLongAgo = UnsignedJwt.Hs256(Claims(exp: DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeSeconds()), GatewayKeys.KeyOf(gateway));

        var refused = await gateway.Fails(Rpcs.CheckInvariants, new CheckInvariantsRequest(), expiredLongAgo);

        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        Assert.Contains("expired", refused.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATokenForAnotherAudienceIsUnauthenticated()
    {
        var refused = await gateway.Fails(Rpcs.CheckInvariants, new CheckInvariantsRequest(), UnsignedJwt.Hs256(Claims(aud: "billing"), GatewayKeys.KeyOf(gateway)));

        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        Assert.Contains("aud", refused.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnsignedAdminTokenIsRefused()
    {
        var refused = await gateway.Fails(Rpcs.CheckInvariants, new CheckInvariantsRequest(), UnsignedJwt.None(Claims()));

        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        Assert.Contains("alg none", refused.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublicReadsNeedNoToken()
    {
        var project = await gateway.OpenAsync(Gloucestershire);

        Assert.Equal(project.Id, (await gateway.Call(Rpcs.GetProject, new GetProjectRequest { ProjectId = project.Id })).Project.Id);
        Assert.Contains((await gateway.Call(Rpcs.ListProjects, new ListProjectsRequest { PageSize = 500 })).Projects, p => p.Id == project.Id);
        Assert.NotNull((await gateway.Call(Rpcs.GetSummary, new GetSummaryRequest())).Totals);
        Assert.Equal("RTE", (await gateway.Call(Rpcs.GetOrganisation, new GetOrganisationRequest { OrganisationCode = "RTE" })).Organisation.Code);
        Assert.Empty((await gateway.Call(Rpcs.ListPledges, new ListPledgesRequest { ProjectId = project.Id })).Pledges);
    }

    [Fact]
    public async Task DraftsAreHiddenFromThePublicAndOtherOrganisations()
    {
        var draft = await gateway.DraftAsync(Gloucestershire);

        var anonymous = await gateway.Fails(Rpcs.GetProject, new GetProjectRequest { ProjectId = draft.Id });
        var otherOrganisation = await gateway.Fails(Rpcs.GetProject, new GetProjectRequest { ProjectId = draft.Id }, gateway.Lead(Bristol));
        var missing = await gateway.Fails(Rpcs.GetProject, new GetProjectRequest { ProjectId = "p-000000000000" });
        var publicList = await gateway.Call(Rpcs.ListProjects, new ListProjectsRequest { PageSize = 500 });
        var ownList = await gateway.Call(Rpcs.ListProjects, new ListProjectsRequest { PageSize = 500 }, gateway.Lead(Gloucestershire));
        var adminList = await gateway.Call(Rpcs.ListProjects, new ListProjectsRequest { PageSize = 500, Statuses = { ProjectStatus.Draft } }, gateway.Admin);

        Assert.Equal(StatusCode.NotFound, anonymous.StatusCode);
        Assert.Equal(StatusCode.NotFound, otherOrganisation.StatusCode);
        Assert.Equal(missing.Status.Detail.Replace("p-000000000000", draft.Id, StringComparison.Ordinal), anonymous.Status.Detail);
        Assert.All(publicList.Projects, p => Assert.True(p.Status >= ProjectStatus.Open));
        Assert.DoesNotContain(publicList.Projects, p => p.Id == draft.Id);
        Assert.Contains(ownList.Projects, p => p.Id == draft.Id);
        Assert.Contains(adminList.Projects, p => p.Id == draft.Id);
        Assert.Equal(draft.Id, (await gateway.Call(Rpcs.GetProject, new GetProjectRequest { ProjectId = draft.Id }, gateway.Finance(Gloucestershire))).Project.Id);
    }

    [Fact]
    public async Task ActingOnAnotherOrganisationsProjectIsDeniedJustLikeAMissingOne()
    {
        var draft = await gateway.DraftAsync(Gloucestershire);

        var others = await gateway.Fails(Rpcs.SubmitProject, new SubmitProjectRequest { ProjectId = draft.Id }, gateway.Lead(Bristol));
        var missing = await gateway.Fails(Rpcs.SubmitProject, new SubmitProjectRequest { ProjectId = "p-ffffffffffff" }, gateway.Lead(Bristol));

        Assert.Equal(StatusCode.PermissionDenied, others.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, missing.StatusCode);
        Assert.Equal(missing.Status.Detail.Replace("p-ffffffffffff", draft.Id, StringComparison.Ordinal), others.Status.Detail);
        Assert.Contains(gateway.Logs.Entries, entry => entry.Message.Contains("SubmitProject failed with PermissionDenied", StringComparison.Ordinal) && entry.Message.Contains("lead-RA7", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ActingForAnotherOrganisationIsDenied()
    {
        var project = await gateway.OpenAsync(Gloucestershire);

        var pledge = await gateway.Fails(Rpcs.CreatePledge, NewPledge(project.Id, Bristol, 10_000), gateway.Lead(Gloucestershire));
        var create = await gateway.Fails(Rpcs.CreateProject, NewProject(Bristol), gateway.Lead(Gloucestershire));
        var budget = await gateway.Fails(Rpcs.SetBudget, new SetBudgetRequest { OrganisationCode = Bristol, FinancialYear = Year, Ceiling = Gbp(1) }, gateway.Finance(Gloucestershire));
        var readBudget = await gateway.Fails(Rpcs.GetBudget, new GetBudgetRequest { OrganisationCode = Bristol, FinancialYear = Year }, gateway.Lead(Gloucestershire));
        var leadSetsBudget = await gateway.Fails(Rpcs.SetBudget, new SetBudgetRequest { OrganisationCode = Gloucestershire, FinancialYear = Year, Ceiling = Gbp(1) }, gateway.Lead(Gloucestershire));
        var listOthers = await gateway.Fails(Rpcs.ListPledges, new ListPledgesRequest { OrganisationCode = Bristol }, gateway.Lead(Gloucestershire));

        Assert.All([pledge, create, budget, readBudget, leadSetsBudget, listOthers], e => Assert.Equal(StatusCode.PermissionDenied, e.StatusCode));
    }

    [Fact]
    public async Task AnotherOrganisationsPledgeIsDeniedJustLikeAMissingOne()
    {
        await gateway.BudgetAsync(Leeds, 1_000_000);
        var project = await gateway.OpenAsync(Gloucestershire, targetPence: 10_000_000);
        var pledge = await gateway.PledgeAsync(project.Id, Leeds, 10_000);

        var others = await gateway.Fails(Rpcs.WithdrawPledge, new WithdrawPledgeRequest { PledgeId = pledge.Id }, gateway.Lead(Bristol));
        var missing = await gateway.Fails(Rpcs.WithdrawPledge, new WithdrawPledgeRequest { PledgeId = "no-such-pledge" }, gateway.Lead(Bristol));
        var read = await gateway.Fails(Rpcs.GetPledge, new GetPledgeRequest { PledgeId = pledge.Id }, gateway.Lead(Bristol));

        Assert.Equal(StatusCode.PermissionDenied, others.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, missing.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, read.StatusCode);
        Assert.Equal(missing.Status.Detail.Replace("no-such-pledge", pledge.Id, StringComparison.Ordinal), others.Status.Detail);
        Assert.Equal(StatusCode.NotFound, (await gateway.Fails(Rpcs.GetPledge, new GetPledgeRequest { PledgeId = "no-such-pledge" }, gateway.Admin)).StatusCode);
    }

    [Fact]
    public async Task AdminOnlyCallsAreDeniedToOrganisationRoles()
    {
        var lead = gateway.Lead(Gloucestershire);
        var draft = await gateway.DraftAsync(Gloucestershire);

        RpcException[] refusals =
        [
            await gateway.Fails(Rpcs.RegisterOrganisation, new RegisterOrganisationRequest { OrganisationCode = "ZZ8", Name = "X", Kind = OrganisationKind.OtherPublicBody }, lead),
            await gateway.Fails(Rpcs.ApproveProject, new ApproveProjectRequest { ProjectId = draft.Id }, lead),
            await gateway.Fails(Rpcs.CancelProject, new CancelProjectRequest { ProjectId = draft.Id }, lead),
            await gateway.Fails(Rpcs.CheckInvariants, new CheckInvariantsRequest(), lead),
            await gateway.Fails(Rpcs.GetAuditTrail, new GetAuditTrailRequest { EntityType = "project", EntityId = draft.Id }, lead),
            await gateway.Fails(Rpcs.ListAtRiskProjects, new ListAtRiskProjectsRequest(), lead),
        ];

        Assert.All(refusals, e => Assert.Equal(StatusCode.PermissionDenied, e.StatusCode));
        Assert.Contains("admin", refusals[0].Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APartnerPledgesOnlyWithTheScopeAndForItsOwnOrganisation()
    {
        await gateway.BudgetAsync(Manchester, 1_000_000);
        var project = await gateway.OpenAsync(Gloucestershire, targetPence: 10_000_000);
        var withScope = gateway.Token("finance-system", [CofundRoles.Partner], Manchester, [CofundScopes.PledgesWrite]);
        var withoutScope = gateway.Token("catalogue", [CofundRoles.Partner], Manchester, [CofundScopes.EventsRead]);

        var made = (await gateway.Call(Rpcs.CreatePledge, NewPledge(project.Id, Manchester, 10_000), withScope)).Pledge;
        var noScope = await gateway.Fails(Rpcs.CreatePledge, NewPledge(project.Id, Manchester, 10_000), withoutScope);
        var otherOrganisation = await gateway.Fails(Rpcs.CreatePledge, NewPledge(project.Id, Leeds, 10_000), withScope);
        var withdrawn = (await gateway.Call(Rpcs.WithdrawPledge, new WithdrawPledgeRequest { PledgeId = made.Id }, withScope)).Pledge;

        Assert.Equal(PledgeStatus.Active, made.Status);
        Assert.Equal(StatusCode.PermissionDenied, noScope.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, otherOrganisation.StatusCode);
        Assert.Equal(PledgeStatus.Withdrawn, withdrawn.Status);
        var trail = (await gateway.Call(Rpcs.GetAuditTrail, new GetAuditTrailRequest { EntityType = "pledge", EntityId = made.Id }, gateway.Admin)).Events;
        Assert.Equal("partner", trail[0].ActorRole);
        Assert.Equal("finance-system", trail[0].ActorId);
    }

    [Fact]
    public async Task TheEventFeedNeedsAdminOrThePartnerScope()
    {
        var lead = await Assert.ThrowsAsync<RpcException>(() => FirstEventAsync(gateway.Lead(Gloucestershire)));
        var partnerWithoutScope = await Assert.ThrowsAsync<RpcException>(() => FirstEventAsync(gateway.Token("p", [CofundRoles.Partner], null, [CofundScopes.PledgesWrite])));
        var anonymous = await Assert.ThrowsAsync<RpcException>(() => FirstEventAsync(null));

        Assert.Equal(StatusCode.PermissionDenied, lead.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, partnerWithoutScope.StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, anonymous.StatusCode);
        Assert.Equal(1, (await FirstEventAsync(gateway.Token("feed", [CofundRoles.Partner], null, [CofundScopes.EventsRead]))).Position);
    }

    private async Task<Event> FirstEventAsync(string? token)
    {
        using var call = gateway.Channel.ServerStreamingCall(Rpcs.WatchEvents, new WatchEventsRequest(), GatewayServer.Options(token).WithTimeout(TimeSpan.FromSeconds(10)));
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        return call.ResponseStream.Current.Event;
    }
}

/// <summary>The embedded key of a running gateway, for hand-made tokens it should accept apart from the case under test.</summary>
internal static class GatewayKeys
{
    public static byte[] KeyOf(GatewayServer gateway) => EmbeddedSigningKey.Load(gateway.DataDirectory).KeyBytes;
}
