namespace CoFundMarket.Runtime.Calls;

/// <summary>
/// Intercepts every call a grain receives (logging, metrics, authorisation, tracing). Silo-wide
/// filters run in registration order, then the grain's own filter when the grain implements this.
/// </summary>
public interface IIncomingGrainCallFilter
{
    /// <summary>Does its work and calls <see cref="IIncomingGrainCallContext.Invoke"/> to continue the pipeline.</summary>
    Task Invoke(IIncomingGrainCallContext context);
}
