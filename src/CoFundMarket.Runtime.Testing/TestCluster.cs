using System.Reflection;
using CoFundMarket.Runtime.Grains;
using CoFundMarket.Runtime.Hosting;
using CoFundMarket.Runtime.Reminders;
using CoFundMarket.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CoFundMarket.Runtime.Testing;

/// <summary>
/// Several silos in one process over one shared storage, on one manual clock (the role of Orleans'
/// TestingHost). Silos can be stopped gracefully, killed (no deactivation, as a crash) and restarted.
/// Each silo serves its own activations: two silos calling the same grain hold two activations, and
/// storage versions keep them from overwriting each other.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    private readonly List<TestSilo> _silos = [];
    private readonly Action<IServiceCollection>? _configureServices;
    private readonly Action<SiloOptions>? _configureOptions;
    private readonly Assembly[] _grainAssemblies;
    private int _nextSiloNumber;

    private TestCluster(IGrainStorage storage, IReminderStore reminders, ManualTimeProvider time, Assembly[] grainAssemblies, Action<SiloOptions>? configureOptions, Action<IServiceCollection>? configureServices)
    {
        Storage = storage;
        Reminders = reminders;
        Time = time;
        _grainAssemblies = grainAssemblies;
        _configureOptions = configureOptions;
        _configureServices = configureServices;
    }

    /// <summary>The storage every silo shares.</summary>
    public IGrainStorage Storage { get; }

    /// <summary>The reminder rows every silo shares.</summary>
    public IReminderStore Reminders { get; }

    /// <summary>The clock of every silo.</summary>
    public ManualTimeProvider Time { get; }

    /// <summary>The running silos, oldest first.</summary>
    public IReadOnlyList<TestSilo> Silos => _silos;

    /// <summary>The first running silo's grain factory.</summary>
    public IGrainFactory Client => _silos.Count > 0 ? _silos[0].Silo : throw new InvalidOperationException("No silo is running.");

    /// <summary>Starts a cluster of <paramref name="siloCount"/> silos serving the grains of <paramref name="grainAssemblies"/>.</summary>
    /// <param name="grainAssemblies">Assemblies holding grain classes and interfaces.</param>
    /// <param name="siloCount">How many silos to start.</param>
    /// <param name="storage">Shared storage; in memory when null.</param>
    /// <param name="reminders">Shared reminder rows; in memory when null.</param>
    /// <param name="configureOptions">Silo settings.</param>
    /// <param name="configureServices">Extra services for every silo (grain dependencies, call filters).</param>
    public static async Task<TestCluster> StartAsync(
        Assembly[] grainAssemblies,
        int siloCount = 1,
        IGrainStorage? storage = null,
        IReminderStore? reminders = null,
        Action<SiloOptions>? configureOptions = null,
        Action<IServiceCollection>? configureServices = null)
    {
        var time = new ManualTimeProvider();
        var cluster = new TestCluster(storage ?? new InMemoryGrainStorage(time), reminders ?? new InMemoryReminderStore(), time, grainAssemblies, configureOptions, configureServices);
        for (var i = 0; i < siloCount; i++)
        {
            await cluster.StartSiloAsync();
        }

        return cluster;
    }

    /// <summary>Starts one more silo.</summary>
    public async Task<TestSilo> StartSiloAsync()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton(Storage);
        services.AddSingleton(Reminders);
        var builder = services.AddGrainRuntime(_configureOptions);
        foreach (var assembly in _grainAssemblies)
        {
            builder.AddGrainsFrom(assembly);
        }

        _configureServices?.Invoke(services);
        var provider = services.BuildServiceProvider();
        var silo = provider.GetRequiredService<Silo>();
        await silo.StartAsync();
        var testSilo = new TestSilo(++_nextSiloNumber, silo, provider);
        _silos.Add(testSilo);
        return testSilo;
    }

    /// <summary>Stops a silo gracefully: in-flight requests finish and every grain is deactivated.</summary>
    public async Task StopSiloAsync(TestSilo silo)
    {
        _silos.Remove(silo);
        await silo.Silo.StopAsync();
        await silo.Services.DisposeAsync();
    }

    /// <summary>Kills a silo: no deactivation, no OnDeactivateAsync, queued calls fail; as a crashed process.</summary>
    public async Task KillSiloAsync(TestSilo silo)
    {
        _silos.Remove(silo);
        await silo.Silo.KillAsync();
    }

    /// <summary>Kills a silo and starts a fresh one in its place (as a process restart after a crash).</summary>
    public async Task<TestSilo> RestartSiloAsync(TestSilo silo)
    {
        await KillSiloAsync(silo);
        return await StartSiloAsync();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos.ToArray())
        {
            await StopSiloAsync(silo);
        }
    }
}

/// <summary>A silo of a <see cref="TestCluster"/>.</summary>
/// <param name="Number">1 for the first silo started, 2 for the next, …</param>
/// <param name="Silo">The silo (its grain factory).</param>
/// <param name="Services">Its service provider.</param>
public sealed record TestSilo(int Number, Silo Silo, ServiceProvider Services);
