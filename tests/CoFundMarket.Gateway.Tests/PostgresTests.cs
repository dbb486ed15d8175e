using System.Security.Cryptography;
using CoFundMarket.Api.V1;
using CoFundMarket.Gateway.Tests.Fixtures;
using CoFundMarket.Rpc;
using CoFundMarket.Rpc.Client;
using CoFundMarket.Rpc.Health.V1;
using CoFundMarket.Runtime.Testing;
using static CoFundMarket.Gateway.Tests.Fixtures.Scenarios;
using ServingStatus = CoFundMarket.Rpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace CoFundMarket.Gateway.Tests;

/// <summary>The gateway on a throwaway PostgreSQL, with a configured HS256 key instead of the embedded one.</summary>
public sealed class PostgresGatewayServer : GatewayServer
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private TemporaryPostgresServer? _postgres;

    public TemporaryPostgresServer Postgres => _postgres!;
    private string _connectionString = "";

    protected override byte[] SigningKey => _key;

    protected override IEnumerable<(string Key, string Value)> Settings() =>
    [
        ("Storage:Provider", "Postgres"),
        ("Storage:ConnectionString", _connectionString),
        ("Auth:SigningKey", Convert.ToBase64String(_key)),
        ("Health:ProbeInterval", "00:00:00.200"),
    ];

    public override async Task InitializeAsync()
    {
        _postgres = await TemporaryPostgresServer.CreateAsync();
        _connectionString = await _postgres.CreateDatabaseAsync("cofund");
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }
}

public sealed class PostgresTests(PostgresGatewayServer gateway) : IClassFixture<PostgresGatewayServer>
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(30);

    private static readonly RpcMethod<HealthCheckRequest, HealthCheckResponse> s_healthCheck =
        RpcMethod<HealthCheckRequest, HealthCheckResponse>.Create(HealthReflection.Descriptor.Services[0], "Check");

    [Fact]
    public async Task HealthSaysNotServingWhileTheDatabaseIsDownAndServingOnceItIsBack()
    {
        using var http = new HttpClient(new SocketsHttpHandler())
        {
            DefaultRequestVersion = System.Net.HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        var health = new Uri(gateway.Address, "/health");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync(health)).StatusCode);
        Assert.Equal(ServingStatus.Serving, await GrpcHealthAsync(""));

        await gateway.Postgres.StopAsync();
        try
        {
            using var down = await http.GetAsync(health);
            Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, down.StatusCode);
            Assert.Contains("not_serving", await down.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            // gRPC clients learn of it from the health service (the monitor probes every 200 ms here), and a call that
            // needs storage is UNAVAILABLE, safe to retry.
            await Eventually.TrueAsync(async () => await GrpcHealthAsync("") == ServingStatus.NotServing, "gRPC health says NOT_SERVING", s_wait);
            Assert.Equal(ServingStatus.NotServing, await GrpcHealthAsync("cofund.v1.PledgeService"));
            Assert.Equal(ServingStatus.Serving, await GrpcHealthAsync("grpc.health.v1.Health"));
            var refused = await gateway.Fails(Rpcs.SetBudget, new SetBudgetRequest { OrganisationCode = Bristol, FinancialYear = Year, Ceiling = Gbp(500_000) }, gateway.Finance(Bristol));
            Assert.Equal(StatusCode.Unavailable, refused.StatusCode);
            Assert.StartsWith("Storage is unavailable; retry shortly.", refused.Status.Detail, StringComparison.Ordinal);
        }
        finally
        {
            await gateway.Postgres.StartAsync();
        }

        await Eventually.TrueAsync(async () => (await http.GetAsync(health)).StatusCode == System.Net.HttpStatusCode.OK, "/health is back", s_wait);
        await Eventually.TrueAsync(async () => await GrpcHealthAsync("") == ServingStatus.Serving, "gRPC health is back", s_wait);
        Assert.Equal(ServingStatus.Serving, await GrpcHealthAsync("cofund.v1.PledgeService"));
    }

    private async Task<ServingStatus> GrpcHealthAsync(string service) =>
        (await gateway.Channel.UnaryCall(s_healthCheck, new HealthCheckRequest { Service = service }, default(CallOptions).WithTimeout(TimeSpan.FromSeconds(10)))).Status;

    [Fact]
    public async Task TheFullFlowWorksOnPostgres()
    {
        await gateway.BudgetAsync(Gloucestershire, 1_000_000);
        await gateway.BudgetAsync(Bristol, 1_000_000);
        var project = await gateway.OpenAsync(Leeds, targetPence: 400_000, minFunders: 2);
        await gateway.PledgeAsync(project.Id, Gloucestershire, 200_000);
        var funding = await gateway.PledgeAsync(project.Id, Bristol, 200_000);
        await gateway.Call(Rpcs.StartDelivery, new StartDeliveryRequest { ProjectId = project.Id }, gateway.Lead(Leeds));
        await gateway.Call(Rpcs.MarkDelivered, new MarkDeliveredRequest { ProjectId = project.Id, RepositoryUrl = "https://github.com/example-nhs/pg" }, gateway.Lead(Leeds));
        await gateway.Call(Rpcs.RecordAdoption, new RecordAdoptionRequest { ProjectId = project.Id, OrganisationCode = Manchester }, gateway.Lead(Manchester));

        var listed = await gateway.Call(Rpcs.ListProjects, new ListProjectsRequest { Statuses = { ProjectStatus.Delivered } });
        var pledges = await gateway.Call(Rpcs.ListPledges, new ListPledgesRequest { ProjectId = project.Id });
        var summary = await gateway.Call(Rpcs.GetSummary, new GetSummaryRequest());
        var trail = await gateway.Call(Rpcs.GetAuditTrail, new GetAuditTrailRequest { EntityType = "pledge", EntityId = funding.Id }, gateway.Admin);

        Assert.Equal(PledgeStatus.Committed, funding.Status);
        Assert.Contains(listed.Projects, p => p.Id == project.Id && p.AdoptionCount == 1);
        Assert.All(pledges.Pledges, p => Assert.Equal(PledgeStatus.Committed, p.Status));
        Assert.Equal(400_000, summary.Totals.Committed.MinorUnits);
        Assert.Equal(["PledgeRequested", "PledgeActivated", "PledgeCommitted"], trail.Events.Select(e => e.Type));
        Assert.Empty((await gateway.InvariantsAsync()).Violations);
        Assert.False(File.Exists(Path.Combine(gateway.DataDirectory, "signing-key")));
    }

    [Fact]
    public async Task APageTokenFromOneGatewayPagesOnAnotherOverTheSameDatabase()
    {
        var (other, otherChannel) = await gateway.StartAnotherGatewayAsync();
        try
        {
            var first = await gateway.Call(Rpcs.ListOrganisations, new ListOrganisationsRequest { PageSize = 10 });
            var second = await otherChannel.UnaryCall(Rpcs.ListOrganisations, new ListOrganisationsRequest { PageSize = 10, PageToken = first.NextPageToken }, GatewayServer.Options(null).WithTimeout(TimeSpan.FromSeconds(30))).ResponseAsync;
            var both = await gateway.Call(Rpcs.ListOrganisations, new ListOrganisationsRequest { PageSize = 20 });

            Assert.Equal(both.Organisations.Select(o => o.Code), first.Organisations.Concat(second.Organisations).Select(o => o.Code));
        }
        finally
        {
            otherChannel.Dispose();
            await other.StopAsync();
            await other.DisposeAsync();
        }
    }
}
