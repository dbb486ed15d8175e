using CoFundMarket.Domain.Common;
using CoFundMarket.Domain.Invariants;
using CoFundMarket.Runtime.Identity;
using CoFundMarket.Runtime.Journal;
using CoFundMarket.Runtime.Storage;

namespace CoFundMarket.Domain.Tests;

/// <summary>The checker must find what is wrong, not only bless what is right.</summary>
public sealed class InvariantCheckerTests
{
    [Fact]
    public async Task AReservationWithoutAPledgeIsReportedPrecisely()
    {
        await using var market = await UncheckedMarketWithOneProjectAsync();
        await ForgeAsync(market, "organisation", "RTE", new Organisations.BudgetReserved("ghost", "p", Market.Year, Money.Pounds(500)));

        var report = await market.CheckAsync();

        Assert.Contains(report.Violations, v => v is { Rule: "RESERVATION_MATCHES_PLEDGE", Entity: "organisation/RTE pledge/ghost" });
        Assert.Contains(report.Violations, v => v.Rule == "MONEY_CONSERVED" && v.Detail.Contains("£500.00", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ASnapshotThatTheJournalDoesNotRebuildIsReported()
    {
        await using var market = await Market.StartAsync();
        market.CheckOnDispose = false;
        await market.Organisation("RTE", 10_000);
        var key = new GrainStateKey(new GrainId("organisation", "RTE"), "journal");
        var stored = await market.Cluster.Storage.ReadAsync(key);
        var options = market.Cluster.Silos[0].Silo.JsonOptions;
        var (organisation, _) = JournalReplay.Replay<Organisations.OrganisationState, Organisations.OrganisationEvent>(await market.Cluster.Storage.ReadJournalAsync(key.Grain, 0), options);
        var tampered = System.Text.Json.JsonSerializer.Serialize(organisation, options).Replace("Trust RTE", "Renamed Trust", StringComparison.Ordinal);
        await market.Cluster.Storage.WriteAsync(new StateWrite(key, stored!.Version, tampered, []));

        var report = await market.CheckAsync();

        Assert.Contains(report.Violations, v => v.Rule is "REPLAY_EQUALS_STATE" or "ONE_EVENT_PER_CHANGE");
        Assert.False(report.Holds);
    }

    [Fact]
    public async Task ACeilingBelowWhatIsHeldIsReported()
    {
        await using var market = await UncheckedMarketWithOneProjectAsync();
        await market.Pledge("a", "p", "RTE", 500);
        await ForgeAsync(market, "organisation", "RTE", new Organisations.BudgetSet(Market.Year, Money.Pounds(100)));

        var report = await market.CheckAsync();

        Assert.Contains(report.Violations, v => v is { Rule: "BUDGET_WITHIN_CEILING", Entity: $"organisation/RTE {Market.Year}" }
            && v.Detail == "reserved £500.00 + committed £0.00 exceeds the ceiling £100.00");
    }

    [Fact]
    public async Task AProjectRecordOfAPledgeThatDoesNotExistIsReportedByEveryRuleItBreaks()
    {
        await using var market = await UncheckedMarketWithOneProjectAsync();
        await ForgeAsync(market, "project", "p", new Projects.PledgeRecorded(DateTimeOffset.UtcNow, "ghost", "RTE", Money.Pounds(6_000), 0));

        var report = await market.CheckAsync();

        Assert.Contains(report.Violations, v => v is { Rule: "PROJECT_TOTAL_EQUALS_PLEDGES", Entity: "project/p" } && v.Detail.Contains("£6,000.00", StringComparison.Ordinal));
        Assert.Contains(report.Violations, v => v is { Rule: "PROJECT_WITHIN_CAP", Entity: "project/p" });
        Assert.Contains(report.Violations, v => v is { Rule: "PLEDGE_AGREES_WITH_PROJECT", Entity: "pledge/ghost" } && v.Detail.EndsWith("but the pledge is missing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task APledgeLeftPendingIsReported()
    {
        await using var market = await UncheckedMarketWithOneProjectAsync();
        await ForgeAsync(market, "pledge", "stuck", new Pledges.PledgeRequested(DateTimeOffset.UtcNow, new Pledges.PledgeTerms("p", "RTE", Money.Pounds(100), 0), Market.Year));

        var report = await market.CheckAsync();

        Assert.Contains(report.Violations, v => v is { Rule: "SAGA_FINISHED", Entity: "pledge/stuck" });
    }

    [Fact]
    public async Task ACancellationThatNeverReachedItsPledgesIsReported()
    {
        await using var market = await UncheckedMarketWithOneProjectAsync();
        await market.Pledge("a", "p", "RTE", 500);
        await ForgeAsync(market, "project", "p", new Projects.ProjectCancelled(DateTimeOffset.UtcNow, "forged", ["a"]));

        var report = await market.CheckAsync();

        Assert.Contains(report.Violations, v => v is { Rule: "SETTLEMENT_FINISHED", Entity: "project/p" });
        Assert.Contains(report.Violations, v => v is { Rule: "PLEDGE_AGREES_WITH_PROJECT", Entity: "pledge/a" });
    }

    [Fact]
    public async Task AFinishedScenarioReportsEveryCount()
    {
        await using var market = await Market.StartAsync();
        await market.Organisation("RTE", 10_000);
        await market.OpenProject("p", 5_000);
        await market.Pledge("a", "p", "RTE", 100);

        InvariantReport report = await market.CheckAsync();

        Assert.True(report.Holds, report.ToString());
        Assert.Equal((1, 1, 1), (report.Organisations, report.Projects, report.Pledges));
    }

    /// <summary>Organisation RTE (£10,000 ceiling) and open project p (£5,000), not checked on dispose: the test forges a violation.</summary>
    private static async Task<Market> UncheckedMarketWithOneProjectAsync()
    {
        var market = await Market.StartAsync();
        market.CheckOnDispose = false;
        await market.Organisation("RTE", 10_000);
        await market.OpenProject("p", 5_000);
        return market;
    }

    /// <summary>Appends an event to a grain's journal behind the grains' backs, as a bug or a hand edit of the database would.</summary>
    private static async Task ForgeAsync(Market market, string grainType, string key, object domainEvent)
    {
        var state = new GrainStateKey(new GrainId(grainType, key), "journal");
        var stored = await market.Cluster.Storage.ReadAsync(state);
        var payload = System.Text.Json.JsonSerializer.Serialize(domainEvent, domainEvent.GetType(), market.Cluster.Silos[0].Silo.JsonOptions);
        await market.Cluster.Storage.WriteAsync(new StateWrite(state, stored?.Version ?? 0, null,
            [new EventToAppend(domainEvent.GetType().Name, payload, DateTimeOffset.UtcNow, EventActor.System, null)])
        { KeepsPayload = true });
    }
}
