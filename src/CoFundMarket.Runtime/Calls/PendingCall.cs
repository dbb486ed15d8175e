namespace CoFundMarket.Runtime.Calls;

/// <summary>
/// The caller's side of a call that did not complete inline: the task the caller awaits (its
/// continuations never run on the activation's thread) and the call's place in the silo's
/// <see cref="CallTimeouts"/>, in one object.
/// </summary>
internal sealed class PendingCall<T>(GrainCall<T> call) : TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously), ITimedCall
{
    public long Deadline { get; set; }

    public ITimedCall? Previous { get; set; }

    public ITimedCall? Next { get; set; }

    public CallTimeouts.Shard? Shard { get; set; }

    public void TimeOut() => call.OnTimeout();
}
