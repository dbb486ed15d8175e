using CoFundMarket.EndToEnd.Tests.Fixtures;
using CoFundMarket.Runtime.Testing;

namespace CoFundMarket.EndToEnd.Tests.Cli;

/// <summary><c>cofund token</c> mints tokens the real gateway accepts, from the key in its data directory.</summary>
[Collection(GatewayCollection.Name)]
public sealed class TokenCommandTests(GatewayFixture fixture)
{
    [Fact]
    public async Task AnAdminTokenFromTheDataDirectoryIsAcceptedByTheGateway()
    {
        var token = await Cofund.RunAsync(null, "token", "--role", "admin", "--data-dir", fixture.Gateway.DataDirectory);
        CliAssert.Succeeded(token);

        var check = await Cofund.RunAsync(token.Output.Trim(), "invariants", "check", "--address", fixture.Gateway.Grpc.ToString());

        CliAssert.Succeeded(check);
        Assert.Contains("all invariants hold", check.Output);
    }

    [Fact]
    public async Task AnOrgLeadTokenCarriesItsOrganisation()
    {
        var token = await Cofund.RunAsync(null, "token", "--role", "org_lead", "--org", "RTE", "--data-dir", fixture.Gateway.DataDirectory);
        CliAssert.Succeeded(token);

        var budget = await Cofund.RunAsync(token.Output.Trim(), "budget", "show", "RTE", "--address", fixture.Gateway.Grpc.ToString());

        CliAssert.Succeeded(budget);
        Assert.Contains("Organisation    RTE", budget.Output);
    }

    [Fact]
    public async Task TheTokenOptionWinsOverTheEnvironment()
    {
        var admin = (await Cofund.RunAsync(null, "token", "--role", "admin", "--data-dir", fixture.Gateway.DataDirectory)).Output.Trim();
        var orgLead = (await Cofund.RunAsync(null, "token", "--role", "org_lead", "--org", "RTE", "--data-dir", fixture.Gateway.DataDirectory)).Output.Trim();

        var asAdmin = await Cofund.RunAsync(orgLead, "invariants", "check", "--token", admin, "--address", fixture.Gateway.Grpc.ToString());
        var asOrgLead = await Cofund.RunAsync(orgLead, "invariants", "check", "--address", fixture.Gateway.Grpc.ToString());

        CliAssert.Succeeded(asAdmin);
        CliAssert.FailedWith(asOrgLead, 10, "PERMISSION_DENIED");
    }

    [Fact]
    public async Task WithoutASigningKeyItSaysToStartTheGatewayFirst()
    {
        using var empty = new TemporaryDirectory();

        var result = await Cofund.RunAsync(null, "token", "--role", "admin", "--data-dir", empty.Path);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("start the gateway first: dotnet run --project src/CoFundMarket.Gateway", result.Error);
        Assert.Equal("", result.Output);
    }

    [Fact]
    public async Task AnOrganisationRoleWithoutAnOrganisationIsAUsageError()
    {
        var result = await Cofund.RunAsync(null, "token", "--role", "org_lead", "--data-dir", fixture.Gateway.DataDirectory);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--org is needed", result.Error);
    }
}
