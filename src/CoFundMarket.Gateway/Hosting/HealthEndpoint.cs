using CoFundMarket.Runtime.Hosting;
using CoFundMarket.Runtime.Identity;
using CoFundMarket.Runtime.Storage;

namespace CoFundMarket.Gateway.Hosting;

/// <summary>
/// <c>GET /health</c>: whether the silo is running and storage answers a read. For load balancers and
/// people; the gRPC health service (grpc.health.v1) serves the same facts to gRPC clients.
/// </summary>
public static class HealthEndpoint
{
    private static readonly GrainStateKey s_probe = new(new GrainId("health", "probe"), "state");

    /// <summary>Maps <c>/health</c>.</summary>
    public static void MapHealth(this WebApplication app) =>
        app.MapGet("/health", async (Silo silo, IGrainStorage storage, CancellationToken cancellationToken) =>
        {
            string storageStatus;
            try
            {
                // A state no grain has: one indexed read that has to reach the database.
                await storage.ReadAsync(s_probe, cancellationToken);
                storageStatus = "ok";
            }
            catch (GrainStorageException e)
            {
                storageStatus = e.Message;
            }

            var healthy = silo.Status == SiloStatus.Running && storageStatus == "ok";
            return Results.Json(
                new { status = healthy ? "serving" : "not_serving", silo = silo.Status.ToString(), activations = silo.ActivationCount, storage = storageStatus },
                statusCode: healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
}
