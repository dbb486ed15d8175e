using CoFundMarket.Runtime.Activations;
using CoFundMarket.Runtime.Identity;
using CoFundMarket.Runtime.Reminders;
using CoFundMarket.Runtime.Timers;

namespace CoFundMarket.Runtime.Grains;

/// <summary>
/// The base of every grain class. The runtime constructs grains (with their services and
/// persistent states from the constructor), so a grain is never created with <c>new</c>.
/// </summary>
public abstract class Grain
{
    /// <summary>Binds the grain to the activation being constructed.</summary>
    protected Grain()
    {
        Activation = GrainActivation.Constructing
            ?? throw new InvalidOperationException($"{GetType().Name} is a grain: the runtime creates it. Use IGrainFactory.GetGrain to call it.");
    }

    /// <summary>This grain's identity.</summary>
    public GrainId GrainId => Activation.Id;

    internal GrainActivation Activation { get; }

    /// <summary>Creates references to other grains (and to this one).</summary>
    protected IGrainFactory GrainFactory => Activation.Silo;

    /// <summary>The silo clock; inject a manual one in tests.</summary>
    protected TimeProvider TimeProvider => Activation.Silo.TimeProvider;

    /// <summary>The string key of this grain.</summary>
    public string GetPrimaryKeyString() => Activation.Id.Key;

    /// <summary>Runs after state was loaded and before the first request.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs before the activation is dropped. Best effort: a crash skips it, so never save state only here.</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Deactivates this activation after the current request; takes priority over <see cref="DelayDeactivation"/>.</summary>
    protected void DeactivateOnIdle() => Activation.RequestDeactivation(DeactivationReason.ApplicationRequested);

    /// <summary>Keeps this activation from idle collection for at least <paramref name="delay"/> from now
    /// (<see cref="TimeSpan.Zero"/> cancels; <see cref="TimeSpan.MaxValue"/> means indefinitely). Never shortens the collection age.</summary>
    protected void DelayDeactivation(TimeSpan delay) => Activation.DelayDeactivation(delay);

    /// <summary>Starts an in-memory timer whose ticks run as turns of this grain (non-reentrant unless
    /// <see cref="GrainTimerOptions.Interleave"/>). Ticks never overlap; the period counts from the end of a tick.
    /// The timer dies with the activation.</summary>
    protected IDisposable RegisterGrainTimer(Func<CancellationToken, Task> callback, GrainTimerOptions options) =>
        GrainTimer.Start(Activation, callback, options);

    /// <summary>Creates or moves a durable reminder that wakes this grain through <see cref="IRemindable"/>, even after a restart.</summary>
    protected Task RegisterOrUpdateReminder(string name, TimeSpan dueTime, TimeSpan period) =>
        Activation.Silo.Reminders.RegisterAsync(Activation, name, dueTime, period);

    /// <summary>Deletes a durable reminder of this grain; false when there was none.</summary>
    protected Task<bool> UnregisterReminder(string name) => Activation.Silo.Reminders.UnregisterAsync(Activation.Id, name);

    /// <summary>This grain's durable reminders.</summary>
    protected Task<IReadOnlyList<ReminderEntry>> GetReminders() => Activation.Silo.Reminders.ReadAsync(Activation.Id);
}
