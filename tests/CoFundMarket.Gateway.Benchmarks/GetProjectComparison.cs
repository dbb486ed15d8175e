using CoFundMarket.Api.V1;
using CoFundMarket.EndToEnd.Tests.Fixtures;
using CoFundMarket.Rpc.Benchmarks;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;

namespace CoFundMarket.Gateway.Benchmarks;

/// <summary>
/// GetProject, side by side under the same h2load load: (a) a bare Kestrel endpoint answering the gateway's own
/// GetProject response as fixed bytes (the ceiling), (b) the real gateway with a valid token, (c) a grpc-js server
/// answering the same response from memory. Rounds alternate so that drift on a shared machine hits all three alike.
/// </summary>
public static class GetProjectComparison
{
    public sealed record Outcome(Run[] Bare, Run[] Gateway, Run[] Node);

    /// <summary>One h2load run and the CPU time the serving process spent per request meanwhile (h2load's own CPU not included).</summary>
    public sealed record Run(H2Load.Result Load, double ServerCpuMicrosPerRequest);

    public static async Task<Outcome> RunAsync(GatewayProcess gateway, Api api, string projectId, Settings settings, string workDirectory)
    {
        var token = api.Token("org_lead", "RTE");
        var response = await api.CallAsync(Api.GetProject, new GetProjectRequest { ProjectId = projectId }, token);
        var requestFile = Path.Combine(workDirectory, "get-project.bin");
        var responseFile = Path.Combine(workDirectory, "get-project-response.bin");
        await File.WriteAllBytesAsync(requestFile, BareEndpoint.Frame(new GetProjectRequest { ProjectId = projectId }));
        await File.WriteAllBytesAsync(responseFile, response.ToByteArray());

        await using var bare = await StartBareAsync(BareEndpoint.Frame(response));
        using var node = RunningProcess.Start("node", [Path.Combine(Paths.NodeDirectory, "get_project_server.js"), Paths.Protos, responseFile], Paths.NodeDirectory);
        var nodePort = (await node.WaitForOutputLineAsync(l => l.StartsWith("listening on ", StringComparison.Ordinal), TimeSpan.FromSeconds(30)))["listening on ".Length..];
        const string path = "/cofund.v1.ProjectService/GetProject";
        (string Name, Uri Target, string[] Headers, int ServerProcess)[] targets =
        [
            ("bare", new Uri(bare.Address, path), [], Environment.ProcessId),
            ("gateway", new Uri(gateway.Grpc, path), ["authorization: Bearer " + token], gateway.ProcessId),
            ("node", new Uri($"http://127.0.0.1:{nodePort}{path}"), [], node.Id),
        ];

        // Each server is warmed with as many requests as a measured run: with a quarter, the first round still ran partly
        // unoptimised code (tiered compilation) and came out 20-30 % below the later ones for all three servers.
        foreach (var (name, target, headers, _) in targets)
        {
            var warmUp = await H2Load.RunAsync(name, target, requestFile, settings.Requests, settings.Connections, settings.Streams, headers);
            if (warmUp.Failed > 0)
            {
                throw new InvalidOperationException($"{name}: {warmUp.Failed} of the warm-up requests failed; is the target answering GetProject?");
            }
        }

        var results = targets.ToDictionary(t => t.Name, _ => new List<Run>());
        for (var round = 0; round < settings.Rounds; round++)
        {
            foreach (var (name, target, headers, serverProcess) in targets)
            {
                var before = CpuTime.Of(serverProcess);
                var load = await H2Load.RunAsync(name, target, requestFile, settings.Requests, settings.Connections, settings.Streams, headers);
                results[name].Add(new Run(load, (CpuTime.Of(serverProcess) - before).TotalMicroseconds / Math.Max(1, load.Succeeded)));
            }
        }

        node.Terminate();
        return new Outcome([.. results["bare"]], [.. results["gateway"]], [.. results["node"]]);
    }

    private static async Task<BareServer> StartBareAsync(byte[] responseFrame)
    {
        var app = H2cHost.CreateBuilder(out var address).Build();
        app.MapPost("/cofund.v1.ProjectService/GetProject", BareEndpoint.Answering(responseFrame));
        await app.StartAsync();
        return new BareServer(app, address());
    }

    private sealed record BareServer(WebApplication App, Uri Address) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }
    }
}
