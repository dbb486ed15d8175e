using System.Collections.Concurrent;
using CoFundMarket.Runtime.Grains;

namespace CoFundMarket.Runtime.Tests.Grains;

public interface IActivationProbeGrain : IGrainWithStringKey
{
    Task<int> ActivationNumber();

    Task Deactivate();
}

/// <summary>Counts how often each key was constructed and activated; fails activation while told to.</summary>
[GrainType("activation-probe")]
public sealed class ActivationProbeGrain : Grain, IActivationProbeGrain
{
    public static readonly ConcurrentDictionary<string, int> Constructions = new();
    public static readonly ConcurrentDictionary<string, int> Deactivations = new();
    public static readonly ConcurrentDictionary<string, int> FailuresToInject = new();
    private int _number;

    public ActivationProbeGrain()
    {
        Constructions.AddOrUpdate(GetPrimaryKeyString(), 1, (_, n) => n + 1);
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Real asynchrony so concurrent first calls overlap the activation.
        await Task.Delay(20, cancellationToken);
        var key = GetPrimaryKeyString();
        if (FailuresToInject.TryGetValue(key, out var left) && left > 0)
        {
            FailuresToInject[key] = left - 1;
            throw new InvalidOperationException($"injected activation failure for {key}");
        }

        _number = Constructions[key];
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Deactivations.AddOrUpdate(GetPrimaryKeyString(), 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }

    public Task<int> ActivationNumber() => Task.FromResult(_number);

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
