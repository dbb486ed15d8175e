namespace CoFundMarket.Runtime.Persistence;

/// <summary>A stored payload no longer reads as the type the grain expects. The activation fails; nothing is defaulted.</summary>
public sealed class GrainStateFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GrainStateFormatException(string message, Exception? innerException = null) : base(message, innerException) { }

    /// <summary>Creates the exception.</summary>
    public GrainStateFormatException() { }

    /// <summary>Creates the exception.</summary>
    public GrainStateFormatException(string message) : base(message) { }
}
