using CoFundMarket.Rpc.Client;
using CoFundMarket.Rpc.Health;
using CoFundMarket.Rpc.Health.V1;
using CoFundMarket.Rpc.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ServingStatus = CoFundMarket.Rpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace CoFundMarket.Rpc.Tests;

/// <summary>grpc.health.v1: Check, List and Watch, following status changes.</summary>
public sealed class HealthTests(RpcTestServer server) : IClassFixture<RpcTestServer>, IDisposable
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(20);
    private readonly RpcChannel _channel = new(server.H2c);

    private HealthStatusRegistry Registry => server.Services.GetRequiredService<HealthStatusRegistry>();

    [Theory]
    [InlineData("")]
    [InlineData("grpc.testing.TestService")]
    [InlineData("grpc.health.v1.Health")]
    public async Task TheServerAndEveryBoundServiceStartServing(string service)
    {
        var response = await _channel.UnaryCall(Methods.HealthCheck, new HealthCheckRequest { Service = service });

        Assert.Equal(ServingStatus.Serving, response.Status);
    }

    [Fact]
    public async Task CheckingAnUnknownServiceIsNotFound()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _channel.UnaryCall(Methods.HealthCheck, new HealthCheckRequest { Service = "no.Such" }).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task ListReturnsEveryRegisteredService()
    {
        var list = RpcMethod<HealthListRequest, HealthListResponse>.Create(HealthReflection.Descriptor.Services[0], "List");

        var response = await _channel.UnaryCall(list, new HealthListRequest());

        Assert.Contains("rpctest.ProbeService", response.Statuses.Keys);
        Assert.Contains(string.Empty, response.Statuses.Keys);
    }

    [Fact]
    public async Task WatchSendsTheCurrentStatusThenEachChange()
    {
        const string service = "watched.Service";
        Registry.SetStatus(service, ServingStatus.Serving);
        using var call = _channel.ServerStreamingCall(Methods.HealthWatch, new HealthCheckRequest { Service = service });

        Assert.Equal(ServingStatus.Serving, await NextAsync(call));
        Registry.SetStatus(service, ServingStatus.NotServing);
        Assert.Equal(ServingStatus.NotServing, await NextAsync(call));
        Registry.SetStatus(service, ServingStatus.Serving);
        Assert.Equal(ServingStatus.Serving, await NextAsync(call));
        Registry.ClearStatus(service);
        Assert.Equal(ServingStatus.ServiceUnknown, await NextAsync(call));
    }

    [Fact]
    public async Task WatchingAnUnknownServiceSaysSoAndStaysOpen()
    {
        const string service = "later.Service";
        using var call = _channel.ServerStreamingCall(Methods.HealthWatch, new HealthCheckRequest { Service = service });

        Assert.Equal(ServingStatus.ServiceUnknown, await NextAsync(call));
        Registry.SetStatus(service, ServingStatus.Serving);
        Assert.Equal(ServingStatus.Serving, await NextAsync(call));
    }

    [Fact]
    public async Task SettingTheSameStatusAgainSendsNothing()
    {
        const string service = "steady.Service";
        Registry.SetStatus(service, ServingStatus.Serving);
        using var call = _channel.ServerStreamingCall(Methods.HealthWatch, new HealthCheckRequest { Service = service });
        Assert.Equal(ServingStatus.Serving, await NextAsync(call));

        Registry.SetStatus(service, ServingStatus.Serving);
        Registry.SetStatus(service, ServingStatus.NotServing);

        Assert.Equal(ServingStatus.NotServing, await NextAsync(call));
    }

    [Fact]
    public void OnceTheHostIsStoppingEverythingStaysNotServing()
    {
        var lifetime = new StoppingLifetime();
        var registry = new HealthStatusRegistry(lifetime);
        registry.SetStatus("", ServingStatus.Serving);

        lifetime.BeginStopping();
        registry.SetStatus("", ServingStatus.Serving);
        registry.SetStatus("late.Service", ServingStatus.Serving);

        Assert.True(registry.TryGetStatus("", out var status));
        Assert.Equal(ServingStatus.NotServing, status);
        Assert.False(registry.TryGetStatus("late.Service", out _));
    }

    private static async Task<ServingStatus> NextAsync(AsyncServerStreamingCall<HealthCheckResponse> call)
    {
        Assert.True(await call.ResponseStream.MoveNext().WaitAsync(s_wait));
        return call.ResponseStream.Current.Status;
    }

    public void Dispose() => _channel.Dispose();
}

/// <summary>A host lifetime whose stopping the test starts (a health probe may finish after it).</summary>
internal sealed class StoppingLifetime : IHostApplicationLifetime
{
    private readonly CancellationTokenSource _stopping = new();

    public CancellationToken ApplicationStarted => CancellationToken.None;

    public CancellationToken ApplicationStopping => _stopping.Token;

    public CancellationToken ApplicationStopped => CancellationToken.None;

    public void BeginStopping() => _stopping.Cancel();

    public void StopApplication() => BeginStopping();
}
