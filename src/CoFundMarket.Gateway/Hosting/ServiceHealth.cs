using CoFundMarket.Rpc.Health;
using CoFundMarket.Runtime.Hosting;
using CoFundMarket.Runtime.Identity;
using CoFundMarket.Runtime.Storage;
using ServingStatus = CoFundMarket.Rpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace CoFundMarket.Gateway.Hosting;

/// <summary>What one health probe found: the silo's state and storage's answer ("ok", or why it failed).</summary>
public sealed record HealthReport(bool Healthy, SiloStatus Silo, int Activations, string Storage);

/// <summary>
/// Whether the gateway can serve: the silo is running and storage answers a read. Each probe also sets what
/// <c>grpc.health.v1.Health</c> reports for the server and the cofund.v1 services, so <c>GET /health</c> and gRPC health
/// checks say the same thing; <see cref="HealthMonitor"/> probes on a timer so gRPC clients learn of an outage (and of
/// the recovery) without anyone calling <c>/health</c>.
/// </summary>
public sealed class ServiceHealth(Silo silo, IGrainStorage storage, HealthStatusRegistry registry)
{
    private static readonly GrainStateKey s_probe = new(new GrainId("health", "probe"), "state");

    /// <summary>Probes the silo and storage, publishes the result to the gRPC health service, and returns it.</summary>
    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        string storageStatus;
        try
        {
            // A state no grain has: one indexed read that has to reach the database.
            await storage.ReadAsync(s_probe, cancellationToken);
            storageStatus = "ok";
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Any failure is an unhealthy answer, not an error: the monitor probing on a timer must never fault (a faulted
            // background service stops the host), and /health must answer 503 rather than 500.
            storageStatus = e.Message;
        }

        var report = new HealthReport(silo.Status == SiloStatus.Running && storageStatus == "ok", silo.Status, silo.ActivationCount, storageStatus);
        Publish(report.Healthy ? ServingStatus.Serving : ServingStatus.NotServing);
        return report;
    }

    /// <summary>The server ("") and every API service; the health and reflection services themselves keep answering.</summary>
    private void Publish(ServingStatus status)
    {
        foreach (var service in registry.GetAll().Keys)
        {
            if (!service.StartsWith("grpc.", StringComparison.Ordinal))
            {
                registry.SetStatus(service, status);
            }
        }
    }
}
