using CoFundMarket.Runtime.Persistence;
using CoFundMarket.Runtime.Storage;

namespace CoFundMarket.Runtime.AdoNet.Writing;

/// <summary>A conditional grain state write (with its journal events) waiting for a group commit.</summary>
internal sealed class PendingWrite : PendingOperation
{
    private readonly TaskCompletionSource<StateWriteResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PendingWrite(StateWrite write, CancellationToken cancellationToken)
    {
        Write = write;
        CancelWith(cancellationToken);
    }

    public StateWrite Write { get; }

    public Task<StateWriteResult> Completion => _completion.Task;

    public override string Description => $"Writing {Write.Key}";

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

    public override void Fail(Exception exception) => _completion.TrySetException(exception);

    protected override void Cancel(CancellationToken token) => _completion.TrySetCanceled(token);
}
