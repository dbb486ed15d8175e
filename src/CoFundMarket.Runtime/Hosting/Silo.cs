using System.Collections.Concurrent;
using System.Reflection;
using CoFundMarket.Runtime.Activations;
using CoFundMarket.Runtime.Calls;
using CoFundMarket.Runtime.Grains;
using CoFundMarket.Runtime.Identity;
using CoFundMarket.Runtime.Persistence;
using CoFundMarket.Runtime.Reminders;
using CoFundMarket.Runtime.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CoFundMarket.Runtime.Hosting;

/// <summary>
/// One node of the runtime: owns the activations of the grains it serves, their turn queues, idle
/// collection, reminders and the local event feed. It is the <see cref="IGrainFactory"/> of its
/// process. Storage is shared, so several silos (processes, or in-process test silos) may serve the
/// same grains; versions keep them from overwriting each other.
/// </summary>
public sealed class Silo : IGrainFactory, IAsyncDisposable
{
    private readonly ConcurrentDictionary<Type, GrainProxy> _proxyPrototypes = new();
    private readonly ActivationCollector _collector;
    private readonly ReminderService _reminders;
    private volatile SiloStatus _status = SiloStatus.Created;

    /// <summary>Built by dependency injection; see <see cref="RuntimeServiceCollectionExtensions.AddGrainRuntime"/>.</summary>
    public Silo(
        IServiceProvider services,
        IOptions<SiloOptions> options,
        GrainAssemblies assemblies,
        IGrainStorage storage,
        IReminderStore reminderStore,
        TimeProvider timeProvider,
        IEnumerable<IIncomingGrainCallFilter> callFilters,
        ILoggerFactory loggerFactory)
    {
        Options = options.Value;
        Options.Validate();
        Services = services;
        Storage = storage;
        TimeProvider = timeProvider;
        Logger = loggerFactory.CreateLogger<Silo>();
        CallFilters = [.. callFilters];
        Registry = new GrainTypeRegistry(assemblies.Assemblies);
        Serializer = new GrainJsonSerializer(Options.JsonTypeInfoResolvers);
        Directory = new ActivationDirectory(this);
        EventFeed = new EventFeed.EventFeed(storage, timeProvider, Options.EventFeedPollInterval);
        _collector = new ActivationCollector(this);
        _reminders = new ReminderService(this, reminderStore);
    }

    /// <summary>The silo's settings.</summary>
    public SiloOptions Options { get; }

    /// <summary>Where the silo is in its life.</summary>
    public SiloStatus Status => _status;

    /// <summary>The clock for timers, reminders, idle collection and call timeouts.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Durable state, journal and feed.</summary>
    public IGrainStorage Storage { get; }

    /// <summary>Committed events in position order, live.</summary>
    public EventFeed.EventFeed EventFeed { get; }

    /// <summary>The JSON settings state and events are stored with (for replaying journals outside grains).</summary>
    public System.Text.Json.JsonSerializerOptions JsonOptions => Serializer.Options;

    /// <summary>Live activations on this silo.</summary>
    public int ActivationCount => Directory.Count;

    internal IServiceProvider Services { get; }

    internal ILogger Logger { get; }

    internal IReadOnlyList<IIncomingGrainCallFilter> CallFilters { get; }

    internal GrainTypeRegistry Registry { get; }

    internal GrainJsonSerializer Serializer { get; }

    internal ActivationDirectory Directory { get; }

    internal ReminderService Reminders => _reminders;

    /// <summary>The clocks of calls that complete later.</summary>
    internal CallTimeouts CallTimeouts { get; } = new();

    /// <summary>The silo clock in ticks (100 ns).</summary>
    internal long ClockTicks => TimeProvider.GetUtcNow().UtcTicks;

    /// <summary>Starts serving: idle collection and reminder delivery begin.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_status != SiloStatus.Created)
        {
            throw new InvalidOperationException($"The silo is {_status}; a silo starts once.");
        }

        _status = SiloStatus.Running;
        _collector.Start();
        _reminders.Start();
        Logger.LogInformation("Silo started with grain types {GrainTypes}", string.Join(", ", Registry.Classes.Select(c => c.TypeName)));
        return Task.CompletedTask;
    }

    /// <summary>
    /// Graceful shutdown: refuse new external calls, let in-flight requests finish (up to
    /// <see cref="SiloOptions.ShutdownTimeout"/>), deactivate every grain, then stop.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_status != SiloStatus.Running)
        {
            return;
        }

        _status = SiloStatus.Stopping;
        await _reminders.StopAsync();
        _collector.Stop();
        var deactivations = Directory.All.Select(a => a.DeactivateAsync()).ToArray();
        try
        {
            await Task.WhenAll(deactivations).WaitAsync(Options.ShutdownTimeout, TimeProvider.System, cancellationToken);
        }
        catch (TimeoutException)
        {
            Logger.LogWarning("Shutdown timed out with {Count} activations still deactivating", deactivations.Count(d => !d.IsCompleted));
        }

        _status = SiloStatus.Stopped;
        Logger.LogInformation("Silo stopped");
    }

    /// <summary>Stops at once, as a crash would: no deactivation, timers and reminders stop, queued calls fail.
    /// In-flight turns are not interrupted (a process kill would); what they write still obeys versions.</summary>
    public async Task KillAsync()
    {
        _status = SiloStatus.Killed;
        await _reminders.StopAsync();
        _collector.Stop();
        var killed = new SiloUnavailableException("The silo was killed.");
        foreach (var activation in Directory.All)
        {
            activation.Kill(killed);
        }

        Directory.Clear();
    }

    /// <inheritdoc />
    public TGrainInterface GetGrain<TGrainInterface>(string key) where TGrainInterface : IGrainWithStringKey
    {
        var grainClass = Registry.ForInterface(typeof(TGrainInterface));
        ValidateKey(key, typeof(TGrainInterface));
        return CreateProxy<TGrainInterface>(grainClass, new GrainId(grainClass.TypeName, key));
    }

    /// <inheritdoc />
    public TGrainInterface GetGrain<TGrainInterface>(GrainId grainId) where TGrainInterface : IGrain
    {
        var grainClass = Registry.ForTypeName(grainId.Type);
        if (!typeof(TGrainInterface).IsAssignableFrom(grainClass.ClassType))
        {
            throw new GrainTypeResolutionException($"Grain type '{grainId.Type}' ({grainClass.ClassType.Name}) does not implement {typeof(TGrainInterface).Name}.");
        }

        ValidateKey(grainId.Key, typeof(TGrainInterface));
        return CreateProxy<TGrainInterface>(grainClass, grainId);
    }

    /// <summary>Deactivates idle activations now (what the collector does every quantum); completes when they are gone.</summary>
    public Task CollectIdleActivationsAsync() => _collector.CollectAsync();

    /// <summary>Asks the grain's activation, if any, to deactivate once idle; completes when it has.</summary>
    public Task DeactivateAsync(GrainId grainId) =>
        Directory.TryGet(grainId, out var activation) ? activation!.DeactivateAsync() : Task.CompletedTask;

    /// <summary>Delivers due reminders now (what the reminder timer does); completes when they were delivered.</summary>
    public Task DeliverDueRemindersAsync() => _reminders.DeliverDueAsync();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_status == SiloStatus.Running)
        {
            await StopAsync();
        }

        _reminders.Dispose();
    }

    internal void ThrowIfNotAcceptingCalls(GrainRequest? caller)
    {
        var status = _status;
        // While stopping, calls made by in-flight requests still run so those requests can finish.
        if (status == SiloStatus.Running || (status == SiloStatus.Stopping && caller?.Activation.Silo == this))
        {
            return;
        }

        throw new SiloUnavailableException($"The silo is {status.ToString().ToLowerInvariant()} and takes no new calls.");
    }

    internal void ThrowIfNotAcceptingActivations()
    {
        if (_status is SiloStatus.Killed or SiloStatus.Stopped)
        {
            throw new SiloUnavailableException($"The silo is {_status.ToString().ToLowerInvariant()} and activates no grains.");
        }
    }

    private TGrainInterface CreateProxy<TGrainInterface>(GrainClass grainClass, GrainId id)
    {
        // DispatchProxy.Create finds the generated type and builds it by reflection on every call, which
        // cost a pledge saga more than its grain calls did; a copy of one prototype per interface is a
        // plain allocation. The Type-based Create is used because the generic one needs T bound to a
        // class constraint the factory's signature cannot promise.
        var prototype = _proxyPrototypes.GetOrAdd(
            typeof(TGrainInterface),
#pragma warning disable CA2263
            static type => (GrainProxy)DispatchProxy.Create(type, typeof(GrainProxy)));
#pragma warning restore CA2263
        return (TGrainInterface)(object)prototype.CopyFor(this, grainClass, id);
    }

    private static void ValidateKey(string key, Type grainInterface)
    {
        if (string.IsNullOrEmpty(key))
        {
            throw new ArgumentException($"The key of a {grainInterface.Name} must not be empty.", nameof(key));
        }

        if (key.Length > GrainId.MaxKeyLength)
        {
            throw new ArgumentException($"The key of a {grainInterface.Name} is {key.Length} characters; at most {GrainId.MaxKeyLength} are allowed.", nameof(key));
        }

        if (key.Any(char.IsControl))
        {
            throw new ArgumentException($"The key of a {grainInterface.Name} contains a control character.", nameof(key));
        }
    }
}
