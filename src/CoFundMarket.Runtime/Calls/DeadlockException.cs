namespace CoFundMarket.Runtime.Calls;

/// <summary>
/// A call would wait for an activation that is itself waiting for this call chain (A → B → A).
/// Orleans lets such a cycle hang until its 30-second response timeout; this runtime refuses it at once.
/// </summary>
public sealed class DeadlockException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DeadlockException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public DeadlockException() { }

    /// <summary>Creates the exception.</summary>
    public DeadlockException(string message, Exception innerException) : base(message, innerException) { }
}
