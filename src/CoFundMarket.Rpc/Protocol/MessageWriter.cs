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
        if (FrozenMessages.TryGetSerialized(message, out var serialized))
        {
            CheckSize(serialized.Length, maxSize, messageRole);
            WriteSerialized(output, serialized, compression, level);
            return;
        }

        var size = message.CalculateSize();
        CheckSize(size, maxSize, messageRole);
        if (compression is not null)
        {
            // Compression needs the whole message first: serialize it into a rented buffer and write that.
            var plain = ArrayPool<byte>.Shared.Rent(Math.Max(size, 1));
            try
            {
                message.WriteTo(plain.AsSpan(0, size));
                WriteSerialized(output, plain.AsSpan(0, size), compression, level);
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
            message.WriteTo(span.Slice(Envelope.HeaderSize, size));
            output.Advance(Envelope.HeaderSize + size);
            return;
        }

        Envelope.WriteHeader(output.GetSpan(Envelope.HeaderSize), 0, size);
        output.Advance(Envelope.HeaderSize);
        message.WriteTo(output);
    }

    /// <summary>Writes a message that is already bytes (a frozen one, or one serialized for compression).</summary>
    private static void WriteSerialized(IBufferWriter<byte> output, ReadOnlySpan<byte> plain, string? compression, CompressionLevel level)
    {
        if (compression is null)
        {
            Envelope.WriteHeader(output.GetSpan(Envelope.HeaderSize), 0, plain.Length);
            output.Advance(Envelope.HeaderSize);
            output.Write(plain);
            return;
        }

        using var compressed = new PooledBufferWriter(plain.Length / 2 + 64);
        MessageCompression.Compress(compression, plain, compressed, level);
        var span = output.GetSpan(Envelope.HeaderSize + compressed.WrittenCount);
        Envelope.WriteHeader(span, Envelope.CompressedFlag, compressed.WrittenCount);
        compressed.WrittenSpan.CopyTo(span[Envelope.HeaderSize..]);
        output.Advance(Envelope.HeaderSize + compressed.WrittenCount);
    }

    private static void CheckSize(int size, int? maxSize, string messageRole)
    {
        if (size > maxSize)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, $"The {messageRole} message of {size} bytes exceeds the maximum size of {maxSize} bytes."));
        }
    }
}
