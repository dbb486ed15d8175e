using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using CoFundMarket.Runtime.Calls;
using CoFundMarket.Runtime.Context;
using CoFundMarket.Runtime.Diagnostics;
using CoFundMarket.Runtime.Tests.Grains;
using Microsoft.Extensions.DependencyInjection;

namespace CoFundMarket.Runtime.Tests;

public sealed class ContextAndFilterTests
{
    [Fact]
    public async Task RequestContextFlowsDownTheCallChain()
    {
        await using var cluster = await Clusters.Start();
        RequestContext.Set("tenant", "from-client");

        var seenByGrain = await cluster.Client.GetGrain<IContextGrain>("reader").Read("tenant");
        var seenByCallee = await cluster.Client.GetGrain<IContextGrain>("setter").SetThenAsk("tenant", "from-grain", "leaf");
        RequestContext.Clear();

        Assert.Equal("from-client", seenByGrain);
        Assert.Equal("from-grain", seenByCallee);
    }

    [Fact]
    public async Task RequestContextNeverFlowsBackUpToTheCaller()
    {
        await using var cluster = await Clusters.Start();
        RequestContext.Set("tenant", "original");

        var seenAfterCallee = await cluster.Client.GetGrain<IContextGrain>("root").AskToSetThenRead("tenant", "child");
        var seenByClient = RequestContext.Get("tenant");
        RequestContext.Clear();

        Assert.Equal("original", seenAfterCallee);
        Assert.Equal("original", seenByClient);
    }

    [Fact]
    public async Task IncomingCallFiltersSeeEveryCallInOrder()
    {
        var log = new ConcurrentQueue<string>();
        await using var cluster = await Clusters.Start(services: s =>
        {
            s.AddSingleton(log);
            s.AddSingleton<IIncomingGrainCallFilter, FirstFilter>();
            s.AddSingleton<IIncomingGrainCallFilter, SecondFilter>();
        });

        var count = await cluster.Client.GetGrain<ICounterGrain>("filtered").Increment();

        Assert.Equal(1, count);
        Assert.Equal(["first:before counter/filtered ICounterGrain.Increment", "second:before", "second:after 1", "first:after"], log);
    }

    [Fact]
    public async Task CallsAreCountedOnTheRuntimeMeterAndTracedOnItsActivitySource()
    {
        await using var cluster = await Clusters.Start();
        long calls = 0;
        using var meters = new MeterListener();
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == RuntimeTelemetry.Name && instrument.Name == "cofund.runtime.calls")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        meters.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref calls, value));
        meters.Start();
        var traced = new ConcurrentQueue<string>();
        using var activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == RuntimeTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = a => traced.Enqueue(a.DisplayName + " " + a.GetTagItem("grain.id")),
        };
        ActivitySource.AddActivityListener(activities);

        await cluster.Client.GetGrain<ICounterGrain>("metered").Increment();
        await cluster.Client.GetGrain<ICounterGrain>("metered").Get();

        Assert.True(Interlocked.Read(ref calls) >= 2);
        Assert.Contains("ICounterGrain.Increment counter/metered", traced);
        Assert.Contains("ICounterGrain.Get counter/metered", traced);
    }

    private sealed class FirstFilter(ConcurrentQueue<string> log) : IIncomingGrainCallFilter
    {
        public async Task Invoke(IIncomingGrainCallContext context)
        {
            log.Enqueue($"first:before {context.TargetId} {context.InterfaceMethod.DeclaringType!.Name}.{context.InterfaceMethod.Name}");
            await context.Invoke();
            log.Enqueue("first:after");
        }
    }

    private sealed class SecondFilter(ConcurrentQueue<string> log) : IIncomingGrainCallFilter
    {
        public async Task Invoke(IIncomingGrainCallContext context)
        {
            log.Enqueue("second:before");
            await context.Invoke();
            log.Enqueue($"second:after {context.Result}");
        }
    }
}
