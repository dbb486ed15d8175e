using CoFundMarket.Rpc.Client;
using CoFundMarket.Rpc.Tests.Fixtures;
using CoFundMarket.Rpc.Tests.Probes;
using Google.Protobuf;

namespace CoFundMarket.Rpc.Tests;

/// <summary>grpc-timeout: parsed in every unit, enforced by the server (status, RST_STREAM) and flowing into the handler's token.</summary>
public sealed class DeadlineTests(RpcTestServer server) : IClassFixture<RpcTestServer>, IDisposable
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(20);
    private readonly RawGrpc _raw = new();

    [Theory]
    [InlineData("1H", 3_600_000)]
    [InlineData("2M", 120_000)]
    [InlineData("30S", 30_000)]
    [InlineData("45000m", 45_000)]
    [InlineData("50000000u", 50_000)]
    [InlineData("99999999n", 99)]
    public async Task EveryTimeoutUnitBecomesTheHandlersDeadline(string header, long expectedMs)
    {
        var response = await _raw.PostAsync(server.H2c, "/rpctest.ProbeService/Echo", Frame.Of(new EchoRequest()), headers: [("grpc-timeout", header)]);

        var echo = EchoResponse.Parser.ParseFrom(response.Frames().Single().Payload);
        Assert.InRange(echo.DeadlineInMs, expectedMs - 5_000, expectedMs);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("123456789S")]
    [InlineData("5x")]
    public async Task AMalformedTimeoutMeansNoDeadline(string header)
    {
        var response = await _raw.PostAsync(server.H2c, "/rpctest.ProbeService/Echo", Frame.Of(new EchoRequest()), headers: [("grpc-timeout", header)]);

        Assert.Equal(StatusCode.OK, response.Code);
        Assert.Equal(-1, EchoResponse.Parser.ParseFrom(response.Frames().Single().Payload).DeadlineInMs);
    }

    [Fact]
    public async Task TheServerEndsACallPastItsDeadlineAndCancelsTheHandler()
    {
        var id = Guid.NewGuid().ToString();

        // No client-side deadline: whatever status arrives was sent by the server.
        var response = await _raw.PostAsync(server.H2c, "/rpctest.ProbeService/Sleep", Frame.Of(new SleepRequest { Id = id }), headers: [("grpc-timeout", "200m")]);

        Assert.Equal(StatusCode.DeadlineExceeded, response.Code);
        Assert.True(response.IsTrailersOnly);
        Assert.True(await server.Observer.WhenCancelled(id).WaitAsync(s_wait), "the handler's token was cancelled by the deadline");
    }

    [Fact]
    public async Task ADeadlineAfterTheFirstMessageEndsTheStreamWithTrailers()
    {
        var id = Guid.NewGuid().ToString();

        var response = await _raw.PostAsync(server.H2c, "/rpctest.ProbeService/SleepStream", Frame.Of(new SleepRequest { Id = id }), headers: [("grpc-timeout", "300m")]);

        Assert.Single(response.Frames());
        Assert.Equal("4", response.Trailer("grpc-status"));
        Assert.True(await server.Observer.WhenCancelled(id).WaitAsync(s_wait));
    }

    [Fact]
    public async Task AZeroTimeoutFailsAtOnceWithoutRunningTheHandler()
    {
        var id = Guid.NewGuid().ToString();

        var response = await _raw.PostAsync(server.H2c, "/rpctest.ProbeService/Echo", Frame.Of(new EchoRequest { Id = id }), headers: [("grpc-timeout", "0n")]);

        Assert.Equal(StatusCode.DeadlineExceeded, response.Code);
        Assert.False(server.Observer.HasStarted(id));
    }

    [Fact]
    public async Task AClientDeadlineIsSentAndReportedAsDeadlineExceeded()
    {
        using var channel = new RpcChannel(server.H2c);
        var id = Guid.NewGuid().ToString();

        // Long enough for the request to reach the handler even on a busy machine; the handler then sleeps past it.
        var call = channel.UnaryCall(Methods.Sleep, new SleepRequest { Id = id }, new CallOptions().WithTimeout(TimeSpan.FromSeconds(2)));
        await server.Observer.WhenStarted(id).WaitAsync(s_wait);
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);

        // Client and server deadlines race (the client resets the stream when its own expires): either cancels the handler.
        await server.Observer.WhenCancelled(id).WaitAsync(s_wait);
    }

    [Fact]
    public async Task ACallThatFinishesInTimeIsUnaffectedByItsDeadline()
    {
        using var channel = new RpcChannel(server.H2c);

        var response = await channel.UnaryCall(
            Methods.Sleep,
            new SleepRequest { Id = Guid.NewGuid().ToString(), Duration = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromMilliseconds(10)) },
            new CallOptions().WithTimeout(TimeSpan.FromSeconds(30)));

        Assert.True(response.Slept);
    }

    [Fact]
    public async Task ADeadlineAlreadyPastFailsWithoutContactingTheServer()
    {
        using var channel = new RpcChannel(server.H2c);
        var id = Guid.NewGuid().ToString();

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            channel.UnaryCall(Methods.Echo, new EchoRequest { Id = id, Payload = ByteString.Empty }, new CallOptions { Deadline = DateTime.UtcNow.AddSeconds(-1) }).ResponseAsync);

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }

    public void Dispose() => _raw.Dispose();
}
