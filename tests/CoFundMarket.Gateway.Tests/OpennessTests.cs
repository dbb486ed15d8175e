using System.Net;
using System.Text.Json;
using CoFundMarket.Api.V1;
using CoFundMarket.Gateway.Tests.Fixtures;
using CoFundMarket.Rpc;
using Google.Protobuf.Reflection;
using static CoFundMarket.Gateway.Tests.Fixtures.Scenarios;

namespace CoFundMarket.Gateway.Tests;

/// <summary>Issue 6 through the API: what a caller without a token may see, prototypes and adaptations, and the open-data export.</summary>
public sealed class OpennessTests(GatewayServer gateway) : IClassFixture<GatewayServer>
{
    private static readonly HashSet<string> s_public =
    [
        "/cofund.v1.ProjectService/GetProject", "/cofund.v1.ProjectService/ListProjects", "/cofund.v1.ProjectService/WatchProject",
        "/cofund.v1.PledgeService/ListPledges", "/cofund.v1.OrganisationService/GetOrganisation", "/cofund.v1.OrganisationService/ListOrganisations",
        "/cofund.v1.MarketplaceService/GetSummary", "/grpc.health.v1.Health/Check", "/grpc.health.v1.Health/Watch",
    ];

    public static TheoryData<string> EveryRpc()
    {
        var data = new TheoryData<string>();
        FileDescriptor[] files = [OrganisationServiceReflection.Descriptor, ProjectServiceReflection.Descriptor, PledgeServiceReflection.Descriptor, MarketplaceServiceReflection.Descriptor];
        foreach (var method in files.SelectMany(f => f.Services).SelectMany(s => s.Methods))
        {
            data.Add($"/{method.Service.FullName}/{method.Name}");
        }

        data.Add("/grpc.health.v1.Health/Check");
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryRpc))]
    public async Task WithoutATokenOnlyThePublicReadsAnswer(string rpc)
    {
        // An empty request: public reads answer it (or refuse its content), everything else refuses the caller first.
        var (status, message) = await RawUnaryAsync(rpc);

        if (s_public.Contains(rpc))
        {
            Assert.NotEqual(StatusCode.Unauthenticated, status);
            Assert.NotEqual(StatusCode.PermissionDenied, status);
        }
        else
        {
            Assert.Equal(StatusCode.Unauthenticated, status);
            Assert.Contains("bearer token", message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task APublicCallerSeesOpenProjectsWithPledgesButNoDraftsOrBudgets()
    {
        var open = await gateway.OpenAsync(Bristol, title: "Public project " + NewId("t"));
        var draft = await gateway.DraftAsync(Bristol, title: "Private draft " + NewId("t"));
        await gateway.BudgetAsync(Bristol, 5_000_000);
        await gateway.Call(Rpcs.CreatePledge, NewPledge(open.Id, Bristol, 12_300), gateway.Lead(Bristol));

        var listed = await gateway.Call(Rpcs.ListProjects, new ListProjectsRequest { PageSize = 500 });
        var pledges = await gateway.Call(Rpcs.ListPledges, new ListPledgesRequest { ProjectId = open.Id });

        Assert.Contains(listed.Projects, p => p.Id == open.Id);
        Assert.DoesNotContain(listed.Projects, p => p.Id == draft.Id || p.Status is ProjectStatus.Draft or ProjectStatus.Submitted);
        Assert.Equal([(Bristol, 12_300L)], pledges.Pledges.Select(p => (p.OrganisationCode, p.Amount.MinorUnits)));
        Assert.Equal(StatusCode.NotFound, (await gateway.Fails(Rpcs.GetProject, new GetProjectRequest { ProjectId = draft.Id })).StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, (await gateway.Fails(Rpcs.GetBudget, new GetBudgetRequest { OrganisationCode = Bristol, FinancialYear = Year })).StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, (await gateway.Fails(Rpcs.GetAuditTrail, new GetAuditTrailRequest { EntityType = "project", EntityId = open.Id })).StatusCode);
    }

    [Fact]
    public async Task APrototypeIsListedWithItsStageAndCode()
    {
        var request = NewProject(Leeds, title: "Hack-day prototype " + NewId("t"));
        request.Stage = ProjectStage.Prototype;
        request.RepositoryUrl = "https://github.com/nhs-hackday/prototype";

        var created = (await gateway.Call(Rpcs.CreateProject, request, gateway.Lead(Leeds))).Project;

        Assert.Equal((ProjectStage.Prototype, "https://github.com/nhs-hackday/prototype"), (created.Stage, created.RepositoryUrl));
        request.RequestId = NewId("create");
        request.RepositoryUrl = "http://insecure.example/code";
        var refused = await gateway.Fails(Rpcs.CreateProject, request, gateway.Lead(Leeds));
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains("repository_url", refused.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAdaptationOfADeliveredProjectShowsItsLineageBothWaysAndAnOpenOneIsRefused()
    {
        var original = await DeliveredAsync();
        var request = NewProject(Manchester, title: "Adapted for vulnerable adults " + NewId("t"));
        request.AdaptedFromProjectId = original.Id;

        var adaptation = (await gateway.Call(Rpcs.CreateProject, request, gateway.Lead(Manchester))).Project;
        var originalNow = (await gateway.Call(Rpcs.GetProject, new GetProjectRequest { ProjectId = original.Id })).Project;

        Assert.Equal(original.Id, adaptation.AdaptedFromProjectId);
        Assert.Equal([adaptation.Id], originalNow.AdaptationProjectIds);
        Assert.Equal(1, originalNow.AdaptationCount);

        var open = await gateway.OpenAsync(Manchester);
        request.RequestId = NewId("create");
        request.AdaptedFromProjectId = open.Id;
        var refused = await gateway.Fails(Rpcs.CreateProject, request, gateway.Lead(Manchester));
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains("delivered", refused.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheOpenDataExportRoundTripsWithThePublicApi()
    {
        var delivered = await DeliveredAsync();
        var adaptation = NewProject(Manchester, title: "Adaptation, with \"quotes\" and commas " + NewId("t"));
        adaptation.AdaptedFromProjectId = delivered.Id;
        await gateway.Call(Rpcs.CreateProject, adaptation, gateway.Lead(Manchester));
        await gateway.DraftAsync(Leeds, title: "A draft nobody may see " + NewId("t"));

        using var http = Http();
        var index = JsonDocument.Parse(await http.GetStringAsync("/open-data/"));
        var projectsCsv = await http.GetAsync("/open-data/projects.csv");
        var projectRows = Csv.Parse(await projectsCsv.Content.ReadAsStringAsync());
        var pledgeRows = Csv.Parse(await http.GetStringAsync("/open-data/pledges.csv"));
        var adoptionRows = Csv.Parse(await http.GetStringAsync("/open-data/adoptions.csv"));
        var json = JsonDocument.Parse(await http.GetStringAsync("/open-data/marketplace.json"));

        Assert.Contains("Open Government Licence v3.0", index.RootElement.GetProperty("attribution").GetString(), StringComparison.Ordinal);
        Assert.Contains("Open Government Licence v3.0", projectsCsv.Headers.GetValues("X-Attribution").Single(), StringComparison.Ordinal);
        Assert.Equal("text/csv", projectsCsv.Content.Headers.ContentType!.MediaType);

        // Every public project the API lists is a row, and every row is a project the API shows without a token.
        var api = (await gateway.Call(Rpcs.ListProjects, new ListProjectsRequest { PageSize = 500 })).Projects.ToDictionary(p => p.Id);
        Assert.Equal(api.Keys.Order(StringComparer.Ordinal), projectRows.Select(r => r["project_id"]));
        foreach (var row in projectRows)
        {
            var project = api[row["project_id"]];
            Assert.Equal(
                (project.Title, project.Status.ToString(), project.Pledged.MinorUnits.ToString(), project.AdaptationCount.ToString(), project.AdaptedFromProjectId, project.RepositoryUrl),
                (row["title"], Pascal(row["status"], "PROJECT_STATUS_"), row["pledged_pence"], row["adaptation_count"], row["adapted_from_project_id"], row["repository_url"]));
        }

        var apiPledges = new List<(string, string, string)>();
        foreach (var id in api.Keys)
        {
            var pledges = await gateway.Call(Rpcs.ListPledges, new ListPledgesRequest { ProjectId = id, PageSize = 500 });
            apiPledges.AddRange(pledges.Pledges.Select(p => (p.ProjectId, p.OrganisationCode, p.Amount.MinorUnits.ToString())));
        }

        Assert.Equal(apiPledges.Order(), pledgeRows.Select(r => (r["project_id"], r["organisation_code"], r["amount_pence"])).Order());
        Assert.Equal(
            api.Values.SelectMany(p => p.Adoptions.Select(a => (p.Id, a.OrganisationCode))).Order(),
            adoptionRows.Select(r => (r["project_id"], r["organisation_code"])).Order());
        Assert.Equal(projectRows.Count, json.RootElement.GetProperty("projects").GetArrayLength());
        Assert.DoesNotContain(projectRows, r => r["status"] is "PROJECT_STATUS_DRAFT" or "PROJECT_STATUS_SUBMITTED");
    }

    private async Task<Project> DeliveredAsync()
    {
        await gateway.BudgetAsync(Gloucestershire, 50_000_000);
        var project = await gateway.OpenAsync(Gloucestershire, targetPence: 100_000);
        await gateway.Call(Rpcs.CreatePledge, NewPledge(project.Id, Gloucestershire, 100_000), gateway.Lead(Gloucestershire));
        await gateway.Call(Rpcs.StartDelivery, new StartDeliveryRequest { ProjectId = project.Id }, gateway.Lead(Gloucestershire));
        await gateway.Call(Rpcs.MarkDelivered, new MarkDeliveredRequest { ProjectId = project.Id, RepositoryUrl = "https://github.com/nhs/finder", Licence = "MIT" }, gateway.Lead(Gloucestershire));
        return (await gateway.Call(Rpcs.RecordAdoption, new RecordAdoptionRequest { ProjectId = project.Id, OrganisationCode = Leeds, AdoptedOn = ToDate(DateOnly.FromDateTime(DateTime.UtcNow)) }, gateway.Lead(Leeds))).Project;
    }

    private HttpClient Http() => new() { BaseAddress = gateway.Address, DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };

    private async Task<(StatusCode Status, string Message)> RawUnaryAsync(string rpc)
    {
        using var http = Http();
        using var request = new HttpRequestMessage(HttpMethod.Post, rpc)
        {
            Content = new ByteArrayContent(new byte[5]),
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Content.Headers.ContentType = new("application/grpc");
        request.Headers.Add("grpc-timeout", "2S");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
        var headers = response.Headers.Concat(response.TrailingHeaders).ToDictionary(h => h.Key, h => h.Value.First(), StringComparer.OrdinalIgnoreCase);
        Assert.True(headers.ContainsKey("grpc-status"), $"{(int)response.StatusCode} {string.Join(", ", headers.Select(h => h.Key + "=" + h.Value))}");
        return ((StatusCode)int.Parse(headers["grpc-status"]), Uri.UnescapeDataString(headers.GetValueOrDefault("grpc-message", "")));
    }

    private static string Pascal(string protoName, string prefix) =>
        string.Concat(protoName[prefix.Length..].Split('_').Select(w => w[0] + w[1..].ToLowerInvariant()));
}
