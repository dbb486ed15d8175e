using CoFundMarket.Runtime.AdoNet.Dialects;
using CoFundMarket.Runtime.Identity;

namespace CoFundMarket.Runtime.AdoNet.Writing;

/// <summary>
/// A reminder registration or removal waiting for a group commit. Grains register a reminder before
/// a saga step and remove it after the last one, so these are as frequent as state writes and must
/// not pay a durable commit each.
/// </summary>
/// <typeparam name="TResult">What the caller gets: the stored row for a registration, whether a row went for a removal.</typeparam>
internal sealed class PendingReminderChange<TResult> : PendingReminderChange
{
    private readonly TaskCompletionSource<TResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Func<StatementResult, TResult> _result;

    public PendingReminderChange(GrainId grain, string name, SqlStatement statement, Func<StatementResult, TResult> result, CancellationToken cancellationToken)
        : base(grain, name, statement)
    {
        _result = result;
        CancelWith(cancellationToken);
    }

    public Task<TResult> Completion => _completion.Task;

    public override void Complete(StatementResult result) => _completion.TrySetResult(_result(result));

    public override void Fail(Exception exception) => _completion.TrySetException(exception);

    protected override void Cancel(CancellationToken token) => _completion.TrySetCanceled(token);
}

/// <summary>A reminder change in a batch, whatever its result type.</summary>
internal abstract class PendingReminderChange(GrainId grain, string name, SqlStatement statement) : PendingOperation
{
    public GrainId Grain { get; } = grain;

    public string Name { get; } = name;

    /// <summary>The statement that makes the change inside the batch's transaction.</summary>
    public SqlStatement Statement { get; } = statement;

    public override string Description => $"Changing reminder '{Name}' of {Grain}";

    /// <summary>Completes the caller with what the statement did.</summary>
    public abstract void Complete(StatementResult result);
}
