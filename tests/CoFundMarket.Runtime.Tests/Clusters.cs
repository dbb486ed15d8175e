using CoFundMarket.Runtime.Hosting;
using CoFundMarket.Runtime.Reminders;
using CoFundMarket.Runtime.Storage;
using CoFundMarket.Runtime.Testing;
using CoFundMarket.Runtime.Tests.Grains;
using Microsoft.Extensions.DependencyInjection;

namespace CoFundMarket.Runtime.Tests;

/// <summary>Starts test clusters serving the test grains.</summary>
internal static class Clusters
{
    public static Task<TestCluster> Start(
        int silos = 1,
        IGrainStorage? storage = null,
        IReminderStore? reminders = null,
        Action<SiloOptions>? options = null,
        Action<IServiceCollection>? services = null) =>
        TestCluster.StartAsync([typeof(CounterGrain).Assembly], silos, storage, reminders, options, services);

    /// <summary>Waits (in real time, bounded) for a condition that background work makes true.</summary>
    public static async Task Eventually(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not true after 10 s: {what}");
            }

            await Task.Delay(10);
        }
    }
}
