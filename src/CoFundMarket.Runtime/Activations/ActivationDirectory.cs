using System.Collections.Concurrent;
using CoFundMarket.Runtime.Grains;
using CoFundMarket.Runtime.Hosting;
using CoFundMarket.Runtime.Identity;

namespace CoFundMarket.Runtime.Activations;

/// <summary>The silo's activations by grain id: at most one per grain, created on first call.</summary>
internal sealed class ActivationDirectory(Silo silo)
{
    private readonly ConcurrentDictionary<GrainId, GrainActivation> _activations = new();

    public int Count => _activations.Count;

    public ICollection<GrainActivation> All => _activations.Values;

    /// <summary>The live activation of <paramref name="id"/>, created (and activation started) when there is none.
    /// Concurrent first calls get the same activation and queue behind its activation.</summary>
    public GrainActivation GetOrCreate(GrainId id, GrainClass grainClass)
    {
        if (_activations.TryGetValue(id, out var existing))
        {
            return existing;
        }

        silo.ThrowIfNotAcceptingActivations();
        var created = new GrainActivation(silo, grainClass, id);
        var winner = _activations.GetOrAdd(id, created);
        if (winner == created)
        {
            created.BeginActivation();
        }

        return winner;
    }

    public bool TryGet(GrainId id, out GrainActivation? activation) => _activations.TryGetValue(id, out activation);

    /// <summary>Removes <paramref name="activation"/> if it is still the one registered for its grain.</summary>
    public void Remove(GrainActivation activation) => _activations.TryRemove(KeyValuePair.Create(activation.Id, activation));

    public void Clear() => _activations.Clear();
}
