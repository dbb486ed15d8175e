using System.Collections.Concurrent;

namespace CoFundMarket.Rpc.Tests.Services;

/// <summary>What handlers saw, keyed by the id a test gave its call: whether they ran, and how their token was cancelled.</summary>
public sealed class CallObserver
{
    private readonly ConcurrentDictionary<string, Observation> _calls = new();

    public void Started(string id) => Get(id).Started.TrySetResult();

    public void Cancelled(string id, bool deadlinePassed) => Get(id).Cancelled.TrySetResult(deadlinePassed);

    /// <summary>Completes when the handler for <paramref name="id"/> started.</summary>
    public Task WhenStarted(string id) => Get(id).Started.Task;

    /// <summary>Completes with whether the deadline had passed when the handler's token was cancelled.</summary>
    public Task<bool> WhenCancelled(string id) => Get(id).Cancelled.Task;

    public bool HasStarted(string id) => _calls.TryGetValue(id, out var observation) && observation.Started.Task.IsCompleted;

    private Observation Get(string id) => _calls.GetOrAdd(id, _ => new Observation());

    private sealed class Observation
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<bool> Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
