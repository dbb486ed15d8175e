using System.Buffers;
using System.Buffers.Binary;

namespace CoFundMarket.Rpc.Protocol;

/// <summary>
/// The length-prefixed message framing of gRPC and gRPC-Web: one flags byte (bit 0 compressed; gRPC-Web's
/// bit 7 marks the trailer frame), a 4-byte big-endian length, then the message. Frame boundaries have no
/// relation to HTTP/2 DATA frames, so a header may arrive split across reads.
/// </summary>
internal static class Envelope
{
    public const int HeaderSize = 5;
    public const byte CompressedFlag = 0x01;
    public const byte TrailersFlag = 0x80;

    public static void WriteHeader(Span<byte> destination, byte flags, int length)
    {
        destination[0] = flags;
        BinaryPrimitives.WriteUInt32BigEndian(destination[1..], (uint)length);
    }

    /// <summary>Reads the header at the start of <paramref name="buffer"/>; false when fewer than 5 bytes are there.</summary>
    public static bool TryReadHeader(in ReadOnlySequence<byte> buffer, out byte flags, out uint length)
    {
        if (buffer.Length < HeaderSize)
        {
            flags = 0;
            length = 0;
            return false;
        }

        var first = buffer.FirstSpan;
        if (first.Length >= HeaderSize)
        {
            flags = first[0];
            length = BinaryPrimitives.ReadUInt32BigEndian(first[1..]);
            return true;
        }

        Span<byte> header = stackalloc byte[HeaderSize];
        buffer.Slice(0, HeaderSize).CopyTo(header);
        flags = header[0];
        length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        return true;
    }
}
