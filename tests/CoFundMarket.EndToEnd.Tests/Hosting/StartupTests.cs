using CoFundMarket.Api.V1;
using CoFundMarket.EndToEnd.Tests.Fixtures;
using CoFundMarket.Rpc;
using CoFundMarket.Rpc.Client;

namespace CoFundMarket.EndToEnd.Tests.Hosting;

/// <summary>The gateway started as a user starts it: from a working directory that is not its build output.</summary>
[Collection(GatewayCollection.Name)]
public sealed class StartupTests(GatewayFixture fixture)
{
    private static readonly RpcMethod<ListOrganisationsRequest, ListOrganisationsResponse> s_listOrganisations =
        RpcMethod<ListOrganisationsRequest, ListOrganisationsResponse>.Create(OrganisationServiceReflection.Descriptor.Services[0], "ListOrganisations");

    [Fact]
    public async Task SettingsComeFromBesideTheBinaryAndDataStaysInTheWorkingDirectory()
    {
        for (var i = 0; i < 3; i++)
        {
            await fixture.Channel.UnaryCall(s_listOrganisations, new ListOrganisationsRequest { PageSize = 1 }, default(CallOptions).WithTimeout(TimeSpan.FromSeconds(30)));
        }

        var log = fixture.Gateway.Log;
        Assert.Contains($"Content root path: {Path.GetDirectoryName(BuiltPrograms.GatewayDll)}", log, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(fixture.Gateway.DataDirectory, "cofund.db")));

        // appsettings.json keeps ASP.NET Core's per-request lines at Warning; without it each call logged three lines.
        Assert.DoesNotContain("Request starting", log, StringComparison.Ordinal);
    }
}
