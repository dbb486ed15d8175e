using CoFundMarket.Api.V1;
using CoFundMarket.Gateway.Tests.Fixtures;
using CoFundMarket.Rpc;
using static CoFundMarket.Gateway.Tests.Fixtures.Scenarios;

namespace CoFundMarket.Gateway.Tests;

public sealed class WatchTests(GatewayServer gateway) : IClassFixture<GatewayServer>
{
    private static readonly string[] s_entityTypes = ["organisation", "project", "pledge"];
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task WatchingAProjectSendsItNowThenEveryNewVersion()
    {
        await gateway.BudgetAsync(Leeds, 5_000_000);
        await gateway.BudgetAsync(Manchester, 5_000_000);
        var project = await gateway.OpenAsync(Gloucestershire, targetPence: 200_000, minFunders: 2);
        using var call = gateway.Channel.ServerStreamingCall(Rpcs.WatchProject, new WatchProjectRequest { ProjectId = project.Id }, new Rpc.Client.CallOptions().WithTimeout(s_patience));

        var now = await NextAsync(call.ResponseStream);
        await gateway.PledgeAsync(project.Id, Leeds, 100_000);
        await gateway.PledgeAsync(project.Id, Manchester, 100_000);
        var versions = new List<Project> { now };
        while (versions[^1].Status != ProjectStatus.Funded || versions[^1].Version < 6)
        {
            versions.Add(await NextAsync(call.ResponseStream));
        }

        Assert.Equal(project.Version, now.Version);
        Assert.Equal(ProjectStatus.Open, now.Status);
        Assert.Equal(Enumerable.Range(3, versions.Count).Select(v => (long)v), versions.Select(p => p.Version));
        Assert.Equal(100_000, versions[1].Pledged.MinorUnits);
        Assert.Equal(ProjectStatus.Funded, versions[^1].Status);
    }

    [Fact]
    public async Task APrivateDraftCannotBeWatchedAnonymously()
    {
        var draft = await gateway.DraftAsync(Gloucestershire);
        using var call = gateway.Channel.ServerStreamingCall(Rpcs.WatchProject, new WatchProjectRequest { ProjectId = draft.Id }, new Rpc.Client.CallOptions().WithTimeout(s_patience));

        var refused = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.NotFound, refused.StatusCode);
    }

    [Fact]
    public async Task TheEventFeedResumesAfterAPositionWithoutGapsOrDuplicates()
    {
        await gateway.OpenAsync(Bristol);
        var admin = GatewayServer.Options(gateway.Admin).WithTimeout(s_patience);
        var firstRun = new List<Event>();
        using (var call = gateway.Channel.ServerStreamingCall(Rpcs.WatchEvents, new WatchEventsRequest(), admin))
        {
            while (firstRun.Count < 30)
            {
                firstRun.Add((await NextAsync(call.ResponseStream)).Event);
            }
        }

        var resumeAfter = firstRun[19].Position;
        var resumed = new List<Event>();
        using (var call = gateway.Channel.ServerStreamingCall(Rpcs.WatchEvents, new WatchEventsRequest { AfterPosition = resumeAfter }, admin))
        {
            while (resumed.Count < 10)
            {
                resumed.Add((await NextAsync(call.ResponseStream)).Event);
            }

            var live = await gateway.DraftAsync(Leeds);
            Event seen;
            do
            {
                seen = (await NextAsync(call.ResponseStream)).Event;
                resumed.Add(seen);
            }
            while (seen.EntityId != live.Id);

            Assert.Equal("project", seen.EntityType);
            Assert.Equal("ProjectCreated", seen.Type);
            Assert.Equal(1, seen.Sequence);
            Assert.Equal("lead-RR8", seen.ActorId);
            Assert.Equal(Leeds, seen.ActorOrganisationCode);
        }

        Assert.Equal(Enumerable.Range(1, 30).Select(p => (long)p), firstRun.Select(e => e.Position));
        Assert.Equal(firstRun.Skip(20).Select(e => e.Position), resumed.Take(10).Select(e => e.Position));
        Assert.Equal(Enumerable.Range((int)resumeAfter + 1, resumed.Count).Select(p => (long)p), resumed.Select(e => e.Position));
        Assert.All(firstRun, e => Assert.Contains(e.EntityType, s_entityTypes));
    }

    private static async Task<T> NextAsync<T>(IAsyncStreamReader<T> stream) =>
        await stream.MoveNext(CancellationToken.None) ? stream.Current : throw new InvalidOperationException("The stream ended.");

    private static async Task<Project> NextAsync(IAsyncStreamReader<WatchProjectResponse> stream) => (await NextAsync<WatchProjectResponse>(stream)).Project;
}
