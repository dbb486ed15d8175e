namespace CoFundMarket.Runtime.Hosting;

/// <summary>Where a silo is in its life.</summary>
public enum SiloStatus
{
    /// <summary>Built, not started.</summary>
    Created,

    /// <summary>Serving calls.</summary>
    Running,

    /// <summary>Graceful shutdown: in-flight requests finish, new external calls are refused.</summary>
    Stopping,

    /// <summary>Stopped after deactivating every grain.</summary>
    Stopped,

    /// <summary>Killed: stopped with no deactivation, as a crashed process would.</summary>
    Killed,
}
