using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;

namespace CoFundMarket.Rpc.Tests.Fixtures;

/// <summary>
/// An HTTP/2 client connection made of hand-made frames (RFC 9113): the connection preface, HEADERS encoded as HPACK
/// literals without Huffman or indexing, DATA with or without END_STREAM, RST_STREAM. It shows what a library client
/// hides: which frames arrive, with which flags and error codes, while the request side is still open.
/// </summary>
public sealed class Http2Wire : IAsyncDisposable
{
    public const byte Data = 0x0;
    public const byte Headers = 0x1;
    public const byte RstStream = 0x3;
    public const byte Settings = 0x4;
    public const byte Ping = 0x6;
    public const byte GoAway = 0x7;
    public const byte WindowUpdate = 0x8;
    public const byte EndStream = 0x1;
    public const byte EndHeaders = 0x4;

    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly Uri _server;

    private Http2Wire(TcpClient tcp, Uri server)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        _server = server;
    }

    public sealed record Frame(byte Type, byte Flags, int StreamId, byte[] Payload)
    {
        public bool Has(byte flag) => (Flags & flag) != 0;

        /// <summary>The error code of RST_STREAM.</summary>
        public uint ErrorCode => BinaryPrimitives.ReadUInt32BigEndian(Payload);

        /// <summary>The header block as ASCII: Kestrel sends literals without Huffman coding, so names and values are readable.</summary>
        public string HeaderText => Encoding.ASCII.GetString(Payload);
    }

    public static async Task<Http2Wire> ConnectAsync(Uri server)
    {
        var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync(server.Host, server.Port);
        var wire = new Http2Wire(tcp, server);
        await wire._stream.WriteAsync("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray());
        await wire.WriteFrameAsync(Settings, 0, 0, []);
        return wire;
    }

    /// <summary>Opens a gRPC call: a HEADERS frame with the request headers (plus any extra ones).</summary>
    public Task StartCallAsync(int streamId, string path, params (string Name, string Value)[] extra)
    {
        List<(string, string)> headers =
        [
            (":method", "POST"),
            (":scheme", "http"),
            (":path", path),
            (":authority", _server.Authority),
            ("content-type", "application/grpc"),
            ("te", "trailers"),
            .. extra,
        ];
        var block = new MemoryStream();
        foreach (var (name, value) in headers)
        {
            block.WriteByte(0x00);
            WriteString(block, name);
            WriteString(block, value);
        }

        return WriteFrameAsync(Headers, EndHeaders, streamId, block.ToArray());
    }

    public Task SendDataAsync(int streamId, byte[] data, bool endStream) => WriteFrameAsync(Data, endStream ? EndStream : (byte)0, streamId, data);

    public Task ResetAsync(int streamId, uint errorCode)
    {
        var payload = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(payload, errorCode);
        return WriteFrameAsync(RstStream, 0, streamId, payload);
    }

    /// <summary>The frames of one stream, until it ends (END_STREAM or RST_STREAM) and, if it ended with END_STREAM, a following RST_STREAM if one comes within <paramref name="linger"/>.</summary>
    public async Task<List<Frame>> ReadStreamAsync(int streamId, TimeSpan linger, CancellationToken cancellationToken)
    {
        var frames = new List<Frame>();
        while (true)
        {
            var frame = await ReadFrameAsync(cancellationToken);
            if (frame.StreamId != streamId)
            {
                continue;
            }

            frames.Add(frame);
            if (frame.Type == RstStream)
            {
                return frames;
            }

            if (frame.Has(EndStream) && frame.Type is Headers or Data)
            {
                using var lingering = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                lingering.CancelAfter(linger);
                try
                {
                    while (true)
                    {
                        var next = await ReadFrameAsync(lingering.Token);
                        if (next.StreamId == streamId)
                        {
                            frames.Add(next);
                            return frames;
                        }
                    }
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    return frames;
                }
            }
        }
    }

    /// <summary>The next frame on the connection; SETTINGS are acknowledged and PINGs answered on the way.</summary>
    public async Task<Frame> ReadFrameAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var header = new byte[9];
            await _stream.ReadExactlyAsync(header, cancellationToken);
            var length = (header[0] << 16) | (header[1] << 8) | header[2];
            var payload = new byte[length];
            await _stream.ReadExactlyAsync(payload, cancellationToken);
            var frame = new Frame(header[3], header[4], (int)(BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(5)) & 0x7FFF_FFFF), payload);
            if (frame.Type == Settings && !frame.Has(0x1))
            {
                await WriteFrameAsync(Settings, 0x1, 0, []);
                continue;
            }

            if (frame.Type == Ping && !frame.Has(0x1))
            {
                await WriteFrameAsync(Ping, 0x1, 0, payload);
                continue;
            }

            if (frame.Type is Settings or Ping or WindowUpdate)
            {
                continue;
            }

            return frame;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _tcp.Dispose();
    }

    private async Task WriteFrameAsync(byte type, byte flags, int streamId, byte[] payload)
    {
        var frame = new byte[9 + payload.Length];
        frame[0] = (byte)(payload.Length >> 16);
        frame[1] = (byte)(payload.Length >> 8);
        frame[2] = (byte)payload.Length;
        frame[3] = type;
        frame[4] = flags;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(5), (uint)streamId);
        payload.CopyTo(frame, 9);
        await _stream.WriteAsync(frame);
    }

    /// <summary>An HPACK string literal without Huffman coding: a 7-bit-prefix length, then the bytes.</summary>
    private static void WriteString(MemoryStream block, string value)
    {
        var bytes = Encoding.ASCII.GetBytes(value);
        var length = bytes.Length;
        if (length < 127)
        {
            block.WriteByte((byte)length);
        }
        else
        {
            block.WriteByte(127);
            length -= 127;
            while (length >= 128)
            {
                block.WriteByte((byte)((length % 128) + 128));
                length /= 128;
            }

            block.WriteByte((byte)length);
        }

        block.Write(bytes);
    }
}
