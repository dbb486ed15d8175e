using CoFundMarket.Rpc.Protocol;

namespace CoFundMarket.Rpc.Tests;

/// <summary>The header codecs on their own: grpc-timeout, percent-encoded grpc-message, -bin values, content types.</summary>
public sealed class ProtocolCodecTests
{
    [Theory]
    [InlineData("2H", 2 * TimeSpan.TicksPerHour)]
    [InlineData("3M", 3 * TimeSpan.TicksPerMinute)]
    [InlineData("5S", 5 * TimeSpan.TicksPerSecond)]
    [InlineData("4980m", 4980 * TimeSpan.TicksPerMillisecond)]
    [InlineData("250u", 250 * TimeSpan.TicksPerMicrosecond)]
    [InlineData("1500n", 15)]
    [InlineData("99999999S", 99_999_999 * TimeSpan.TicksPerSecond)]
    [InlineData("0m", 0)]
    public void TimeoutsParseInEveryUnit(string header, long ticks)
    {
        Assert.True(GrpcTimeout.TryParse(header, out var timeout));
        Assert.Equal(TimeSpan.FromTicks(ticks), timeout);
    }

    [Theory]
    [InlineData("")]
    [InlineData("S")]
    [InlineData("10")]
    [InlineData("10s")]
    [InlineData("-1S")]
    [InlineData("1.5S")]
    [InlineData("123456789S")]
    [InlineData(" 1S")]
    public void MalformedTimeoutsAreRejected(string header) => Assert.False(GrpcTimeout.TryParse(header, out _));

    [Theory]
    [InlineData(1, "100n")]
    [InlineData(TimeSpan.TicksPerMillisecond * 5, "5000000n")]
    [InlineData(TimeSpan.TicksPerSecond * 30, "30000000u")]
    [InlineData(TimeSpan.TicksPerHour * 2, "7200000m")]
    public void TimeoutsFormatInTheFinestUnitThatFitsEightDigits(long ticks, string expected)
    {
        var header = GrpcTimeout.Format(TimeSpan.FromTicks(ticks));

        Assert.Equal(expected, header);
        Assert.True(GrpcTimeout.TryParse(header, out var back));
        Assert.True(back >= TimeSpan.FromTicks(ticks));
    }

    [Fact]
    public void StatusMessagesArePercentEncodedAsUtf8()
    {
        var encoded = PercentEncoding.Encode("bad arg: \u263A 100% \t\n");

        Assert.Equal("bad arg: %E2%98%BA 100%25 %09%0A", encoded);
        Assert.Equal("bad arg: \u263A 100% \t\n", PercentEncoding.Decode(encoded));
    }

    [Fact]
    public void PlainAsciiMessagesAreSentAsTheyAre() => Assert.Same("plain message", PercentEncoding.Encode("plain message"));

    [Theory]
    [InlineData("100%", "100%")]
    [InlineData("%zz ok", "%zz ok")]
    [InlineData("%E2%98", "\uFFFD")]
    [InlineData("tail %4", "tail %4")]
    public void MalformedPercentEncodingNeverFails(string received, string decoded) => Assert.Equal(decoded, PercentEncoding.Decode(received));

    [Theory]
    [InlineData("q6ur", new byte[] { 0xAB, 0xAB, 0xAB })]
    [InlineData("AQI=", new byte[] { 1, 2 })]
    [InlineData("AQI", new byte[] { 1, 2 })]
    [InlineData("AQ==", new byte[] { 1 })]
    [InlineData("AQ", new byte[] { 1 })]
    [InlineData("", new byte[0])]
    public void BinaryValuesDecodePaddedOrNot(string header, byte[] expected) => Assert.Equal(expected, BinaryHeader.TryDecodeOne(header));

    [Fact]
    public void BinaryValuesJoinedWithCommasSplitBeforeDecoding()
    {
        var values = new List<byte[]>();

        Assert.True(BinaryHeader.TryDecode("AQ, AgM=", values));

        Assert.Equal([new byte[] { 1 }, new byte[] { 2, 3 }], values);
    }

    [Fact]
    public void BinaryValuesAreSentUnpadded() => Assert.Equal("AQ", BinaryHeader.Encode([1]));

    [Theory]
    [InlineData("application/grpc", RpcProtocol.Grpc)]
    [InlineData("application/grpc+proto", RpcProtocol.Grpc)]
    [InlineData("application/grpc; charset=utf-8", RpcProtocol.Grpc)]
    [InlineData("Application/GRPC", RpcProtocol.Grpc)]
    [InlineData("application/grpc-web", RpcProtocol.GrpcWeb)]
    [InlineData("application/grpc-web+proto", RpcProtocol.GrpcWeb)]
    [InlineData("application/grpc-web-text", RpcProtocol.GrpcWebText)]
    [InlineData("application/grpc-web-text+proto", RpcProtocol.GrpcWebText)]
    public void GrpcContentTypesChooseTheProtocol(string contentType, RpcProtocol expected)
    {
        Assert.True(ContentTypes.TryGetProtocol(contentType, out var protocol));
        Assert.Equal(expected, protocol);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("application/json")]
    [InlineData("application/grpc+json")]
    [InlineData("application/grpcx")]
    [InlineData("application/proto")]
    [InlineData("text/plain")]
    public void OtherContentTypesAreNotGrpc(string? contentType) => Assert.False(ContentTypes.TryGetProtocol(contentType, out _));
}
