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
}
