namespace CoFundMarket.Rpc;

/// <summary>Writes a call's stream of responses. One write at a time: await each before the next.</summary>
/// <typeparam name="T">The message type.</typeparam>
public interface IServerStreamWriter<in T>
{
    /// <summary>Options for the following writes; null uses the call's <see cref="ServerCallContext.WriteOptions"/>.</summary>
    WriteOptions? WriteOptions { get; set; }

    /// <summary>Sends one message and flushes it to the network.</summary>
    Task WriteAsync(T message, CancellationToken cancellationToken = default);
}
