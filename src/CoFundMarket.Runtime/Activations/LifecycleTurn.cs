using CoFundMarket.Runtime.Calls;

namespace CoFundMarket.Runtime.Activations;

/// <summary>
/// The activation's own work (activating, deactivating, a timer tick) as a request, so that it runs
/// in a turn like any call and calls it makes carry it in their chain.
/// </summary>
internal sealed class LifecycleTurn(GrainActivation activation, string what, Func<Task> work, bool admitted, bool interleave = false)
    : GrainRequest(activation, caller: null, requestValues: null)
{
    public override bool AlwaysInterleave => interleave;

    public override bool ReadOnly => false;

    public override bool IsAbandoned => false;

    public override string Description => $"{Activation.Id}.{what}";

    public override void Start()
    {
        Task running;
        try
        {
            running = work();
        }
        catch (Exception exception)
        {
            running = Task.FromException(exception);
        }

        if (admitted)
        {
            // A timer tick went through admission, so it must release its turn when done.
            running.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(() => Activation.EndRequest(this, running.Exception?.InnerException));
        }
    }

    public override void Fail(Exception exception)
    {
    }
}
