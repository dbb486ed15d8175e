using System.Net;

namespace CoFundMarket.Rpc.Client;

/// <summary>The body of a unary or server-streaming request: one framed message, known in advance.</summary>
internal sealed class SingleMessageContent : HttpContent
{
    private readonly byte[] _frame;

    public SingleMessageContent(byte[] frame)
    {
        _frame = frame;
        Headers.TryAddWithoutValidation("content-type", Protocol.GrpcHeaders.GrpcContentType);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(_frame).AsTask();

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        stream.WriteAsync(_frame, cancellationToken).AsTask();

    protected override bool TryComputeLength(out long length)
    {
        length = _frame.Length;
        return true;
    }
}

/// <summary>
/// The body of a client-streaming or bidirectional request: HTTP/2 sends it while the response is read. The handler
/// hands over its stream; messages are written to it as the caller produces them, until <see cref="Complete"/>.
/// </summary>
internal sealed class StreamingContent : HttpContent
{
    private readonly TaskCompletionSource<Stream> _stream = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public StreamingContent() => Headers.TryAddWithoutValidation("content-type", Protocol.GrpcHeaders.GrpcContentType);

    /// <summary>The request body stream, once the handler has started sending.</summary>
    public Task<Stream> Stream => _stream.Task;

    /// <summary>Ends the request body (END_STREAM).</summary>
    public void Complete() => _completed.TrySetResult();

    /// <summary>Abandons the request body, e.g. when the call is cancelled.</summary>
    public void Abandon()
    {
        _stream.TrySetCanceled();
        _completed.TrySetCanceled();
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        _stream.TrySetResult(stream);
        using var registration = cancellationToken.Register(static state => ((StreamingContent)state!).Abandon(), this);
        await _completed.Task;
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
