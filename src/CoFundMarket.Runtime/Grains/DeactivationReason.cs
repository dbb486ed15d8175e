namespace CoFundMarket.Runtime.Grains;

/// <summary>Why an activation is being deactivated.</summary>
public enum DeactivationReason
{
    /// <summary>It was idle longer than its collection age.</summary>
    IdleTimeout,

    /// <summary>The grain asked for it with <see cref="Grain.DeactivateOnIdle"/>.</summary>
    ApplicationRequested,

    /// <summary>A write conflicted or failed, so the in-memory state may be stale.</summary>
    StateUncertain,

    /// <summary>The silo is shutting down gracefully.</summary>
    ShuttingDown,
}
