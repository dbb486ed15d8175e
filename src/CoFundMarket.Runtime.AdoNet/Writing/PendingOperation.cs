namespace CoFundMarket.Runtime.AdoNet.Writing;

/// <summary>
/// A change waiting in the group-commit queue: a grain state write or a reminder change. Its caller
/// may cancel it until a writer loop takes it into a batch; from then on it completes with the batch.
/// </summary>
internal abstract class PendingOperation
{
    private const int Queued = 0;
    private const int Taken = 1;
    private const int Cancelled = 2;

    private CancellationTokenRegistration _cancellation;
    private int _state;

    /// <summary>What the change is, for messages ("Writing grain_state …", "Removing reminder …").</summary>
    public abstract string Description { get; }

    /// <summary>Claims the change for a batch; false when its caller cancelled it first.</summary>
    public bool TryTake()
    {
        if (Interlocked.CompareExchange(ref _state, Taken, Queued) != Queued)
        {
            return false;
        }

        _cancellation.Dispose();
        return true;
    }

    /// <summary>Fails the change (its outcome is unknown or it was refused).</summary>
    public abstract void Fail(Exception exception);

    /// <summary>Lets <paramref name="cancellationToken"/> cancel the change while it is still queued.</summary>
    protected void CancelWith(CancellationToken cancellationToken) =>
        _cancellation = cancellationToken.UnsafeRegister(static (self, token) => ((PendingOperation)self!).CancelIfQueued(token), this);

    /// <summary>Completes the caller's task as cancelled.</summary>
    protected abstract void Cancel(CancellationToken token);

    private void CancelIfQueued(CancellationToken token)
    {
        if (Interlocked.CompareExchange(ref _state, Cancelled, Queued) == Queued)
        {
            Cancel(token);
        }
    }
}
