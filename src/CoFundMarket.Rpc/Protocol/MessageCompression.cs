using System.Buffers;
using System.IO.Compression;

namespace CoFundMarket.Rpc.Protocol;

/// <summary>
/// Per-message compression (doc/compression.md): <c>gzip</c> and <c>deflate</c> (zlib-wrapped, RFC 1950, as C-core
/// and grpc-dotnet send it). Each message is compressed on its own; no state is kept between messages.
/// </summary>
internal static class MessageCompression
{
    public const string Identity = "identity";
    public const string Gzip = "gzip";
    public const string Deflate = "deflate";

    /// <summary>What this side accepts, as sent in <c>grpc-accept-encoding</c>.</summary>
    public const string AcceptEncoding = "identity,gzip,deflate";

    /// <summary>The supported algorithm with this name (as a shared constant), or null; identity is not an algorithm here.</summary>
    public static string? Find(string? name) => name switch
    {
        Gzip => Gzip,
        Deflate => Deflate,
        _ when string.Equals(name, Gzip, StringComparison.OrdinalIgnoreCase) => Gzip,
        _ when string.Equals(name, Deflate, StringComparison.OrdinalIgnoreCase) => Deflate,
        _ => null,
    };

    /// <summary>Whether an identity (no-op) encoding is named: absent, empty or <c>identity</c>.</summary>
    public static bool IsIdentity(string? name) => string.IsNullOrEmpty(name) || string.Equals(name, Identity, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether a <c>grpc-accept-encoding</c> value (a comma-separated list) names <paramref name="algorithm"/>.</summary>
    public static bool Accepts(ReadOnlySpan<char> acceptEncoding, string algorithm)
    {
        foreach (var range in acceptEncoding.Split(','))
        {
            if (acceptEncoding[range].Trim().Equals(algorithm, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    public static void Compress(string algorithm, ReadOnlySpan<byte> source, IBufferWriter<byte> destination, CompressionLevel level)
    {
        using var sink = new BufferWriterStream(destination);
        using Stream compressor = algorithm == Gzip
            ? new GZipStream(sink, level, leaveOpen: true)
            : new ZLibStream(sink, level, leaveOpen: true);
        compressor.Write(source);
    }

    /// <summary>
    /// Decompresses into a rented buffer (return it to <see cref="ArrayPool{T}.Shared"/>), stopping as soon as the
    /// output passes <paramref name="maxSize"/>: a small compressed message cannot make the server allocate a large one.
    /// </summary>
    public static byte[] Decompress(string algorithm, in ReadOnlySequence<byte> source, int maxSize, string messageRole, out int length)
    {
        using var input = new SequenceStream(source);
        using Stream decompressor = algorithm == Gzip
            ? new GZipStream(input, CompressionMode.Decompress)
            : new ZLibStream(input, CompressionMode.Decompress);

        var limit = (long)maxSize + 1;
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(limit, Math.Max(source.Length * 4, 4096)));
        length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(limit, (long)buffer.Length * 2));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = decompressor.Read(buffer, length, (int)Math.Min(buffer.Length - length, limit - length));
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > maxSize)
                {
                    throw new RpcException(new Status(StatusCode.ResourceExhausted, $"Decompressed {messageRole} message exceeds the maximum size of {maxSize} bytes."));
                }
            }

            return buffer;
        }
        catch (InvalidDataException)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw new RpcException(new Status(StatusCode.Internal, $"The {messageRole} message could not be decompressed with {algorithm}."));
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }
}
