using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CoFundMarket.Rpc;

namespace CoFundMarket.Web.Tests.Gateway;

public sealed class DemoSignInTests(WebGateway gateway) : IClassFixture<WebGateway>, IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = gateway.WebAddress };

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task TheEmbeddedDefaultOffersTheDemoDoor()
    {
        var door = await _http.GetFromJsonAsync<JsonElement>("/demo");

        Assert.Equal(["admin", "org_lead", "org_finance"], door.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task ALeadTokenActsForItsTrustOnly()
    {
        var token = await MintAsync("org_lead", Scenarios.Gloucestershire);
        Assert.Equal("RTE", token.GetProperty("organisationCode").GetString());
        Assert.Contains("Gloucestershire Hospitals", token.GetProperty("name").GetString(), StringComparison.Ordinal);
        Assert.True(token.GetProperty("expiresAt").GetDateTimeOffset() <= DateTimeOffset.UtcNow.AddHours(1).AddMinutes(1));

        var own = await CallAsync(Rpcs.GetBudget, new GetBudgetRequest { OrganisationCode = Scenarios.Gloucestershire, FinancialYear = Scenarios.Year }, token);
        var other = await Assert.ThrowsAsync<RpcException>(() => CallAsync(Rpcs.GetBudget, new GetBudgetRequest { OrganisationCode = Scenarios.Bristol, FinancialYear = Scenarios.Year }, token));

        Assert.Equal(Scenarios.Gloucestershire, own.Budget.OrganisationCode);
        Assert.Equal(StatusCode.PermissionDenied, other.StatusCode);
    }

    [Fact]
    public async Task AnAdministratorTokenOpensTheAdministratorsRpcs()
    {
        var token = await MintAsync("admin", null);

        var invariants = await CallAsync(Rpcs.CheckInvariants, new CheckInvariantsRequest(), token);

        Assert.Empty(invariants.Violations);
        Assert.Equal(JsonValueKind.Null, token.GetProperty("organisationCode").ValueKind);
    }

    [Theory]
    [InlineData("partner", "RTE", "role")]
    [InlineData("", "RTE", "role")]
    [InlineData("org_lead", "Y58", "organisationCode")]
    [InlineData("org_finance", "QR1", "organisationCode")]
    [InlineData("org_lead", "ZZZ99", "organisationCode")]
    [InlineData("org_lead", null, "organisationCode")]
    public async Task TheDoorHandsOutPeopleAtRealTrustsOnly(string role, string? organisation, string field)
    {
        using var response = await _http.PostAsJsonAsync("/demo/token", new { role, organisationCode = organisation });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    private async Task<JsonElement> MintAsync(string role, string? organisation)
    {
        using var response = await _http.PostAsJsonAsync("/demo/token", new { role, organisationCode = organisation });
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private Task<TResponse> CallAsync<TRequest, TResponse>(RpcMethod<TRequest, TResponse> method, TRequest request, JsonElement token)
        where TRequest : class, Google.Protobuf.IMessage<TRequest>
        where TResponse : class, Google.Protobuf.IMessage<TResponse> =>
        gateway.Channel.UnaryCall(method, request, GatewayServer.Options(token.GetProperty("token").GetString()).WithTimeout(TimeSpan.FromSeconds(30))).ResponseAsync;
}

public sealed class DemoSignInClosedTests(ConfiguredIdentityGateway gateway) : IClassFixture<ConfiguredIdentityGateway>, IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = gateway.WebAddress };

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task WithAnIdentityProviderConfiguredTheDoorDoesNotExist()
    {
        using var door = await _http.GetAsync(new Uri("/demo", UriKind.Relative));
        using var token = await _http.PostAsJsonAsync("/demo/token", new { role = "admin" });

        Assert.Equal(HttpStatusCode.NotFound, door.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, token.StatusCode);
    }

    [Fact]
    public async Task TheAppIsStillServed()
    {
        using var page = await _http.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<main", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
