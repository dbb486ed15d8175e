using System.Text.Json;
using CoFundMarket.Api.V1;
using CoFundMarket.EndToEnd.Tests.Fixtures;
using CoFundMarket.Rpc;
using CoFundMarket.Rpc.Tests.Fixtures;
using CoFundMarket.Runtime.Testing;

namespace CoFundMarket.EndToEnd.Tests.Interop;

/// <summary>
/// The full flow a third-party client runs (cofund_flow.py, cofund_flow.js): the plan it is given — tokens minted with
/// the gateway's key, a new lead organisation, three funders — and how its report is judged, cross-checked through the
/// project's own client.
/// </summary>
internal sealed class CofundFlow(GatewayFixture fixture, string prefix, string leadOrganisation, string[] funders)
{
    private static readonly RpcMethod<GetProjectRequest, GetProjectResponse> s_getProject =
        RpcMethod<GetProjectRequest, GetProjectResponse>.Create(ProjectServiceReflection.Descriptor.Services[0], "GetProject");

    /// <summary>Writes the plan, runs the client on it, and asserts what it reported and what the gateway now holds.</summary>
    public async Task RunAndVerifyAsync(Func<string, Task<ChildProcess.Result>> run)
    {
        using var directory = new TemporaryDirectory();
        var planPath = directory.File("plan.json");
        await File.WriteAllTextAsync(planPath, Plan());

        var result = await run(planPath);

        Assert.True(result.ExitCode == 0, result.ToString());
        var report = JsonDocument.Parse(result.Output.Trim().Split('\n')[^1]).RootElement;
        var statuses = report.GetProperty("watchedStatuses").EnumerateArray().Select(s => s.GetString()).ToList();
        Assert.Equal("PROJECT_STATUS_OPEN", statuses[0]);
        Assert.Equal("PROJECT_STATUS_FUNDED", statuses[^1]);
        Assert.Equal(
            ["PLEDGE_STATUS_ACTIVE", "PLEDGE_STATUS_ACTIVE", "PLEDGE_STATUS_COMMITTED"],
            report.GetProperty("pledgeStatuses").EnumerateArray().Select(s => s.GetString()).ToList());
        var events = report.GetProperty("eventTypes").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal(3, events.Count(e => e == "PledgeRequested"));
        Assert.Equal("ProjectFunded", events[^1]);
        var refusal = report.GetProperty("refusal");
        Assert.Equal("FAILED_PRECONDITION", refusal.GetProperty("code").GetString());
        Assert.True(refusal.GetProperty("hasDetails").GetBoolean(), result.Output);

        var project = (await fixture.Channel.UnaryCall(s_getProject, new GetProjectRequest { ProjectId = report.GetProperty("projectId").GetString() }, GatewayFixture.As(fixture.Token("admin")))).Project;
        Assert.Equal(ProjectStatus.Funded, project.Status);
        Assert.Equal(3, project.FunderCount);
        Assert.Equal(3_000_000, project.Committed.MinorUnits);
        Assert.Equal(funders.Order(StringComparer.Ordinal), project.Pledges.Select(p => p.OrganisationCode).Order(StringComparer.Ordinal));
    }

    private string Plan()
    {
        var deadline = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30);
        var startYear = deadline.Month >= 4 ? deadline.Year : deadline.Year - 1;
        return JsonSerializer.Serialize(new
        {
            target = $"127.0.0.1:{fixture.Gateway.Grpc.Port}",
            protos = InteropPaths.Protos,
            requestPrefix = prefix,
            adminToken = fixture.Token("admin"),
            lead = new { org = leadOrganisation, token = fixture.Token("org_lead", leadOrganisation) },
            funders = funders.Select(f => new { org = f, token = fixture.Token("org_lead", f) }),
            financialYear = $"{startYear}/{(startYear + 1) % 100:00}",
            deadline = new { year = deadline.Year, month = deadline.Month, day = deadline.Day },
        });
    }
}
