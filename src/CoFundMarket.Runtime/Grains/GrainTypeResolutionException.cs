namespace CoFundMarket.Runtime.Grains;

/// <summary>A grain interface or type name that the runtime cannot map to a registered grain class.</summary>
public sealed class GrainTypeResolutionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GrainTypeResolutionException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public GrainTypeResolutionException() { }

    /// <summary>Creates the exception.</summary>
    public GrainTypeResolutionException(string message, Exception innerException) : base(message, innerException) { }
}
