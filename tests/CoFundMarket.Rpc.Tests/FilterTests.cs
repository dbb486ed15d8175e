using CoFundMarket.Rpc.Client;
using CoFundMarket.Rpc.Health.V1;
using CoFundMarket.Rpc.Tests.Fixtures;
using CoFundMarket.Rpc.Tests.Probes;
using CoFundMarket.Rpc.Tests.Services;

namespace CoFundMarket.Rpc.Tests;

/// <summary>The filter hook: sees the method and metadata, can reject with a status before the request is read or the handler runs.</summary>
public sealed class FilterTests(RpcTestServer server) : IClassFixture<RpcTestServer>, IDisposable
{
    private readonly RpcChannel _channel = new(server.H2c);
    private readonly RawGrpc _raw = new();

    [Fact]
    public async Task AFilterRejectsACallBeforeItsHandlerRuns()
    {
        var id = Guid.NewGuid().ToString();
        var headers = new Metadata { { TestFilter.RejectHeader, "no token" } };

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _channel.UnaryCall(Methods.Echo, new EchoRequest { Id = id }, new CallOptions { Headers = headers }).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Equal("Rejected by filter: no token", error.Status.Detail);
        Assert.False(server.Observer.HasStarted(id));
    }

    [Fact]
    public async Task AFilterRunsBeforeTheRequestIsRead()
    {
        // The body is garbage: reading it would fail with INTERNAL; the filter's status proves it came first.
        var response = await _raw.PostAsync(server.H2c, "/rpctest.ProbeService/Echo", [9, 9, 9], headers: [(TestFilter.RejectHeader, "early")]);

        Assert.Equal(StatusCode.Unauthenticated, response.Code);
    }

    [Fact]
    public async Task AFilterCanLetSomeMethodsThroughAnonymously()
    {
        var headers = new Metadata { { TestFilter.RejectHeader, "no token" } };

        var response = await _channel.UnaryCall(Methods.HealthCheck, new HealthCheckRequest(), new CallOptions { Headers = headers });

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }

    [Fact]
    public async Task AFilterSeesTheMethodFullName()
    {
        using var call = _channel.UnaryCall(Methods.Echo, new EchoRequest());
        await call.ResponseAsync;

        Assert.Equal("/rpctest.ProbeService/Echo", call.GetTrailers().GetValue(TestFilter.SeenMethodTrailer));
    }

    public void Dispose()
    {
        _channel.Dispose();
        _raw.Dispose();
    }
}
