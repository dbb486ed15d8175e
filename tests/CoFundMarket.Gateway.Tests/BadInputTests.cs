using System.Net;
using System.Net.Http.Headers;
using CoFundMarket.Api.V1;
using CoFundMarket.Gateway.Tests.Fixtures;
using CoFundMarket.Rpc;
using Google.Protobuf;
using static CoFundMarket.Gateway.Tests.Fixtures.Scenarios;

namespace CoFundMarket.Gateway.Tests;

/// <summary>Each bad input gets the status API.md names and a clear message, loses nothing, and the gateway goes on serving.</summary>
public sealed class BadInputTests(GatewayServer gateway) : IClassFixture<GatewayServer>
{
    private async Task StillServes() =>
        Assert.Equal("RTE", (await gateway.Call(Rpcs.GetOrganisation, new GetOrganisationRequest { OrganisationCode = "RTE" })).Organisation.Code);

    private static void AssertBadRequest(RpcException refused, string field)
    {
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.NotEmpty(refused.Status.Detail);
        var violation = Assert.Single(refused.GetDetail<Google.Rpc.BadRequest>()!.FieldViolations);
        Assert.Equal(field, violation.Field);
    }

    [Fact]
    public async Task GarbageInsteadOfAProtobufMessageIsRefusedAndServingGoesOn()
    {
        using var http = new HttpClient(new SocketsHttpHandler()) { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        byte[] garbage = [0, 0, 0, 0, 6, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF];
        using var content = new ByteArrayContent(garbage);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        using var response = await http.PostAsync(new Uri(gateway.Address, "/cofund.v1.ProjectService/GetProject"), content);
        await response.Content.ReadAsByteArrayAsync();

        var status = response.Headers.TryGetValues("grpc-status", out var inHeaders) ? inHeaders.Single() : response.TrailingHeaders.GetValues("grpc-status").Single();

        Assert.Equal(((int)StatusCode.Internal).ToString(System.Globalization.CultureInfo.InvariantCulture), status);
        await StillServes();
    }

    [Fact]
    public async Task AnUnknownEnumValueIsAnInvalidArgument()
    {
        var kind = await gateway.Fails(Rpcs.RegisterOrganisation, new RegisterOrganisationRequest { OrganisationCode = "ZZ7", Name = "X", Kind = (OrganisationKind)99 }, gateway.Admin);
        var status = await gateway.Fails(Rpcs.ListProjects, new ListProjectsRequest { Statuses = { (ProjectStatus)42 } });

        AssertBadRequest(kind, "kind");
        AssertBadRequest(status, "statuses");
        Assert.Contains("42", status.Status.Detail, StringComparison.Ordinal);
        await StillServes();
    }

    [Theory]
    [InlineData(-100L, "GBP", "cannot be negative")]
    [InlineData(0L, "GBP", "at least")]
    [InlineData(1_000_000_000_001L, "GBP", "above the limit")]
    [InlineData(long.MaxValue, "GBP", "above the limit")]
    [InlineData(10_000L, "USD", "GBP")]
    [InlineData(10_000L, "", "GBP")]
    public async Task AWrongAmountIsAnInvalidArgumentAndNothingIsPledged(long pence, string currency, string explanation)
    {
        await gateway.BudgetAsync(Leeds, 5_000_000);
        var project = await gateway.OpenAsync(Gloucestershire, targetPence: 10_000_000);
        var request = NewPledge(project.Id, Leeds, 0);
        request.Amount = Gbp(pence, currency);

        var refused = await gateway.Fails(Rpcs.CreatePledge, request, gateway.Lead(Leeds));

        AssertBadRequest(refused, "amount");
        Assert.Contains(explanation, refused.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(0, (await gateway.Call(Rpcs.GetProject, new GetProjectRequest { ProjectId = project.Id })).Project.Pledged.MinorUnits);
        await StillServes();
    }

    [Fact]
    public async Task AMissingAmountIsAnInvalidArgument()
    {
        var request = NewPledge("p-000000000001", Leeds, 100);
        request.Amount = null;

        AssertBadRequest(await gateway.Fails(Rpcs.CreatePledge, request, gateway.Lead(Leeds)), "amount");
    }

    [Fact]
    public async Task AnOverflowingTargetIsAnInvalidArgument()
    {
        var request = NewProject(Gloucestershire);
        request.Target = Gbp(long.MaxValue);

        AssertBadRequest(await gateway.Fails(Rpcs.CreateProject, request, gateway.Lead(Gloucestershire)), "target");
    }

    [Fact]
    public async Task OverlongStringsAreInvalidArguments()
    {
        var title = NewProject(Gloucestershire);
        title.Title = new string('t', 201);
        var requestId = NewPledge("p-000000000001", Leeds, 100);
        requestId.RequestId = new string('r', 129);
        var category = new ListProjectsRequest { Category = new string('c', 81) };

        AssertBadRequest(await gateway.Fails(Rpcs.CreateProject, title, gateway.Lead(Gloucestershire)), "title");
        AssertBadRequest(await gateway.Fails(Rpcs.CreatePledge, requestId, gateway.Lead(Leeds)), "request_id");
        AssertBadRequest(await gateway.Fails(Rpcs.ListProjects, category), "category");
        await StillServes();
    }

    [Fact]
    public async Task CreatePledgeWithoutARequestIdIsAnInvalidArgument()
    {
        var request = NewPledge("p-000000000001", Leeds, 100);
        request.RequestId = "";

        AssertBadRequest(await gateway.Fails(Rpcs.CreatePledge, request, gateway.Lead(Leeds)), "request_id");
    }

    [Theory]
    [InlineData(1_000_000_000)]
    [InlineData(501)]
    [InlineData(-1)]
    public async Task APageSizeOutOfRangeIsAnInvalidArgument(int pageSize)
    {
        var refused = await gateway.Fails(Rpcs.ListOrganisations, new ListOrganisationsRequest { PageSize = pageSize });

        AssertBadRequest(refused, "page_size");
        Assert.Contains("500", refused.Status.Detail, StringComparison.Ordinal);
        await StillServes();
    }

    [Fact]
    public async Task ATamperedOrForeignPageTokenIsAnInvalidArgument()
    {
        var first = await gateway.Call(Rpcs.ListOrganisations, new ListOrganisationsRequest { PageSize = 10 });
        var token = first.NextPageToken;
        var tampered = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];

        AssertBadRequest(await gateway.Fails(Rpcs.ListOrganisations, new ListOrganisationsRequest { PageSize = 10, PageToken = tampered }), "page_token");
        AssertBadRequest(await gateway.Fails(Rpcs.ListOrganisations, new ListOrganisationsRequest { PageSize = 10, PageToken = token, Kind = OrganisationKind.Region }), "page_token");
        AssertBadRequest(await gateway.Fails(Rpcs.ListOrganisations, new ListOrganisationsRequest { PageToken = "%%%not base64%%%" }), "page_token");
        Assert.Equal(10, (await gateway.Call(Rpcs.ListOrganisations, new ListOrganisationsRequest { PageSize = 10, PageToken = token })).Organisations.Count);
    }

    [Fact]
    public async Task ServerOwnedFieldsSentByAClientAreIgnored()
    {
        // Fields CreateProjectRequest does not define, numbered like Project's status (14, OPEN = 3) and version (21):
        // what a client that copies a Project into a request would send.
        byte[] serverOwned = [14 << 3, 3, 21 << 3 & 0xFF | 0x80, 21 << 3 >> 7, 99];
        var request = CreateProjectRequest.Parser.ParseFrom([.. NewProject(Gloucestershire).ToByteArray(), .. serverOwned]);
        Assert.NotEqual(NewProject(Gloucestershire).CalculateSize(), request.CalculateSize());

        var project = (await gateway.Call(Rpcs.CreateProject, request, gateway.Lead(Gloucestershire))).Project;

        Assert.Equal(ProjectStatus.Draft, project.Status);
        Assert.Equal(1, project.Version);
        Assert.StartsWith("p-", project.Id, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnInvalidDateIsAnInvalidArgument()
    {
        var request = NewProject(Gloucestershire);
        request.FundingDeadline = new Date { Year = 2026, Month = 2, Day = 30 };

        AssertBadRequest(await gateway.Fails(Rpcs.CreateProject, request, gateway.Lead(Gloucestershire)), "funding_deadline");
    }

    [Fact]
    public async Task AMalformedIdIsAnInvalidArgumentNotAnInternalError()
    {
        AssertBadRequest(await gateway.Fails(Rpcs.GetProject, new GetProjectRequest { ProjectId = "" }), "project_id");
        AssertBadRequest(await gateway.Fails(Rpcs.GetProject, new GetProjectRequest { ProjectId = "a/b\n" }), "project_id");
        AssertBadRequest(await gateway.Fails(Rpcs.GetOrganisation, new GetOrganisationRequest { OrganisationCode = "lowercase" }), "organisation_code");
        await StillServes();
    }

    [Fact]
    public async Task APledgeWhoseDeadlinePassesMidwayIsSettledOnceAndItsRetryGetsTheOutcome()
    {
        await gateway.BudgetAsync(Bristol, 50_000_000);
        var project = await gateway.OpenAsync(Gloucestershire, targetPence: 100_000_000);
        var requests = Enumerable.Range(0, 5).Select(_ => NewPledge(project.Id, Bristol, 10_000)).ToList();

        // Every request is retried, whether its first attempt reached the pledge grain or not: the retry is what makes
        // each of them a pledge, so none can pass by never having been made.
        var outcomes = new List<Pledge>();
        foreach (var request in requests)
        {
            var cutShort = await gateway.Fails(Rpcs.CreatePledge, request, gateway.Lead(Bristol), timeout: TimeSpan.FromMilliseconds(1));
            Assert.Equal(StatusCode.DeadlineExceeded, cutShort.StatusCode);
            outcomes.Add(await RetryAsync(request));
        }

        var listed = (await gateway.Call(Rpcs.ListPledges, new ListPledgesRequest { OrganisationCode = Bristol, PageSize = 500 }, gateway.Admin)).Pledges;
        var budget = (await gateway.Call(Rpcs.GetBudget, new GetBudgetRequest { OrganisationCode = Bristol, FinancialYear = Year }, gateway.Admin)).Budget;
        var pledged = (await gateway.Call(Rpcs.GetProject, new GetProjectRequest { ProjectId = project.Id })).Project.Pledged.MinorUnits;
        var active = listed.Where(p => p.Status == PledgeStatus.Active).Sum(p => p.Amount.MinorUnits);

        Assert.All(requests, request => Assert.Single(listed, p => p.Id == request.RequestId));
        Assert.Equal(outcomes.Select(p => (p.Id, p.Status)), requests.Select(r => listed.Single(p => p.Id == r.RequestId)).Select(p => (p.Id, p.Status)));
        Assert.All(outcomes, p => Assert.True(p.Status == PledgeStatus.Active || (p.Status == PledgeStatus.Rejected && p.RejectionReason.Length > 0), $"{p.Id} is {p.Status}."));
        Assert.Contains(outcomes, p => p.Status == PledgeStatus.Active);
        Assert.Equal(active, budget.Reserved.MinorUnits);
        Assert.Equal(active, pledged);
        Assert.Empty((await gateway.InvariantsAsync()).Violations);
        await StillServes();
    }

    [Fact]
    public async Task AnUpdateFromAStaleVersionIsAbortedAndChangesNothing()
    {
        var draft = await gateway.DraftAsync(Gloucestershire);
        var current = (await gateway.Call(Rpcs.UpdateProject, Update(draft, "Shared discharge planner v2", draft.Version), gateway.Lead(Gloucestershire))).Project;

        var refused = await gateway.Fails(Rpcs.UpdateProject, Update(draft, "Overwritten from a stale read", draft.Version), gateway.Lead(Gloucestershire));

        Assert.Equal(StatusCode.Aborted, refused.StatusCode);
        Assert.Equal("VERSION_MISMATCH", refused.GetDetail<Google.Rpc.ErrorInfo>()!.Type);
        Assert.Contains("read it again", refused.Status.Detail, StringComparison.Ordinal);
        var after = (await gateway.Call(Rpcs.GetProject, new GetProjectRequest { ProjectId = draft.Id }, gateway.Lead(Gloucestershire))).Project;
        Assert.Equal(current, after);
        Assert.Equal(("Shared discharge planner v2", draft.Version + 1), (after.Title, after.Version));
    }

    private static UpdateProjectRequest Update(Project project, string title, long expectedVersion) => new()
    {
        RequestId = NewId("update"),
        ProjectId = project.Id,
        Title = title,
        Summary = project.Summary,
        Category = project.Category,
        RegionCodes = { project.RegionCodes },
        Target = project.Target,
        MinFunders = project.MinFunders,
        FundingDeadline = project.FundingDeadline,
        Licence = project.Licence,
        ExpectedVersion = expectedVersion,
    };

    /// <summary>
    /// The same CreatePledge again with a normal deadline: the pledge it made (ACTIVE), or, refused, the pledge as
    /// stored, REJECTED with the reason the refusal gave.
    /// </summary>
    private async Task<Pledge> RetryAsync(CreatePledgeRequest request)
    {
        try
        {
            return (await gateway.Call(Rpcs.CreatePledge, request, gateway.Lead(Bristol))).Pledge;
        }
        catch (RpcException refused) when (refused.StatusCode == StatusCode.FailedPrecondition)
        {
            var stored = (await gateway.Call(Rpcs.GetPledge, new GetPledgeRequest { PledgeId = request.RequestId }, gateway.Admin)).Pledge;
            Assert.Equal(PledgeStatus.Rejected, stored.Status);
            Assert.Equal(refused.GetDetail<Google.Rpc.ErrorInfo>()!.Type, stored.RejectionReason);
            return stored;
        }
    }
}
