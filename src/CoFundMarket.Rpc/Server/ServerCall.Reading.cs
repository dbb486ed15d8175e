using System.IO.Pipelines;
using CoFundMarket.Rpc.Protocol;
using CoFundMarket.Rpc.Web;
using Google.Protobuf;

namespace CoFundMarket.Rpc.Server;

/// <summary>Reading request messages.</summary>
internal sealed partial class ServerCall
{
    private MessageReader? _reader;
    private PipeReader? _decodedBody;

    public override bool RequestMessageCompressed => _reader?.LastMessageCompressed ?? false;

    /// <summary>
    /// The one request message of a unary or server-streaming call. Zero messages, or more than one, break the
    /// call's cardinality: UNIMPLEMENTED, as doc/statuscodes.md has it (grpc-dotnet and grpc-java say INTERNAL).
    /// </summary>
    public async ValueTask<T> ReadSingleMessageAsync<T>(MessageParser<T> parser)
        where T : class, IMessage<T>
    {
        var reader = Reader;
        var message = await reader.ReadAsync(parser, CancellationToken)
            ?? throw new RpcException(new Status(StatusCode.Unimplemented, "The request ended without a message; this method takes exactly one."));
        if (!await reader.IsAtEndAsync(CancellationToken))
        {
            throw new RpcException(new Status(StatusCode.Unimplemented, "The request carries more than one message; this method takes exactly one."));
        }

        return message;
    }

    /// <summary>The next message of a streaming request, or null at its end.</summary>
    public async ValueTask<T?> ReadNextMessageAsync<T>(MessageParser<T> parser, CancellationToken cancellationToken)
        where T : class, IMessage<T>
    {
        if (!cancellationToken.CanBeCanceled || cancellationToken == CancellationToken)
        {
            return await Reader.ReadAsync(parser, CancellationToken);
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, CancellationToken);
        return await Reader.ReadAsync(parser, linked.Token);
    }

    private MessageReader Reader => _reader ??= new MessageReader(
        Protocol == RpcProtocol.GrpcWebText
            ? _decodedBody = Base64Body.DecodingReader(_http.Request.BodyReader, _runtime.Options.MaxReceiveMessageSize)
            : _http.Request.BodyReader,
        _runtime.Options.MaxReceiveMessageSize,
        _requestEncoding,
        "request");
}
