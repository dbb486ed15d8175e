using System.IO.Pipelines;
using System.Net;
using CoFundMarket.Rpc.Protocol;
using Google.Protobuf;

namespace CoFundMarket.Rpc.Client;

/// <summary>
/// One client call over HTTP/2: sends the request headers and body, reads response headers, messages and trailers,
/// and turns every way a call can end (status, Trailers-Only, HTTP error, reset stream, deadline, cancellation)
/// into a <see cref="Rpc.Status"/>. The public call types are thin views of it.
/// </summary>
internal sealed class ClientCall<TRequest, TResponse> : IClientCall, IAsyncStreamReader<TResponse>, IClientStreamWriter<TRequest>
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private readonly RpcChannel _channel;
    private readonly RpcMethod<TRequest, TResponse> _method;
    private readonly CallOptions _options;
    private readonly CancellationTokenSource _cancellation = new();
    private readonly CancellationTokenSource? _deadline;
    private readonly CancellationTokenRegistration _callerRegistration;
    private readonly TaskCompletionSource<Metadata> _headers = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string? _requestCompression;
    private Task<HttpResponseMessage>? _send;
    private Task? _responseStarted;
    private HttpResponseMessage? _response;
    private MessageReader? _reader;
    private StreamingContent? _requestBody;
    private Status? _status;
    private Metadata? _trailers;
    private TResponse? _current;
    private Google.Rpc.Status? _richStatus;
    private int _disposed;

    public ClientCall(RpcChannel channel, RpcMethod<TRequest, TResponse> method, CallOptions options)
    {
        _channel = channel;
        _method = method;
        _options = options;
        var compression = options.CompressionAlgorithm ?? channel.Options.CompressionAlgorithm;
        _requestCompression = MessageCompression.IsIdentity(compression)
            ? null
            : MessageCompression.Find(compression) ?? throw new ArgumentException($"Compression algorithm '{compression}' is not supported; use gzip or deflate.", nameof(options));
        if (options.Deadline is { } deadline)
        {
            var remaining = deadline.ToUniversalTime() - DateTime.UtcNow;
            _deadline = new CancellationTokenSource(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero);
            _deadline.Token.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), _cancellation);
        }

        if (options.CancellationToken.CanBeCanceled)
        {
            _callerRegistration = options.CancellationToken.UnsafeRegister(static state => ((ClientCall<TRequest, TResponse>)state!).Cancel(), this);
        }
    }

    public TResponse Current => _current ?? throw new InvalidOperationException("No message has been read: call MoveNext first.");

    public Task<Metadata> ResponseHeadersAsync => _headers.Task;

    /// <summary>Starts a call whose request is one message (unary, server streaming).</summary>
    public void Start(TRequest request)
    {
        using var frame = new PooledBufferWriter();
        MessageWriter.Write(frame, request, _requestCompression, _channel.Options.CompressionLevel, _channel.Options.MaxSendMessageSize, "request");
        Send(new SingleMessageContent(frame.WrittenSpan.ToArray()));
    }

    /// <summary>Starts a call whose request is a stream (client streaming, bidirectional).</summary>
    public void StartStreaming()
    {
        _requestBody = new StreamingContent();
        Send(_requestBody);
    }

    /// <summary>The single response of a unary or client-streaming call, after its trailers said OK.</summary>
    public async Task<TResponse> ReadSingleResponseAsync()
    {
        try
        {
            await EnsureResponseStartedAsync();
            ThrowIfEnded();
            if (_reader is null)
            {
                throw End(new Status(StatusCode.Internal, "The server ended the call with OK but sent no response message."));
            }

            var message = await _reader.ReadAsync(_method.ResponseParser, _cancellation.Token);
            if (message is not null && await _reader.ReadAsync(_method.ResponseParser, _cancellation.Token) is not null)
            {
                throw new RpcException(new Status(StatusCode.Internal, "The server sent more than one response message."));
            }

            ReadTrailers();
            ThrowIfEnded();
            return message ?? throw End(new Status(StatusCode.Internal, "The server ended the call with OK but sent no response message."));
        }
        catch (Exception e)
        {
            throw End(e);
        }
    }

    public async Task<bool> MoveNext(CancellationToken cancellationToken = default)
    {
        try
        {
            await EnsureResponseStartedAsync();
            ThrowIfEnded();
            if (_status is not null)
            {
                return false;
            }

            using var registration = cancellationToken.UnsafeRegister(static state => ((ClientCall<TRequest, TResponse>)state!).Cancel(), this);
            _current = await _reader!.ReadAsync(_method.ResponseParser, _cancellation.Token);
            if (_current is not null)
            {
                return true;
            }

            ReadTrailers();
            ThrowIfEnded();
            return false;
        }
        catch (Exception e)
        {
            throw End(e);
        }
    }

    public async Task WriteAsync(TRequest message, CancellationToken cancellationToken = default)
    {
        var body = _requestBody ?? throw new InvalidOperationException("This call has no request stream.");
        using var frame = new PooledBufferWriter();
        MessageWriter.Write(frame, message, _requestCompression, _channel.Options.CompressionLevel, _channel.Options.MaxSendMessageSize, "request");
        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _cancellation.Token);
            var stream = await body.Stream.WaitAsync(linked.Token);
            await stream.WriteAsync(frame.WrittenMemory, linked.Token);
            await stream.FlushAsync(linked.Token);
        }
        catch (Exception) when (_status is { } status && status.StatusCode != StatusCode.OK)
        {
            throw new RpcException(status, _trailers, null);
        }
        catch (Exception e) when (e is not RpcException)
        {
            throw new RpcException(MapException(e));
        }
    }

    public Task CompleteAsync()
    {
        (_requestBody ?? throw new InvalidOperationException("This call has no request stream.")).Complete();
        return Task.CompletedTask;
    }

    public Status GetStatus() => _status ?? throw new InvalidOperationException("The call has not ended yet.");

    public Metadata GetTrailers() => _trailers ?? throw new InvalidOperationException("The call has not ended yet.");

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_status is null)
        {
            Cancel();
        }

        _callerRegistration.Dispose();
        _deadline?.Dispose();
        _response?.Dispose();
        if (_headers.TrySetException(new RpcException(_status ?? new Status(StatusCode.Cancelled, "The call was disposed."))))
        {
            _ = _headers.Task.Exception;
        }
    }

    private void Cancel()
    {
        _requestBody?.Abandon();
        try
        {
            _cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private void Send(HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, _channel.MethodUri(_method))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        var headers = request.Headers;
        headers.TryAddWithoutValidation(GrpcHeaders.TE, GrpcHeaders.Trailers);
        headers.TryAddWithoutValidation("user-agent", _channel.Options.UserAgent);
        headers.TryAddWithoutValidation(GrpcHeaders.AcceptEncoding, MessageCompression.AcceptEncoding);
        if (_requestCompression is not null)
        {
            headers.TryAddWithoutValidation(GrpcHeaders.Encoding, _requestCompression);
        }

        if (_options.Deadline is { } deadline)
        {
            headers.TryAddWithoutValidation(GrpcHeaders.Timeout, GrpcTimeout.Format(deadline.ToUniversalTime() - DateTime.UtcNow));
        }

        if (_options.Headers is { Count: > 0 } metadata)
        {
            ClientMetadata.AddToRequest(metadata, headers);
        }

        _send = _channel.Invoker.SendAsync(request, _cancellation.Token);
        _responseStarted = StartResponseAsync();
    }

    private Task EnsureResponseStartedAsync() => _responseStarted ?? throw new InvalidOperationException("The call has not started.");

    /// <summary>Reads the response headers: a Trailers-Only answer or a non-200 status ends the call here.</summary>
    private async Task StartResponseAsync()
    {
        try
        {
            var response = _response = await _send!;
            if (response.StatusCode != HttpStatusCode.OK)
            {
                var message = ClientMetadata.GetValue(response.Headers, GrpcHeaders.Message);
                End(new Status(
                    ClientStatusMapping.FromHttpStatus(response.StatusCode),
                    $"The server answered HTTP {(int)response.StatusCode}" + (message is null ? "." : ": " + PercentEncoding.Decode(message))));
                return;
            }

            var contentType = ClientMetadata.GetValue(response.Content.Headers, "content-type");
            if (!ContentTypes.TryGetProtocol(contentType, out var protocol) || protocol != RpcProtocol.Grpc)
            {
                End(new Status(StatusCode.Unknown, $"The server answered with content type '{contentType}', not application/grpc."));
                return;
            }

            _headers.TrySetResult(ClientMetadata.FromResponse(response.Headers));
            if (ClientMetadata.GetValue(response.Headers, GrpcHeaders.Status) is not null)
            {
                SetStatusFrom(response.Headers);
                return;
            }

            var encoding = MessageCompression.Find(ClientMetadata.GetValue(response.Headers, GrpcHeaders.Encoding));
            var body = await response.Content.ReadAsStreamAsync(_cancellation.Token);
            _reader = new MessageReader(PipeReader.Create(body), _channel.Options.MaxReceiveMessageSize, encoding, "response");
        }
        catch (Exception e)
        {
            throw End(e);
        }
    }

    private void ReadTrailers()
    {
        if (_status is null)
        {
            SetStatusFrom(_response!.TrailingHeaders);
        }
    }

    private void SetStatusFrom(System.Net.Http.Headers.HttpHeaders headers)
    {
        var code = ClientMetadata.GetValue(headers, GrpcHeaders.Status);
        var message = ClientMetadata.GetValue(headers, GrpcHeaders.Message);
        var details = ClientMetadata.GetValue(headers, GrpcHeaders.StatusDetails);
        _trailers = ClientMetadata.FromResponse(headers);
        Google.Rpc.Status? rich = null;
        if (details is not null && BinaryHeader.TryDecodeOne(details) is { } bytes)
        {
            try
            {
                rich = Google.Rpc.Status.Parser.ParseFrom(bytes);
            }
            catch (InvalidProtocolBufferException)
            {
                rich = null;
            }
        }

        _richStatus = rich;
        _status = StatusTrailers.TryParseCode(code, out var parsed)
            ? new Status(parsed, message is null ? string.Empty : PercentEncoding.Decode(message))
            : new Status(StatusCode.Unknown, "The server's response carried no grpc-status.");
        _headers.TrySetResult(new Metadata());
    }

    private void ThrowIfEnded()
    {
        if (_status is { } status && status.StatusCode != StatusCode.OK)
        {
            throw new RpcException(status, _trailers, _richStatus);
        }
    }

    /// <summary>Records how the call ended (unless the server already said) and returns the exception the caller sees.</summary>
    private RpcException End(Exception exception)
    {
        if (exception is RpcException rpc && _status is not null)
        {
            return rpc;
        }

        return End(exception is RpcException thrown ? thrown.Status : MapException(exception));
    }

    /// <summary>Ends the call on the client's side: the HTTP/2 stream is cancelled (RST_STREAM) if still open.</summary>
    private RpcException End(Status status)
    {
        if (_status is null)
        {
            _status = status;
            _trailers ??= [];
            Cancel();
        }

        var error = new RpcException(_status.Value, _trailers, _richStatus);
        if (_headers.TrySetException(error))
        {
            _ = _headers.Task.Exception;
        }

        return error;
    }

    private Status MapException(Exception exception)
    {
        if (_deadline?.IsCancellationRequested == true)
        {
            return new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded");
        }

        if (exception is OperationCanceledException || _cancellation.IsCancellationRequested)
        {
            return new Status(StatusCode.Cancelled, "The call was cancelled by the client.");
        }

        return ClientStatusMapping.FromTransportException(exception);
    }
}

/// <summary>What the public call types need from a call, whatever its message types.</summary>
internal interface IClientCall : IDisposable
{
    Task<Metadata> ResponseHeadersAsync { get; }

    Status GetStatus();

    Metadata GetTrailers();
}
