namespace CoFundMarket.Runtime.Grains;

/// <summary>
/// A grain could not be activated (its constructor, state load or <c>OnActivateAsync</c> failed).
/// The call that triggered the activation fails with it; the next call tries again.
/// </summary>
public sealed class GrainActivationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GrainActivationException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception.</summary>
    public GrainActivationException() { }

    /// <summary>Creates the exception.</summary>
    public GrainActivationException(string message) : base(message) { }
}
