using Google.Protobuf;

namespace CoFundMarket.Rpc.Server;

/// <summary>The handler's view of a streaming response.</summary>
internal sealed class ResponseStreamWriter<T>(ServerCall call) : IServerStreamWriter<T>
    where T : class, IMessage<T>
{
    public WriteOptions? WriteOptions { get; set; }

    public Task WriteAsync(T message, CancellationToken cancellationToken = default) =>
        call.WriteStreamMessageAsync(message, WriteOptions, cancellationToken);
}
