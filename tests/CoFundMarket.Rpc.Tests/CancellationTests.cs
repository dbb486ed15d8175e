using CoFundMarket.Rpc.Client;
using CoFundMarket.Rpc.Tests.Fixtures;
using CoFundMarket.Rpc.Tests.Interop;
using CoFundMarket.Rpc.Tests.Probes;

namespace CoFundMarket.Rpc.Tests;

/// <summary>A client's cancellation (RST_STREAM CANCEL) reaches the handler's token; the server goes on serving others.</summary>
public sealed class CancellationTests(RpcTestServer server) : IClassFixture<RpcTestServer>
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task CancellingAUnaryCallCancelsTheHandler()
    {
        using var channel = new RpcChannel(server.H2c);
        using var cancellation = new CancellationTokenSource();
        var id = Guid.NewGuid().ToString();

        var call = channel.UnaryCall(Methods.Sleep, new SleepRequest { Id = id }, new CallOptions { CancellationToken = cancellation.Token });
        await server.Observer.WhenStarted(id).WaitAsync(s_wait);
        await cancellation.CancelAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        Assert.False(await server.Observer.WhenCancelled(id).WaitAsync(s_wait), "cancelled by the client, not by a deadline");
    }

    [Fact]
    public async Task DisposingAStreamingCallCancelsTheHandler()
    {
        using var channel = new RpcChannel(server.H2c);
        var id = Guid.NewGuid().ToString();

        var call = channel.ServerStreamingCall(Methods.SleepStream, new SleepRequest { Id = id });
        Assert.True(await call.ResponseStream.MoveNext());
        await server.Observer.WhenStarted(id).WaitAsync(s_wait);
        call.Dispose();

        Assert.False(await server.Observer.WhenCancelled(id).WaitAsync(s_wait));
    }

    [Fact]
    public async Task CancelledCallsDoNotDisturbOtherCalls()
    {
        using var channel = new RpcChannel(server.H2c);
        var sleepers = new List<(CancellationTokenSource Source, AsyncUnaryCall<SleepResponse> Call, string Id)>();
        for (var i = 0; i < 20; i++)
        {
            var source = new CancellationTokenSource();
            var id = Guid.NewGuid().ToString();
            sleepers.Add((source, channel.UnaryCall(Methods.Sleep, new SleepRequest { Id = id }, new CallOptions { CancellationToken = source.Token }), id));
        }

        await Task.WhenAll(sleepers.Select(s => server.Observer.WhenStarted(s.Id))).WaitAsync(s_wait);
        foreach (var sleeper in sleepers)
        {
            await sleeper.Source.CancelAsync();
        }

        var others = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => channel.UnaryCall(Methods.UnaryCall, new SimpleRequest { ResponseSize = i }).ResponseAsync));

        Assert.Equal(50, others.Length);
        foreach (var sleeper in sleepers)
        {
            await Assert.ThrowsAsync<RpcException>(() => sleeper.Call.ResponseAsync);
            sleeper.Source.Dispose();
        }
    }
}
