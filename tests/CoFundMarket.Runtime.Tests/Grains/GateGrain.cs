using System.Collections.Concurrent;
using CoFundMarket.Runtime.Grains;

namespace CoFundMarket.Runtime.Tests.Grains;

/// <summary>Requests that wait on a gate the test (or another request) opens: shows who may interleave.</summary>
public interface IGateGrain : IGrainWithStringKey
{
    /// <summary>Waits until <see cref="Open"/> is called.</summary>
    Task<string> WaitForGate();

    /// <summary>Opens the gate.</summary>
    Task Open();

    /// <summary>Read-only: waits for the gate too.</summary>
    [ReadOnly]
    Task<string> ReadWaitingForGate();

    /// <summary>Always interleaves: opens the gate.</summary>
    [AlwaysInterleave]
    Task OpenInterleaving();

    /// <summary>How many times Open ran on this activation.</summary>
    Task<int> OpenCount();
}

public static class Gates
{
    public static readonly ConcurrentDictionary<string, TaskCompletionSource<bool>> ByKey = new();

    public static TaskCompletionSource<bool> For(string key) =>
        ByKey.GetOrAdd(key, _ => new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
}

[GrainType("gate")]
public sealed class GateGrain : Grain, IGateGrain
{
    private int _opens;

    public Task<int> OpenCount() => Task.FromResult(_opens);

    public async Task<string> WaitForGate()
    {
        await Gates.For(GetPrimaryKeyString()).Task;
        return "passed";
    }

    public Task Open()
    {
        _opens++;
        Gates.For(GetPrimaryKeyString()).TrySetResult(true);
        return Task.CompletedTask;
    }

    public Task<string> ReadWaitingForGate() => WaitForGate();

    public Task OpenInterleaving() => Open();
}

public interface IReentrantGateGrain : IGrainWithStringKey
{
    Task<string> WaitForGate();

    Task Open();
}

[Reentrant]
[GrainType("reentrant-gate")]
public sealed class ReentrantGateGrain : Grain, IReentrantGateGrain
{
    public async Task<string> WaitForGate()
    {
        await Gates.For(GetPrimaryKeyString()).Task;
        return "passed";
    }

    public Task Open()
    {
        Gates.For(GetPrimaryKeyString()).TrySetResult(true);
        return Task.CompletedTask;
    }
}
