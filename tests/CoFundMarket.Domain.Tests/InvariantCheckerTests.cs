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
        await using var market = await Market.StartAsync();
        market.CheckOnDispose = false;
        await market.Organisation("RTE", 10_000);
        await market.OpenProject("p", 5_000);
        var key = new GrainStateKey(new GrainId("organisation", "RTE"), "journal");
        var stored = await market.Cluster.Storage.ReadAsync(key);
        var options = market.Cluster.Silos[0].Silo.JsonOptions;
        var ghost = new Organisations.BudgetReserved("ghost", "p", Market.Year, Money.Pounds(500));
        await market.Cluster.Storage.WriteAsync(new StateWrite(key, stored!.Version, null,
            [new EventToAppend("BudgetReserved", System.Text.Json.JsonSerializer.Serialize(ghost, options), DateTimeOffset.UtcNow, EventActor.System, null)])
        { KeepsPayload = true });

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
}
