namespace CoFundMarket.Runtime.Persistence;

/// <summary>
/// A write found a different version in storage than the one the grain last read: another
/// activation (another silo, or a zombie) wrote first. Nothing was written; the runtime
/// deactivates the grain so the next call loads the fresh state.
/// </summary>
public sealed class InconsistentStateException : Exception
{
    /// <summary>Creates the exception for a conflict on <paramref name="stateKey"/>.</summary>
    public InconsistentStateException(string stateKey, long expectedVersion, long? storedVersion)
        : base($"Version conflict writing {stateKey}: expected version {expectedVersion}, storage has {(storedVersion is null ? "no row" : storedVersion.ToString())}.")
    {
        StateKey = stateKey;
        ExpectedVersion = expectedVersion;
        StoredVersion = storedVersion;
    }

    /// <summary>Creates the exception.</summary>
    public InconsistentStateException() { }

    /// <summary>Creates the exception.</summary>
    public InconsistentStateException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public InconsistentStateException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>The state that conflicted, <c>type/key#state</c>.</summary>
    public string StateKey { get; } = "";

    /// <summary>The version the writer expected.</summary>
    public long ExpectedVersion { get; }

    /// <summary>The version storage had, when known; null when no row existed.</summary>
    public long? StoredVersion { get; }
}
