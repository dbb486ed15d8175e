namespace CoFundMarket.Rpc;

/// <summary>Reads a stream of messages one at a time.</summary>
/// <typeparam name="T">The message type.</typeparam>
public interface IAsyncStreamReader<out T>
{
    /// <summary>The message that the last successful <see cref="MoveNext"/> read.</summary>
    T Current { get; }

    /// <summary>Reads the next message; false when the stream ended cleanly.</summary>
    Task<bool> MoveNext(CancellationToken cancellationToken = default);
}
