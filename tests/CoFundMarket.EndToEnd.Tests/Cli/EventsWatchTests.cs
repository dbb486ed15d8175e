using CoFundMarket.EndToEnd.Tests.Fixtures;

namespace CoFundMarket.EndToEnd.Tests.Cli;

/// <summary><c>cofund events watch</c>: the feed from a position, as JSON lines or a table, live until Ctrl-C.</summary>
[Collection(GatewayCollection.Name)]
public sealed class EventsWatchTests(GatewayFixture fixture)
{
    private string Address => fixture.Gateway.Grpc.ToString();

    [Fact]
    public async Task WatchFromAPositionPrintsTheFollowingEventsInOrder()
    {
        var events = CliAssert.JsonLines(await Cofund.RunAsync(fixture.Token("admin"), "events", "watch", "--after", "10", "--max", "5", "--json", "--address", Address));

        var positions = events.Select(e => long.Parse(e.GetProperty("event").GetProperty("position").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal([11L, 12L, 13L, 14L, 15L], positions);
        Assert.All(events, e => Assert.False(string.IsNullOrEmpty(e.GetProperty("event").GetProperty("type").GetString())));
    }

    [Fact]
    public async Task WatchPrintsATableForPeople()
    {
        var result = await Cofund.RunAsync(fixture.Token("admin"), "events", "watch", "--max", "3", "--address", Address);

        CliAssert.Succeeded(result);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^\s+POSITION\s+OCCURRED\s+TYPE\s+ENTITY\s+ACTOR$", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.Matches(@"^\s+1\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ\s+OrganisationRegistered\s+organisation/\S+", lines[1]);
    }

    [Fact]
    public async Task CtrlCStopsALiveWatchCleanlyAndSaysWhereToResume()
    {
        using var watch = Cofund.Start(fixture.Token("admin"), "events", "watch", "--after", "0", "--json", "--address", Address);
        // Once the first event is printed the call is live; Ctrl-C must then end it with exit 0, not a stack trace.
        await watch.WaitForOutputLineAsync(line => line.Contains("\"position\"", StringComparison.Ordinal), TimeSpan.FromSeconds(60));

        watch.Interrupt();
        var exitCode = await watch.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.True(exitCode == 0, $"exit {exitCode}\n{watch.Output}\n{watch.Error}");
        Assert.Matches(@"stopped; resume with --after \d+", watch.Error);
        Assert.DoesNotContain("Exception", watch.Error);
    }

    [Fact]
    public async Task WatchingWithoutARoleIsPermissionDenied()
    {
        var result = await Cofund.RunAsync(fixture.Token("org_lead", "RTE"), "events", "watch", "--address", Address);

        CliAssert.FailedWith(result, 10, "PERMISSION_DENIED");
    }
}
