namespace CoFundMarket.Runtime.Storage;

/// <summary>
/// Storage could not be reached or failed mid-operation. For a write the outcome is unknown: the
/// runtime deactivates the grain so its next call reloads what was really committed.
/// </summary>
public sealed class GrainStorageException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GrainStorageException(string message, Exception? innerException = null) : base(message, innerException) { }

    /// <summary>Creates the exception.</summary>
    public GrainStorageException() { }

    /// <summary>Creates the exception.</summary>
    public GrainStorageException(string message) : base(message) { }
}
