using CoFundMarket.Runtime.Persistence;
using CoFundMarket.Runtime.Storage;

namespace CoFundMarket.Runtime.AdoNet.Writing;

/// <summary>
/// A write waiting in the group-commit queue. Its caller may cancel it until a writer loop takes it
/// into a batch; from then on it completes with the batch.
/// </summary>
internal sealed class PendingWrite
{
    private const int Queued = 0;
    private const int Taken = 1;
    private const int Cancelled = 2;

    private readonly TaskCompletionSource<StateWriteResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenRegistration _cancellation;
    private int _state;

    public PendingWrite(StateWrite write, CancellationToken cancellationToken)
    {
        Write = write;
        _cancellation = cancellationToken.UnsafeRegister(static (self, token) => ((PendingWrite)self!).CancelIfQueued(token), this);
    }

    public StateWrite Write { get; }

    public Task<StateWriteResult> Completion => _completion.Task;

    /// <summary>Claims the write for a batch; false when its caller cancelled it first.</summary>
    public bool TryTake()
    {
        if (Interlocked.CompareExchange(ref _state, Taken, Queued) != Queued)
        {
            return false;
        }

        _cancellation.Dispose();
        return true;
    }

    public void Complete(WriteOutcome outcome)
    {
        if (outcome.Result is { } result)
        {
            _completion.TrySetResult(result);
        }
        else
        {
            _completion.TrySetException(new InconsistentStateException(Write.Key.ToString(), Write.ExpectedVersion, outcome.StoredVersion));
        }
    }

    public void Fail(Exception exception) => _completion.TrySetException(exception);

    private void CancelIfQueued(CancellationToken token)
    {
        if (Interlocked.CompareExchange(ref _state, Cancelled, Queued) == Queued)
        {
            _completion.TrySetCanceled(token);
        }
    }
}
