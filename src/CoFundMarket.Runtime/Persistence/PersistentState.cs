using System.Diagnostics;
using CoFundMarket.Runtime.Activations;
using CoFundMarket.Runtime.Diagnostics;
using CoFundMarket.Runtime.Storage;

namespace CoFundMarket.Runtime.Persistence;

/// <summary>The runtime's <see cref="IPersistentState{TState}"/>: one row, read at activation, written with a version check.</summary>
internal sealed class PersistentState<TState> : IPersistentState<TState>, IActivationLoader where TState : new()
{
    private readonly GrainActivation _activation;
    private readonly GrainStateKey _key;

    private PersistentState(GrainActivation activation, string stateName)
    {
        _activation = activation;
        _key = new GrainStateKey(activation.Id, stateName);
        activation.AddLoader(this);
    }

    public TState State { get; set; } = new();

    public long Etag { get; private set; }

    public bool RecordExists { get; private set; }

    public Task LoadAsync(CancellationToken cancellationToken) => ReadStateAsync(cancellationToken);

    public async Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var stored = await _activation.Silo.Storage.ReadAsync(_key, cancellationToken);
        RuntimeTelemetry.StorageDuration.Record(RuntimeTelemetry.ElapsedMilliseconds(started));
        if (stored is null)
        {
            (State, Etag, RecordExists) = (new TState(), 0, false);
            return;
        }

        State = stored.Payload is null
            ? new TState()
            : (TState)_activation.Silo.Serializer.Deserialize(stored.Payload, typeof(TState), $"State {_key} (version {stored.Version})");
        Etag = stored.Version;
        RecordExists = stored.Payload is not null;
    }

    public Task WriteStateAsync(CancellationToken cancellationToken = default) =>
        WriteAsync(_activation.Silo.Serializer.Serialize(State!, typeof(TState)), cancellationToken);

    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        await WriteAsync(payload: null, cancellationToken);
        State = new TState();
    }

    private async Task WriteAsync(string? payload, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await _activation.Silo.Storage.WriteAsync(new StateWrite(_key, Etag, payload, []), cancellationToken);
            Etag = result.Version;
            RecordExists = payload is not null;
        }
        catch (Exception e) when (e is InconsistentStateException or GrainStorageException)
        {
            // The in-memory state can no longer be trusted: deactivate after this request, even if the grain catches this.
            if (e is InconsistentStateException)
            {
                RuntimeTelemetry.StorageConflicts.Add(1);
            }

            _activation.RequestDeactivation(Grains.DeactivationReason.StateUncertain);
            throw;
        }
        finally
        {
            RuntimeTelemetry.StorageDuration.Record(RuntimeTelemetry.ElapsedMilliseconds(started));
        }
    }
}
