using System.Text.Json;
using CoFundMarket.EndToEnd.Tests.Fixtures;
using CoFundMarket.Rpc.Tests.Fixtures;
using Google.Rpc;

namespace CoFundMarket.EndToEnd.Tests.Interop;

/// <summary>
/// buf curl (npm @bufbuild/buf, connect-go inside) against the real gateway: native gRPC with the schema from server
/// reflection, gRPC-Web over the HTTP/1.1 port with the protos as schema, a bearer token, and a refusal's status and details.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class BufCurlTests(GatewayFixture fixture)
{
    [Fact]
    public async Task ReflectionListsTheCofundServices()
    {
        var result = await BufAsync("curl", "--protocol", "grpc", "--http2-prior-knowledge", "--list-services", fixture.Gateway.Grpc.ToString());

        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var service in new[] { "cofund.v1.OrganisationService", "cofund.v1.ProjectService", "cofund.v1.PledgeService", "cofund.v1.MarketplaceService", "grpc.health.v1.Health" })
        {
            Assert.Contains(service, result.Output);
        }
    }

    [Fact]
    public async Task ANativeGrpcCallNeedsNoSchemaThanksToReflection()
    {
        var result = await BufAsync("curl", "--protocol", "grpc", "--http2-prior-knowledge", "-d", """{"projectId": "demo-dosing-reference"}""", Url(fixture.Gateway.Grpc, "cofund.v1.ProjectService/GetProject"));

        var project = Json(result).GetProperty("project");
        Assert.Equal("demo-dosing-reference", project.GetProperty("id").GetString());
        Assert.Equal("PROJECT_STATUS_OPEN", project.GetProperty("status").GetString());
    }

    [Fact]
    public async Task AGrpcWebCallOverHttp1UsesTheProtosAsSchema()
    {
        var result = await BufAsync("curl", "--protocol", "grpcweb", "--schema", InteropPaths.Protos, "-d", """{"organisationCode": "RTE"}""", Url(fixture.Gateway.Web, "cofund.v1.OrganisationService/GetOrganisation"));

        var organisation = Json(result).GetProperty("organisation");
        Assert.Equal("RTE", organisation.GetProperty("code").GetString());
        Assert.Equal("ORGANISATION_KIND_NHS_TRUST", organisation.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task ABearerTokenInAHeaderAuthorisesABudgetRead()
    {
        var result = await BufAsync(
            "curl", "--protocol", "grpc", "--http2-prior-knowledge", "-H", "Authorization: Bearer " + fixture.Token("org_finance", "RTE"),
            "-d", """{"organisationCode": "RTE", "financialYear": "2030/31"}""", Url(fixture.Gateway.Grpc, "cofund.v1.OrganisationService/GetBudget"));

        var budget = Json(result).GetProperty("budget");
        Assert.Equal("RTE", budget.GetProperty("organisationCode").GetString());
        Assert.Equal("GBP", budget.GetProperty("ceiling").GetProperty("currencyCode").GetString());
    }

    [Fact]
    public async Task ARefusedPledgeShowsItsStatusAndErrorInfo()
    {
        var result = await BufAsync(
            expectSuccess: false, "curl", "--protocol", "grpc", "--http2-prior-knowledge", "-H", "Authorization: Bearer " + fixture.Token("org_lead", "RTE"),
            "-d", """{"requestId": "buf-refused", "projectId": "demo-support-finder", "organisationCode": "RTE", "amount": {"currencyCode": "GBP", "minorUnits": "10000"}}""",
            Url(fixture.Gateway.Grpc, "cofund.v1.PledgeService/CreatePledge"));

        Assert.NotEqual(0, result.ExitCode);
        var error = JsonDocument.Parse(result.Error).RootElement;
        Assert.Equal("failed_precondition", error.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        var detail = Assert.Single(error.GetProperty("details").EnumerateArray(), d => d.GetProperty("type").GetString() == "google.rpc.ErrorInfo");
        // buf prints each detail's bytes; decoding them here checks the reason the gateway put on the wire.
        var info = ErrorInfo.Parser.ParseFrom(Convert.FromBase64String(Padded(detail.GetProperty("value").GetString()!)));
        Assert.Equal("PROJECT_NOT_OPEN", info.Type);
    }

    [Fact]
    public async Task AnInvalidPledgeOverGrpcWebShowsItsFieldViolations()
    {
        var result = await BufAsync(
            expectSuccess: false, "curl", "--protocol", "grpcweb", "--schema", InteropPaths.Protos, "-H", "Authorization: Bearer " + fixture.Token("org_lead", "RCF"),
            "-d", """{"requestId": "buf-invalid", "projectId": "demo-dosing-reference", "organisationCode": "RCF", "amount": {"currencyCode": "GBP", "minorUnits": "5"}}""",
            Url(fixture.Gateway.Web, "cofund.v1.PledgeService/CreatePledge"));

        var error = JsonDocument.Parse(result.Error).RootElement;
        Assert.Equal("invalid_argument", error.GetProperty("code").GetString());
        var detail = Assert.Single(error.GetProperty("details").EnumerateArray(), d => d.GetProperty("type").GetString() == "google.rpc.BadRequest");
        var badRequest = BadRequest.Parser.ParseFrom(Convert.FromBase64String(Padded(detail.GetProperty("value").GetString()!)));
        Assert.Contains(badRequest.FieldViolations, v => v.Field.StartsWith("amount", StringComparison.Ordinal));
    }

    private static string Url(Uri server, string path) => new Uri(server, path).ToString();

    /// <summary>buf may print base64 without padding.</summary>
    private static string Padded(string base64) => base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');

    private static JsonElement Json(ChildProcess.Result result) => JsonDocument.Parse(result.Output).RootElement;

    private static Task<ChildProcess.Result> BufAsync(params string[] arguments) => BufCli.RunAsync(true, arguments);

    private static Task<ChildProcess.Result> BufAsync(bool expectSuccess, params string[] arguments) => BufCli.RunAsync(expectSuccess, arguments);
}
