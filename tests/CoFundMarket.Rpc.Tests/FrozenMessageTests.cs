using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using CoFundMarket.Rpc.Protocol;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace CoFundMarket.Rpc.Tests;

/// <summary>Frozen messages: serialized once, then written as those bytes, framed, limited and compressed like any other.</summary>
public sealed class FrozenMessageTests
{
    [Fact]
    public void AFrozenMessageIsWrittenAsTheBytesItHadWhenFrozen()
    {
        var frozen = FrozenMessages.Freeze(new StringValue { Value = "as frozen" });
        var expected = frozen.ToByteArray();
        frozen.Value = "changed afterwards, which the contract forbids";

        var (flags, payload) = Written(frozen);

        Assert.Equal(0, flags);
        Assert.Equal(expected, payload);
    }

    [Fact]
    public void AMessageThatWasNeverFrozenIsWrittenAsItIsNow()
    {
        var message = new StringValue { Value = "before" };
        Written(message);
        message.Value = "after";

        Assert.Equal(message.ToByteArray(), Written(message).Payload);
    }

    [Fact]
    public void AFrozenMessageLargerThanOneBufferIsWrittenWhole()
    {
        var frozen = FrozenMessages.Freeze(new BytesValue { Value = ByteString.CopyFrom(Enumerable.Range(0, 200_000).Select(i => (byte)i).ToArray()) });

        Assert.Equal(frozen.ToByteArray(), Written(frozen).Payload);
    }

    [Fact]
    public void AFrozenMessageOverTheSizeLimitIsResourceExhausted()
    {
        var frozen = FrozenMessages.Freeze(new StringValue { Value = new string('x', 2_000) });

        var refused = Assert.Throws<RpcException>(() => MessageWriter.Write(new ArrayBufferWriter<byte>(), frozen, null, CompressionLevel.Fastest, 1_000, "response"));

        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
    }

    [Fact]
    public void AFrozenMessageIsCompressedWhenTheCallCompresses()
    {
        var frozen = FrozenMessages.Freeze(new StringValue { Value = string.Concat(Enumerable.Repeat("compressible ", 200)) });
        var output = new ArrayBufferWriter<byte>();

        MessageWriter.Write(output, frozen, "gzip", CompressionLevel.Fastest, null, "response");

        var written = output.WrittenSpan;
        Assert.Equal(Envelope.CompressedFlag, written[0]);
        var body = new ReadOnlySequence<byte>(written[Envelope.HeaderSize..].ToArray());
        var plain = MessageCompression.Decompress("gzip", body, int.MaxValue, "response", out var length);
        Assert.Equal(frozen.ToByteArray(), plain.AsSpan(0, length).ToArray());
    }

    private static (byte Flags, byte[] Payload) Written(IMessage message)
    {
        var output = new ArrayBufferWriter<byte>();
        MessageWriter.Write(output, message, null, CompressionLevel.Fastest, null, "response");
        var written = output.WrittenSpan;
        var length = BinaryPrimitives.ReadInt32BigEndian(written[1..Envelope.HeaderSize]);
        Assert.Equal(written.Length - Envelope.HeaderSize, length);
        return (written[0], written[Envelope.HeaderSize..].ToArray());
    }
}
