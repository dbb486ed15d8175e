using System.Buffers;
using System.IO.Pipelines;
using Google.Protobuf;

namespace CoFundMarket.Rpc.Protocol;

/// <summary>
/// Reads length-prefixed messages from a pipe, for either side of a call. The size limit is checked on the
/// length prefix before anything is buffered, and again after decompression; a truncated frame, a bad flag or
/// a message that does not parse ends the call with INTERNAL (doc/statuscodes.md: "Error parsing … proto").
/// </summary>
internal sealed class MessageReader(PipeReader reader, int maxMessageSize, string? encoding, string messageRole)
{
    /// <summary>Whether the last message read arrived compressed.</summary>
    public bool LastMessageCompressed { get; private set; }

    /// <summary>The next message, or null when the stream ended cleanly between messages.</summary>
    public async ValueTask<T?> ReadAsync<T>(MessageParser<T> parser, CancellationToken cancellationToken)
        where T : class, IMessage<T>
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            if (result.IsCanceled)
            {
                throw new RpcException(new Status(StatusCode.Cancelled, $"Reading the {messageRole} stream was cancelled."));
            }

            var buffer = result.Buffer;
            T? message;
            SequencePosition consumed;
            try
            {
                if (!TryParse(buffer, result.IsCompleted, parser, out message, out consumed))
                {
                    reader.AdvanceTo(buffer.Start, buffer.End);
                    continue;
                }
            }
            catch
            {
                reader.AdvanceTo(buffer.Start, buffer.End);
                throw;
            }

            reader.AdvanceTo(consumed);
            return message;
        }
    }

    /// <summary>Waits for the end of the stream: true when it ends, false when more bytes come (a second message where one was expected).</summary>
    public async ValueTask<bool> IsAtEndAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var empty = result.Buffer.IsEmpty;
            reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
            if (!empty)
            {
                return false;
            }

            if (result.IsCompleted || result.IsCanceled)
            {
                return true;
            }
        }
    }

    private bool TryParse<T>(in ReadOnlySequence<byte> buffer, bool isCompleted, MessageParser<T> parser, out T? message, out SequencePosition consumed)
        where T : class, IMessage<T>
    {
        message = null;
        consumed = buffer.Start;
        if (!Envelope.TryReadHeader(buffer, out var flags, out var length))
        {
            if (!isCompleted)
            {
                return false;
            }

            if (buffer.IsEmpty)
            {
                return true;
            }

            throw Incomplete();
        }

        if (flags > Envelope.CompressedFlag)
        {
            throw new RpcException(new Status(StatusCode.Internal, $"Invalid flags 0x{flags:X2} in the {messageRole} message frame."));
        }

        if (length > (uint)maxMessageSize)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, $"The {messageRole} message of {length} bytes exceeds the maximum size of {maxMessageSize} bytes."));
        }

        if (buffer.Length - Envelope.HeaderSize < length)
        {
            return isCompleted ? throw Incomplete() : false;
        }

        var payload = buffer.Slice(Envelope.HeaderSize, length);
        consumed = payload.End;
        LastMessageCompressed = flags == Envelope.CompressedFlag;
        message = LastMessageCompressed ? ParseCompressed(payload, parser) : Parse(parser, payload);
        return true;
    }

    private T ParseCompressed<T>(in ReadOnlySequence<byte> payload, MessageParser<T> parser)
        where T : class, IMessage<T>
    {
        if (encoding is null)
        {
            throw new RpcException(new Status(StatusCode.Internal, $"The {messageRole} message is marked compressed but no grpc-encoding was given."));
        }

        var buffer = MessageCompression.Decompress(encoding, payload, maxMessageSize, messageRole, out var length);
        try
        {
            return Parse(parser, new ReadOnlySequence<byte>(buffer, 0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private T Parse<T>(MessageParser<T> parser, in ReadOnlySequence<byte> payload)
        where T : class, IMessage<T>
    {
        try
        {
            return parser.ParseFrom(payload);
        }
        catch (InvalidProtocolBufferException)
        {
            throw new RpcException(new Status(StatusCode.Internal, $"The {messageRole} message could not be parsed."));
        }
    }

    private RpcException Incomplete() =>
        new(new Status(StatusCode.Internal, $"The {messageRole} stream ended inside a message frame."));
}
