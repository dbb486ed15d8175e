using System.Buffers;
using System.Buffers.Text;
using System.IO.Pipelines;

namespace CoFundMarket.Rpc.Web;

/// <summary>
/// The body of <c>application/grpc-web-text</c>: base64 of the binary gRPC-Web stream. The server encodes each frame on
/// its own (so padding may appear between frames) and decodes requests quantum by quantum, accepting padding
/// anywhere a base64 chunk may end.
/// </summary>
internal static class Base64Body
{
    private const int EncodeChunk = 48 * 1024;
    private const int DecodeChunk = 16 * 1024;

    public static void Encode(ReadOnlySpan<byte> data, IBufferWriter<byte> output)
    {
        while (!data.IsEmpty)
        {
            var chunk = data.Length > EncodeChunk ? data[..EncodeChunk] : data;
            var destination = output.GetSpan(Base64.GetMaxEncodedToUtf8Length(chunk.Length));
            Base64.EncodeToUtf8(chunk, destination, out var consumed, out var written, isFinalBlock: chunk.Length == data.Length);
            output.Advance(written);
            data = data[consumed..];
        }
    }

    /// <summary>
    /// A reader of the decoded request. A pump decodes as the body arrives; it holds back once a message's worth is
    /// waiting, so a caller cannot make the server buffer more than one message beyond what the handler has read.
    /// </summary>
    public static PipeReader DecodingReader(PipeReader source, int maxMessageSize)
    {
        var pause = (long)maxMessageSize + (64 * 1024);
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: pause, resumeWriterThreshold: pause / 2, useSynchronizationContext: false));
        _ = PumpAsync(source, pipe.Writer);
        return pipe.Reader;
    }

    private static async Task PumpAsync(PipeReader source, PipeWriter target)
    {
        Exception? error = null;
        try
        {
            while (true)
            {
                var result = await source.ReadAsync();
                var buffer = result.Buffer;
                var decodedUpTo = DecodeWholeQuanta(buffer, target);
                source.AdvanceTo(decodedUpTo, buffer.End);
                var flush = await target.FlushAsync();
                if (flush.IsCompleted || flush.IsCanceled)
                {
                    break;
                }

                if (result.IsCompleted)
                {
                    if (!buffer.Slice(decodedUpTo).IsEmpty)
                    {
                        error = NotBase64();
                    }

                    break;
                }
            }
        }
        catch (Exception e)
        {
            error = e;
        }

        await target.CompleteAsync(error);
    }

    private static SequencePosition DecodeWholeQuanta(in ReadOnlySequence<byte> buffer, PipeWriter target)
    {
        var usable = buffer.Length - (buffer.Length % 4);
        if (usable == 0)
        {
            return buffer.Start;
        }

        var scratch = ArrayPool<byte>.Shared.Rent(DecodeChunk);
        try
        {
            var remaining = buffer.Slice(0, usable);
            while (!remaining.IsEmpty)
            {
                var count = (int)Math.Min(remaining.Length, DecodeChunk);
                remaining.Slice(0, count).CopyTo(scratch);
                DecodeQuanta(scratch.AsSpan(0, count), target);
                remaining = remaining.Slice(count);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }

        return buffer.GetPosition(usable);
    }

    private static void DecodeQuanta(ReadOnlySpan<byte> text, PipeWriter target)
    {
        while (!text.IsEmpty)
        {
            var padding = text.IndexOf((byte)'=');
            var end = padding < 0 ? text.Length : Math.Min(text.Length, ((padding / 4) + 1) * 4);
            var part = text[..end];
            var destination = target.GetSpan(Base64.GetMaxDecodedFromUtf8Length(part.Length));
            if (Base64.DecodeFromUtf8(part, destination, out _, out var written) != OperationStatus.Done)
            {
                throw NotBase64();
            }

            target.Advance(written);
            text = text[end..];
        }
    }

    private static RpcException NotBase64() =>
        new(new Status(StatusCode.Internal, "The application/grpc-web-text request body is not valid base64."));
}
