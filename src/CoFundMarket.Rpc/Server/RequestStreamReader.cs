using Google.Protobuf;

namespace CoFundMarket.Rpc.Server;

/// <summary>The handler's view of a streaming request.</summary>
internal sealed class RequestStreamReader<T>(ServerCall call, MessageParser<T> parser) : IAsyncStreamReader<T>
    where T : class, IMessage<T>
{
    private T? _current;

    public T Current => _current ?? throw new InvalidOperationException("No message has been read: call MoveNext first.");

    public async Task<bool> MoveNext(CancellationToken cancellationToken = default)
    {
        _current = await call.ReadNextMessageAsync(parser, cancellationToken);
        return _current is not null;
    }
}
