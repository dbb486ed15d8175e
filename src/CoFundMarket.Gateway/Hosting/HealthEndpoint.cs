namespace CoFundMarket.Gateway.Hosting;

/// <summary>
/// <c>GET /health</c>: whether the silo is running and storage answers a read (<see cref="ServiceHealth"/>). For load
/// balancers and people; the gRPC health service (grpc.health.v1) reports the same probe to gRPC clients.
/// </summary>
public static class HealthEndpoint
{
    /// <summary>Adds the health probe and the monitor that keeps the gRPC health service current.</summary>
    public static IServiceCollection AddServiceHealth(this IServiceCollection services)
    {
        services.AddSingleton<ServiceHealth>();
        services.AddHostedService<HealthMonitor>();
        return services;
    }

    /// <summary>Maps <c>/health</c>.</summary>
    public static void MapHealth(this WebApplication app) =>
        app.MapGet("/health", async (ServiceHealth health, CancellationToken cancellationToken) =>
        {
            var report = await health.CheckAsync(cancellationToken);
            return Results.Json(
                new { status = report.Healthy ? "serving" : "not_serving", silo = report.Silo.ToString(), activations = report.Activations, storage = report.Storage },
                statusCode: report.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
}
