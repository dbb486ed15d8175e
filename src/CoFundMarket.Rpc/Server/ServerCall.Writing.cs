using System.Buffers;
using CoFundMarket.Rpc.Protocol;
using CoFundMarket.Rpc.Web;
using Google.Protobuf;

namespace CoFundMarket.Rpc.Server;

/// <summary>
/// Writing response headers and messages. Writes and the deadline's takeover of the response exclude each other
/// through <see cref="_state"/>: a write runs only from Idle, the end of the call (normal or by deadline) moves it
/// to Done, and a deadline that fires during a write is acted on when the write ends.
/// </summary>
internal sealed partial class ServerCall
{
    private const int Idle = 0;
    private const int Writing = 1;
    private const int Done = 2;

    private int _state;
    private bool _started;
    private string? _responseEncoding;
    private PooledBufferWriter? _textFrame;

    public override async Task WriteResponseHeadersAsync(Metadata responseHeaders)
    {
        ArgumentNullException.ThrowIfNull(responseHeaders);
        BeginWrite();
        try
        {
            if (_started)
            {
                throw new InvalidOperationException("Response headers can be sent only once, before the first message.");
            }

            StartResponse(responseHeaders);
            await _http.Response.StartAsync(CancellationToken);
            await _http.Response.BodyWriter.FlushAsync(CancellationToken);
        }
        finally
        {
            EndWrite();
        }
    }

    /// <summary>Writes the single response of a unary or client-streaming call; Kestrel flushes it with the trailers.</summary>
    public void WriteSingleMessage(IMessage message)
    {
        BeginWrite();
        try
        {
            WriteMessage(message, WriteOptions);
        }
        finally
        {
            EndWrite();
        }
    }

    /// <summary>Writes and flushes one message of a response stream.</summary>
    public async Task WriteStreamMessageAsync(IMessage message, WriteOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        BeginWrite();
        try
        {
            WriteMessage(message, options ?? WriteOptions);
            if (!cancellationToken.CanBeCanceled || cancellationToken == CancellationToken)
            {
                await _http.Response.BodyWriter.FlushAsync(CancellationToken);
            }
            else
            {
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, CancellationToken);
                await _http.Response.BodyWriter.FlushAsync(linked.Token);
            }
        }
        finally
        {
            EndWrite();
        }
    }

    private void WriteMessage(IMessage message, WriteOptions? options)
    {
        StartResponse(null);
        var compression = options is not null && (options.Flags & WriteFlags.NoCompress) != 0 ? null : _responseEncoding;
        var settings = _runtime.Options;
        MessageWriter.Write(FrameOutput, message, compression, settings.ResponseCompressionLevel, settings.MaxSendMessageSize, "response");
        CommitFrame();
    }

    /// <summary>Sets the headers that must precede the first message: the negotiated grpc-encoding and any custom headers.</summary>
    private void StartResponse(Metadata? customHeaders)
    {
        if (_started)
        {
            return;
        }

        _started = true;
        var headers = _http.Response.Headers;
        var algorithm = _responseCompressionAlgorithm;
        if (algorithm is not null && MessageCompression.Accepts(_http.Request.Headers.GrpcAcceptEncoding.ToString(), algorithm))
        {
            _responseEncoding = algorithm;
            headers.GrpcEncoding = algorithm;
        }

        if (customHeaders is not null)
        {
            MetadataHeaders.Append(customHeaders, headers);
        }
    }

    /// <summary>Where a frame is written: the response body, or, for gRPC-Web text, a scratch buffer that <see cref="CommitFrame"/> base64-encodes.</summary>
    private IBufferWriter<byte> FrameOutput => Protocol == RpcProtocol.GrpcWebText
        ? _textFrame ??= new PooledBufferWriter()
        : _http.Response.BodyWriter;

    private void CommitFrame()
    {
        if (_textFrame is null)
        {
            return;
        }

        Base64Body.Encode(_textFrame.WrittenSpan, _http.Response.BodyWriter);
        _textFrame.Clear();
    }

    private void BeginWrite()
    {
        var previous = Interlocked.CompareExchange(ref _state, Writing, Idle);
        if (previous == Idle)
        {
            return;
        }

        if (previous == Writing)
        {
            throw new InvalidOperationException("A write is already in progress: await each write before starting the next.");
        }

        CancellationToken.ThrowIfCancellationRequested();
        throw new InvalidOperationException("The call has already completed.");
    }

    private void EndWrite()
    {
        Volatile.Write(ref _state, Idle);
        if (Volatile.Read(ref _deadlineExceeded) != 0)
        {
            TakeOverAfterDeadline();
        }
    }
}
