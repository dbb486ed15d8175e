using CoFundMarket.Runtime.Hosting;
using CoFundMarket.Runtime.Identity;
using CoFundMarket.Runtime.Testing;
using CoFundMarket.Runtime.Tests.Grains;

namespace CoFundMarket.Runtime.Tests;

public sealed class LifecycleTests
{
    [Fact]
    public async Task AnIdleGrainIsCollectedAndComesBackWithItsState()
    {
        await using var cluster = await Clusters.Start();
        var silo = cluster.Silos[0].Silo;
        await cluster.Client.GetGrain<INoteGrain>("idle").Write("remembered");

        cluster.Time.Advance(TimeSpan.FromMinutes(1));
        await silo.CollectIdleActivationsAsync();
        Assert.Equal(1, silo.ActivationCount);
        cluster.Time.Advance(TimeSpan.FromMinutes(15));
        await silo.CollectIdleActivationsAsync();

        Assert.Equal(0, silo.ActivationCount);
        Assert.Equal("remembered", (await cluster.Client.GetGrain<INoteGrain>("idle").Read()).Text);
    }

    [Fact]
    public async Task TheCollectorTimerCollectsWithoutBeingAsked()
    {
        await using var cluster = await Clusters.Start();
        var silo = cluster.Silos[0].Silo;
        await cluster.Client.GetGrain<INoteGrain>("timed-out").Write("x");

        for (var minute = 0; minute < 17; minute++)
        {
            cluster.Time.Advance(TimeSpan.FromMinutes(1));
        }

        await Eventually.TrueAsync(() => Task.FromResult(silo.ActivationCount == 0), "the idle note is collected");
    }

    [Fact]
    public async Task ABusyGrainIsNotCollected()
    {
        await using var cluster = await Clusters.Start();
        var silo = cluster.Silos[0].Silo;
        var note = cluster.Client.GetGrain<INoteGrain>("busy");

        for (var minute = 0; minute < 30; minute++)
        {
            await note.Read();
            cluster.Time.Advance(TimeSpan.FromMinutes(1));
            await silo.CollectIdleActivationsAsync();
        }

        Assert.Equal(1, silo.ActivationCount);
    }

    [Fact]
    public async Task DelayDeactivationKeepsAnIdleGrainAliveUntilTheDelayPasses()
    {
        await using var cluster = await Clusters.Start();
        var silo = cluster.Silos[0].Silo;
        await cluster.Client.GetGrain<INoteGrain>("delayed").KeepAliveFor(TimeSpan.FromMinutes(40));

        Collect(cluster, minutes: 30);
        await silo.CollectIdleActivationsAsync();
        Assert.Equal(1, silo.ActivationCount);

        Collect(cluster, minutes: 11);
        await silo.CollectIdleActivationsAsync();
        Assert.Equal(0, silo.ActivationCount);
    }

    [Fact]
    public async Task DeactivateOnIdleDeactivatesAfterTheRequestAndTheNextCallReactivates()
    {
        await using var cluster = await Clusters.Start();
        var key = Guid.NewGuid().ToString("N");
        var probe = cluster.Client.GetGrain<IActivationProbeGrain>(key);
        Assert.Equal(1, await probe.ActivationNumber());

        await probe.Deactivate();
        await Eventually.TrueAsync(() => Task.FromResult(ActivationProbeGrain.Deactivations.GetValueOrDefault(key) == 1), "the probe deactivated");

        Assert.Equal(2, await probe.ActivationNumber());
    }

    [Fact]
    public async Task CallsQueuedBehindADeactivationGoToTheNextActivation()
    {
        await using var cluster = await Clusters.Start();
        var key = Guid.NewGuid().ToString("N");
        var probe = cluster.Client.GetGrain<IActivationProbeGrain>(key);
        await probe.ActivationNumber();

        var deactivate = probe.Deactivate();
        var after = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => probe.ActivationNumber()));
        await deactivate;

        Assert.All(after, n => Assert.InRange(n, 1, 2));
    }

    [Fact]
    public async Task GracefulShutdownDeactivatesEveryGrainAndRefusesNewCalls()
    {
        await using var cluster = await Clusters.Start();
        var key = Guid.NewGuid().ToString("N");
        var silo = cluster.Silos[0];
        await silo.Silo.GetGrain<IActivationProbeGrain>(key).ActivationNumber();

        await cluster.StopSiloAsync(silo);

        Assert.Equal(1, ActivationProbeGrain.Deactivations[key]);
        Assert.Equal(SiloStatus.Stopped, silo.Silo.Status);
        await Assert.ThrowsAsync<SiloUnavailableException>(() => silo.Silo.GetGrain<IActivationProbeGrain>(key).ActivationNumber());
    }

    [Fact]
    public async Task GracefulShutdownLetsAnInFlightRequestFinish()
    {
        await using var cluster = await Clusters.Start();
        var key = Guid.NewGuid().ToString("N");
        var silo = cluster.Silos[0];
        var inFlight = silo.Silo.GetGrain<IGateGrain>(key).WaitForGate();

        var stopping = cluster.StopSiloAsync(silo);
        await Task.Delay(50);
        Assert.False(stopping.IsCompleted);
        Gates.For(key).TrySetResult(true);

        Assert.Equal("passed", await inFlight);
        await stopping;
    }

    [Fact]
    public async Task AKilledSiloRunsNoDeactivationAndRefusesCalls()
    {
        await using var cluster = await Clusters.Start();
        var key = Guid.NewGuid().ToString("N");
        var silo = cluster.Silos[0];
        await silo.Silo.GetGrain<IActivationProbeGrain>(key).ActivationNumber();

        await cluster.KillSiloAsync(silo);

        Assert.False(ActivationProbeGrain.Deactivations.ContainsKey(key));
        await Assert.ThrowsAsync<SiloUnavailableException>(() => silo.Silo.GetGrain<IActivationProbeGrain>(key).ActivationNumber());
    }

    [Fact]
    public async Task AGrainTimerTicksAsTurnsAndStopsWithItsActivation()
    {
        await using var cluster = await Clusters.Start();
        var timer = cluster.Client.GetGrain<ITimerGrain>("ticking");
        await timer.Start(TimeSpan.FromSeconds(10));

        for (var i = 0; i < 3; i++)
        {
            cluster.Time.Advance(TimeSpan.FromSeconds(10));
            await Eventually.TrueAsync(async () => await timer.Ticks() == i + 1, $"tick {i + 1}");
        }

        await cluster.Silos[0].Silo.DeactivateAsync(new GrainId("timer", "ticking"));
        cluster.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, await timer.Ticks());
    }

    private static void Collect(Testing.TestCluster cluster, int minutes)
    {
        for (var i = 0; i < minutes; i++)
        {
            cluster.Time.Advance(TimeSpan.FromMinutes(1));
        }
    }
}
