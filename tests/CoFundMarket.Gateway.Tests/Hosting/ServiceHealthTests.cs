using CoFundMarket.Gateway.Hosting;
using CoFundMarket.Gateway.Tests.Fixtures;
using CoFundMarket.Rpc.Health;
using CoFundMarket.Runtime.Hosting;
using CoFundMarket.Runtime.Identity;
using CoFundMarket.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;
using ServingStatus = CoFundMarket.Rpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace CoFundMarket.Gateway.Tests.Hosting;

/// <summary>The health probe turns any storage failure into an unhealthy answer, never an exception.</summary>
public sealed class ServiceHealthTests(GatewayServer gateway) : IClassFixture<GatewayServer>
{
    [Fact]
    public async Task AnUnexpectedStorageFailureIsNotServingAndNotAnException()
    {
        var registry = new HealthStatusRegistry();
        registry.SetStatus("", ServingStatus.Serving);
        registry.SetStatus("cofund.v1.ProjectService", ServingStatus.Serving);
        registry.SetStatus("grpc.health.v1.Health", ServingStatus.Serving);
        var health = new ServiceHealth(gateway.Services.GetRequiredService<Silo>(), new BrokenStorage(), registry);

        var report = await health.CheckAsync(CancellationToken.None);

        Assert.False(report.Healthy);
        Assert.Equal("the driver fell over", report.Storage);
        Assert.True(registry.TryGetStatus("cofund.v1.ProjectService", out var api));
        Assert.Equal(ServingStatus.NotServing, api);
        Assert.True(registry.TryGetStatus("grpc.health.v1.Health", out var itself));
        Assert.Equal(ServingStatus.Serving, itself);
    }

    /// <summary>Storage whose reads fail with an exception that is not a <see cref="GrainStorageException"/>.</summary>
    private sealed class BrokenStorage : IGrainStorage
    {
        public Task<StoredState?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken = default) =>
            Task.FromException<StoredState?>(new InvalidOperationException("the driver fell over"));

        public Task<StateWriteResult> WriteAsync(StateWrite write, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<StoredEvent>> ReadJournalAsync(GrainId grain, long afterSequence, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<StoredEvent>> ReadFeedAsync(long afterPosition, int limit, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public IAsyncEnumerable<(GrainStateKey Key, StoredState State)> ScanAsync(string grainType, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
