namespace CoFundMarket.Runtime.Hosting;

/// <summary>The silo is stopping, stopped or was killed: it takes no new calls. Safe to retry elsewhere or later.</summary>
public sealed class SiloUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SiloUnavailableException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public SiloUnavailableException() { }

    /// <summary>Creates the exception.</summary>
    public SiloUnavailableException(string message, Exception innerException) : base(message, innerException) { }
}
