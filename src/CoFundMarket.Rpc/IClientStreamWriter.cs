namespace CoFundMarket.Rpc;

/// <summary>Writes a client call's stream of requests.</summary>
/// <typeparam name="T">The message type.</typeparam>
public interface IClientStreamWriter<in T>
{
    /// <summary>Sends one message and flushes it to the network.</summary>
    Task WriteAsync(T message, CancellationToken cancellationToken = default);

    /// <summary>Ends the request stream (half-close); the server then sees the end of its reader.</summary>
    Task CompleteAsync();
}
