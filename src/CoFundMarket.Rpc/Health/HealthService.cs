using System.Threading.Channels;
using CoFundMarket.Rpc.Health.V1;
using ServingStatus = CoFundMarket.Rpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace CoFundMarket.Rpc.Health;

/// <summary><c>grpc.health.v1.Health</c> (doc/health-checking.md), answering from <see cref="HealthStatusRegistry"/>.</summary>
internal sealed class HealthService(HealthStatusRegistry registry)
{
    /// <summary>The status of one service; NOT_FOUND when it is not registered.</summary>
    public Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context)
    {
        if (!registry.TryGetStatus(request.Service, out var status))
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"Service '{request.Service}' is not known to the health service."));
        }

        return Task.FromResult(new HealthCheckResponse { Status = status });
    }

    /// <summary>Every registered service's status.</summary>
    public Task<HealthListResponse> List(HealthListRequest request, ServerCallContext context)
    {
        var response = new HealthListResponse();
        foreach (var (service, status) in registry.GetAll())
        {
            response.Statuses[service] = new HealthCheckResponse { Status = status };
        }

        return Task.FromResult(response);
    }

    /// <summary>The current status, then each change; an unknown service is SERVICE_UNKNOWN and the call stays open.</summary>
    public async Task Watch(HealthCheckRequest request, IServerStreamWriter<HealthCheckResponse> responseStream, ServerCallContext context)
    {
        // Capacity 1, oldest dropped: a slow watcher skips to the latest status instead of queueing stale ones.
        var changes = Channel.CreateBounded<ServingStatus>(new BoundedChannelOptions(1)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        if (!registry.Subscribe(request.Service, changes.Writer))
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "The server is shutting down."));
        }

        try
        {
            await foreach (var status in changes.Reader.ReadAllAsync(context.CancellationToken))
            {
                await responseStream.WriteAsync(new HealthCheckResponse { Status = status });
            }
        }
        finally
        {
            registry.Unsubscribe(request.Service, changes.Writer);
        }
    }
}
