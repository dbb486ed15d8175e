using System.Buffers.Binary;
using System.IO.Compression;
using System.Net;
using CoFundMarket.Rpc.Client;
using CoFundMarket.Rpc.Tests.Fixtures;
using CoFundMarket.Rpc.Tests.Interop;
using CoFundMarket.Rpc.Tests.Probes;
using Google.Protobuf;

namespace CoFundMarket.Rpc.Tests;

/// <summary>Bad and oversized input: size limits (on the prefix, and after decompression), truncated frames, garbage, cardinality.</summary>
public sealed class MessageLimitTests(RpcTestServer server) : IClassFixture<RpcTestServer>, IDisposable
{
    private const int DefaultLimit = 4 * 1024 * 1024;
    private readonly RawGrpc _raw = new();

    [Fact]
    public async Task AMessageOfExactlyTheLimitIsAccepted()
    {
        var request = EchoOfTotalSize(DefaultLimit);

        var response = await _raw.PostAsync(server.H2c, "/rpctest.ProbeService/Echo", Frame.Of(request));

        Assert.Equal(StatusCode.OK, response.Code);
    }

    [Fact]
    public async Task AMessageOverTheLimitIsResourceExhausted()
    {
        var response = await _raw.PostAsync(server.H2c, "/rpctest.ProbeService/Echo", Frame.Of(EchoOfTotalSize(DefaultLimit + 1)));

        Assert.Equal(StatusCode.ResourceExhausted, response.Code);
    }

    [Theory]
    [InlineData((uint)DefaultLimit + 1)]
    [InlineData(0x7FFF_FFFFu)]
    [InlineData(0xFFFF_FFFFu)]
    public async Task TheLimitIsCheckedOnTheLengthPrefixBeforeTheBodyArrives(uint declaredLength)
    {
        // Only the 5-byte prefix is sent and the request stays open: an answer proves nothing was buffered or allocated for it.
        var header = new byte[5];
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(1), declaredLength);
        var body = new HeldOpenContent(header);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.H2c, "/rpctest.ProbeService/Echo"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = body,
        };
        request.Headers.TryAddWithoutValidation("te", "trailers");

        var response = await _raw.SendAsync(request).WaitAsync(TimeSpan.FromSeconds(20));
        body.Release();

        Assert.Equal(StatusCode.ResourceExhausted, response.Code);
        Assert.True(response.IsTrailersOnly);
    }

    [Fact]
    public async Task ACompressionBombIsStoppedAtTheLimitAfterDecompression()
    {
        // 64 MiB of zeros squeeze into about 64 KiB of gzip: under the limit on the wire, far over it once inflated.
        var inflated = new byte[64 * 1024 * 1024];
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(inflated);
        }

        var frame = Frame.Raw(1, compressed.ToArray());
        Assert.True(frame.Length < DefaultLimit);

        var response = await _raw.PostAsync(server.H2c, "/rpctest.ProbeService/Echo", frame, headers: [("grpc-encoding", "gzip")]);

        Assert.Equal(StatusCode.ResourceExhausted, response.Code);
    }

    [Fact]
    public async Task AFrameCutShortIsInternal()
    {
        var whole = Frame.Of(new EchoRequest { Payload = ByteString.CopyFromUtf8("hello world") });

        var response = await _raw.PostAsync(server.H2c, "/rpctest.ProbeService/Echo", whole[..^4]);

        Assert.Equal(StatusCode.Internal, response.Code);
    }

    [Fact]
    public async Task APrefixCutShortIsInternal()
    {
        var response = await _raw.PostAsync(server.H2c, "/rpctest.ProbeService/Echo", [0, 0, 0]);

        Assert.Equal(StatusCode.Internal, response.Code);
    }

    [Fact]
    public async Task BytesThatAreNotTheRequestMessageAreInternal()
    {
        // Field 1 (a string) claims 200 bytes that are not there: the parse fails. statuscodes.md lists
        // "Error parsing request proto" as INTERNAL; INVALID_ARGUMENT is an application's code, never the library's.
        var response = await _raw.PostAsync(server.H2c, "/rpctest.ProbeService/Echo", Frame.Raw(0, [0x0A, 0xC8, 0x01, 0x41, 0x42]));

        Assert.Equal(StatusCode.Internal, response.Code);
        Assert.True(response.IsTrailersOnly);
    }

    [Fact]
    public async Task AnUnknownFlagIsInternal()
    {
        var response = await _raw.PostAsync(server.H2c, "/rpctest.ProbeService/Echo", Frame.Raw(0x80, new EchoRequest().ToByteArray()));

        Assert.Equal(StatusCode.Internal, response.Code);
    }

    [Fact]
    public async Task AUnaryRequestWithoutAMessageBreaksCardinality()
    {
        var response = await _raw.PostAsync(server.H2c, "/rpctest.ProbeService/Echo", []);

        Assert.Equal(StatusCode.Unimplemented, response.Code);
    }

    [Fact]
    public async Task AUnaryRequestWithTwoMessagesBreaksCardinality()
    {
        var response = await _raw.PostAsync(server.H2c, "/rpctest.ProbeService/Echo", Frame.Concat(Frame.Of(new EchoRequest()), Frame.Of(new EchoRequest())));

        Assert.Equal(StatusCode.Unimplemented, response.Code);
    }

    [Fact]
    public async Task AMessageSplitAcrossManyWritesIsReassembled()
    {
        using var channel = new RpcChannel(server.H2c);
        var payload = ByteString.CopyFrom(Enumerable.Range(0, 200_000).Select(i => (byte)i).ToArray());

        var echo = await channel.UnaryCall(Methods.Echo, new EchoRequest { Payload = payload });

        Assert.Equal(payload, echo.Payload);
    }

    [Fact]
    public async Task TheClientRefusesAResponseOverItsLimit()
    {
        using var channel = new RpcChannel(server.H2c, new RpcChannelOptions { MaxReceiveMessageSize = 1024 });

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryCall(Methods.UnaryCall, new SimpleRequest { ResponseSize = 2048 }).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task TheServerStillServesAfterBadInput()
    {
        await _raw.PostAsync(server.H2c, "/rpctest.ProbeService/Echo", [0, 0x7F, 0xFF, 0xFF, 0xFF, 1, 2]);
        await _raw.PostAsync(server.H2c, "/rpctest.ProbeService/Echo", [1, 2, 3]);

        var response = await _raw.PostAsync(server.H2c, "/grpc.testing.TestService/EmptyCall", Frame.Of(new Empty()));

        Assert.Equal(StatusCode.OK, response.Code);
    }

    /// <summary>An Echo request whose serialized size is exactly <paramref name="size"/> bytes.</summary>
    private static EchoRequest EchoOfTotalSize(int size)
    {
        var request = new EchoRequest { Payload = ByteString.CopyFrom(new byte[size - 5]) };
        while (request.CalculateSize() != size)
        {
            request.Payload = ByteString.CopyFrom(new byte[request.Payload.Length + (size - request.CalculateSize())]);
        }

        return request;
    }

    public void Dispose() => _raw.Dispose();
}

/// <summary>A server whose receive limit is set low (64 KiB), as reliability-security.md S9 suggests for public endpoints.</summary>
public sealed class SmallLimitServer : RpcTestServer
{
    public SmallLimitServer() => Configure = options => options.MaxReceiveMessageSize = 64 * 1024;
}

/// <summary>The receive limit is configurable.</summary>
public sealed class ConfiguredLimitTests(SmallLimitServer server) : IClassFixture<SmallLimitServer>, IDisposable
{
    private readonly RawGrpc _raw = new();

    [Fact]
    public async Task TheConfiguredLimitApplies()
    {
        var under = await _raw.PostAsync(server.H2c, "/rpctest.ProbeService/Echo", Frame.Of(new EchoRequest { Payload = ByteString.CopyFrom(new byte[60_000]) }));
        var over = await _raw.PostAsync(server.H2c, "/rpctest.ProbeService/Echo", Frame.Of(new EchoRequest { Payload = ByteString.CopyFrom(new byte[70_000]) }));

        Assert.Equal(StatusCode.OK, under.Code);
        Assert.Equal(StatusCode.ResourceExhausted, over.Code);
    }

    public void Dispose() => _raw.Dispose();
}
