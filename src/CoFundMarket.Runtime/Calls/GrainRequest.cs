using System.Collections.Immutable;
using CoFundMarket.Runtime.Activations;

namespace CoFundMarket.Runtime.Calls;

/// <summary>
/// One unit of work an activation serves: a grain call, a timer tick, activation or deactivation.
/// It is also the <see cref="SynchronizationContext"/> its code runs under, which is how awaits in
/// grain code come back to the activation's turn queue, how the call chain is known (for deadlock
/// detection) and where the request's <see cref="Context.RequestContext"/> values live.
/// </summary>
internal abstract class GrainRequest : SynchronizationContext
{
    protected GrainRequest(GrainActivation activation, GrainRequest? caller, ImmutableDictionary<string, object>? requestValues)
    {
        Activation = activation;
        Caller = caller;
        RequestValues = requestValues;
    }

    /// <summary>The activation serving this request. Changes only when a queued request is forwarded after a deactivation.</summary>
    public GrainActivation Activation { get; set; }

    /// <summary>The request whose code made this call, when it came from a grain; the call chain.</summary>
    public GrainRequest? Caller { get; }

    /// <summary>This request's copy of the request context.</summary>
    public ImmutableDictionary<string, object>? RequestValues { get; set; }

    /// <summary>Interleaves with anything.</summary>
    public abstract bool AlwaysInterleave { get; }

    /// <summary>Interleaves with other read-only requests.</summary>
    public abstract bool ReadOnly { get; }

    /// <summary>Set at admission: whether this request keeps others waiting while it runs.</summary>
    public bool Blocking { get; set; }

    /// <summary>Admitted and not yet finished.</summary>
    public bool IsRunning { get; set; }

    /// <summary>The caller stopped waiting (timed out) before the request started; it is dropped, not run.</summary>
    public abstract bool IsAbandoned { get; }

    /// <summary><c>type/key.Method</c>, for messages.</summary>
    public abstract string Description { get; }

    /// <summary>Runs the first segment; called on the activation's turn queue under this context.</summary>
    public abstract void Start();

    /// <summary>Ends a request that will never run (activation failed, silo killed).</summary>
    public abstract void Fail(Exception exception);

    /// <inheritdoc />
    public override void Post(SendOrPostCallback d, object? state) => Activation.Post(d, state, this);

    /// <inheritdoc />
    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException($"Blocking on grain code ({Description}) would deadlock its activation; await instead.");

    /// <inheritdoc />
    public override SynchronizationContext CreateCopy() => this;

    /// <summary>True when <paramref name="activation"/> is already serving a request of this chain that would block <paramref name="incoming"/>.</summary>
    public static bool WouldDeadlock(GrainRequest? chain, GrainActivation activation, GrainRequest incoming)
    {
        for (var request = chain; request is not null; request = request.Caller)
        {
            if (request.Activation == activation && request.IsRunning && request.Blocks(incoming))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The chain as <c>a → b → a</c>, oldest first.</summary>
    public static string DescribeChain(GrainRequest? chain, GrainRequest incoming)
    {
        var steps = new List<string> { incoming.Description };
        for (var request = chain; request is not null; request = request.Caller)
        {
            steps.Add(request.Description);
        }

        steps.Reverse();
        return string.Join(" → ", steps);
    }

    private bool Blocks(GrainRequest incoming) =>
        Blocking && !incoming.AlwaysInterleave && !(ReadOnly && incoming.ReadOnly);
}
