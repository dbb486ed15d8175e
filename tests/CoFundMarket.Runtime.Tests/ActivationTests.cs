using CoFundMarket.Runtime.Grains;
using CoFundMarket.Runtime.Tests.Grains;

namespace CoFundMarket.Runtime.Tests;

public sealed class ActivationTests
{
    [Fact]
    public async Task ConcurrentFirstCallsShareOneActivation()
    {
        await using var cluster = await Clusters.Start();
        var key = Guid.NewGuid().ToString("N");

        var numbers = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(() => cluster.Client.GetGrain<IActivationProbeGrain>(key).ActivationNumber())));

        Assert.All(numbers, n => Assert.Equal(1, n));
        Assert.Equal(1, ActivationProbeGrain.Constructions[key]);
    }

    [Fact]
    public async Task AFailedActivationFailsTheCallAndTheNextCallRetries()
    {
        await using var cluster = await Clusters.Start();
        var key = Guid.NewGuid().ToString("N");
        ActivationProbeGrain.FailuresToInject[key] = 1;
        var grain = cluster.Client.GetGrain<IActivationProbeGrain>(key);

        var failure = await Assert.ThrowsAsync<GrainActivationException>(() => grain.ActivationNumber());
        var second = await grain.ActivationNumber();

        Assert.Contains($"activation-probe/{key}", failure.Message, StringComparison.Ordinal);
        Assert.Contains("injected activation failure", failure.Message, StringComparison.Ordinal);
        Assert.Equal(2, second);
    }

    [Fact]
    public async Task GetGrainDoesNoWorkUntilTheFirstCall()
    {
        await using var cluster = await Clusters.Start();
        var key = Guid.NewGuid().ToString("N");

        _ = cluster.Client.GetGrain<IActivationProbeGrain>(key);

        Assert.False(ActivationProbeGrain.Constructions.ContainsKey(key));
        Assert.Equal(0, cluster.Silos[0].Silo.ActivationCount);
    }

    [Fact]
    public async Task EveryReturnShapeOfAGrainMethodWorks()
    {
        await using var cluster = await Clusters.Start();
        var counter = cluster.Client.GetGrain<ICounterGrain>("shapes");

        await counter.Touch();
        await counter.Increment();

        Assert.Equal(1, await counter.Get());
        Assert.Equal(1, await counter.GetValue());
    }
}
