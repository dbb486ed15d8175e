using System.Buffers;
using System.IO.Compression;
using Google.Protobuf;

namespace CoFundMarket.Rpc.Protocol;

/// <summary>Writes one length-prefixed message straight into the output buffer, compressed when an algorithm is given.</summary>
internal static class MessageWriter
{
    private const int ContiguousLimit = 64 * 1024;

    public static void Write(IBufferWriter<byte> output, IMessage message, string? compression, CompressionLevel level, int? maxSize, string messageRole)
    {
        var frozen = FrozenMessages.TryGetSerialized(message, out var serialized);
        var size = frozen ? serialized.Length : message.CalculateSize();
        if (size > maxSize)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, $"The {messageRole} message of {size} bytes exceeds the maximum size of {maxSize} bytes."));
        }

        if (compression is not null && frozen)
        {
            WriteCompressed(output, serialized, compression, level);
            return;
        }

        if (compression is not null)
        {
            var plain = ArrayPool<byte>.Shared.Rent(Math.Max(size, 1));
            try
            {
                message.WriteTo(plain.AsSpan(0, size));
                WriteCompressed(output, plain.AsSpan(0, size), compression, level);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(plain);
            }

            return;
        }

        if (size <= ContiguousLimit)
        {
            var span = output.GetSpan(Envelope.HeaderSize + size);
            Envelope.WriteHeader(span, 0, size);
            if (frozen)
            {
                serialized.CopyTo(span[Envelope.HeaderSize..]);
            }
            else
            {
                message.WriteTo(span.Slice(Envelope.HeaderSize, size));
            }

            output.Advance(Envelope.HeaderSize + size);
            return;
        }

        Envelope.WriteHeader(output.GetSpan(Envelope.HeaderSize), 0, size);
        output.Advance(Envelope.HeaderSize);
        if (frozen)
        {
            output.Write(serialized);
        }
        else
        {
            message.WriteTo(output);
        }
    }

    private static void WriteCompressed(IBufferWriter<byte> output, ReadOnlySpan<byte> plain, string compression, CompressionLevel level)
    {
        using var compressed = new PooledBufferWriter(plain.Length / 2 + 64);
        MessageCompression.Compress(compression, plain, compressed, level);
        var span = output.GetSpan(Envelope.HeaderSize + compressed.WrittenCount);
        Envelope.WriteHeader(span, Envelope.CompressedFlag, compressed.WrittenCount);
        compressed.WrittenSpan.CopyTo(span[Envelope.HeaderSize..]);
        output.Advance(Envelope.HeaderSize + compressed.WrittenCount);
    }
}
