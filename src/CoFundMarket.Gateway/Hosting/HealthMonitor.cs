namespace CoFundMarket.Gateway.Hosting;

/// <summary>
/// Probes <see cref="ServiceHealth"/> every <c>Health:ProbeInterval</c> (default 5 s), so the gRPC health service turns
/// NOT_SERVING while storage is down and SERVING once it is back, and open Watch calls hear of each change.
/// </summary>
public sealed class HealthMonitor(ServiceHealth health, IConfiguration configuration, TimeProvider timeProvider, ILogger<HealthMonitor> logger) : BackgroundService
{
    /// <summary>The interval when none is configured.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(5);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue("Health:ProbeInterval", DefaultInterval);
        if (interval <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"Health:ProbeInterval must be positive; got {interval}.");
        }

        using var timer = new PeriodicTimer(interval, timeProvider);
        var wasHealthy = true;
        do
        {
            var report = await health.CheckAsync(stoppingToken);
            if (report.Healthy != wasHealthy)
            {
                if (report.Healthy)
                {
                    logger.LogInformation("Healthy again: the silo is {Silo} and storage answers", report.Silo);
                }
                else
                {
                    logger.LogWarning("Not serving: the silo is {Silo}; storage: {Storage}", report.Silo, report.Storage);
                }

                wasHealthy = report.Healthy;
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
