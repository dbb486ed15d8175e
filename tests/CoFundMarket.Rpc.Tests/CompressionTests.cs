using System.IO.Compression;
using CoFundMarket.Rpc.Client;
using CoFundMarket.Rpc.Tests.Fixtures;
using CoFundMarket.Rpc.Tests.Interop;
using CoFundMarket.Rpc.Tests.Probes;
using Google.Protobuf;

namespace CoFundMarket.Rpc.Tests;

/// <summary>Per-message gzip and deflate in both directions, negotiated with grpc-encoding and grpc-accept-encoding.</summary>
public sealed class CompressionTests(RpcTestServer server) : IClassFixture<RpcTestServer>, IDisposable
{
    private readonly RawGrpc _raw = new();

    [Theory]
    [InlineData("gzip")]
    [InlineData("deflate")]
    public async Task CompressedRequestsAreDecompressed(string algorithm)
    {
        var payload = ByteString.CopyFromUtf8(new string('a', 10_000));

        var response = await _raw.PostAsync(server.H2c, "/rpctest.ProbeService/Echo", Frame.Compressed(new EchoRequest { Payload = payload }, algorithm), headers: [("grpc-encoding", algorithm)]);

        var echo = EchoResponse.Parser.ParseFrom(response.Frames().Single().Payload);
        Assert.Equal(payload, echo.Payload);
        Assert.True(echo.RequestCompressed);
    }

    [Fact]
    public async Task AnUncompressedMessageIsAcceptedUnderAnyEncoding()
    {
        var response = await _raw.PostAsync(server.H2c, "/rpctest.ProbeService/Echo", Frame.Of(new EchoRequest()), headers: [("grpc-encoding", "gzip")]);

        Assert.False(EchoResponse.Parser.ParseFrom(response.Frames().Single().Payload).RequestCompressed);
    }

    [Fact]
    public async Task AnUnknownEncodingIsUnimplementedAndTheAcceptedOnesAreListed()
    {
        var response = await _raw.PostAsync(server.H2c, "/rpctest.ProbeService/Echo", Frame.Of(new EchoRequest()), headers: [("grpc-encoding", "snappy")]);

        Assert.Equal(StatusCode.Unimplemented, response.Code);
        Assert.Equal("identity,gzip,deflate", response.Header("grpc-accept-encoding"));
    }

    [Fact]
    public async Task ACompressedFlagWithoutAnEncodingIsInternal()
    {
        var response = await _raw.PostAsync(server.H2c, "/rpctest.ProbeService/Echo", Frame.Compressed(new EchoRequest(), "gzip"));

        Assert.Equal(StatusCode.Internal, response.Code);
    }

    [Fact]
    public async Task ACompressedFlagUnderIdentityIsInternal()
    {
        var response = await _raw.PostAsync(server.H2c, "/rpctest.ProbeService/Echo", Frame.Compressed(new EchoRequest(), "gzip"), headers: [("grpc-encoding", "identity")]);

        Assert.Equal(StatusCode.Internal, response.Code);
    }

    [Fact]
    public async Task DataThatDoesNotDecompressIsInternal()
    {
        var response = await _raw.PostAsync(server.H2c, "/rpctest.ProbeService/Echo", Frame.Raw(1, [1, 2, 3, 4, 5, 6, 7]), headers: [("grpc-encoding", "gzip")]);

        Assert.Equal(StatusCode.Internal, response.Code);
    }

    [Fact]
    public async Task ResponsesAreCompressedWhenAskedAndAccepted()
    {
        var response = await _raw.PostAsync(
            server.H2c,
            "/grpc.testing.TestService/UnaryCall",
            Frame.Of(new SimpleRequest { ResponseSize = 50_000, ResponseCompressed = new BoolValue { Value = true } }),
            headers: [("grpc-accept-encoding", "identity, deflate, gzip")]);

        Assert.Equal("gzip", response.Header("grpc-encoding"));
        var (flags, payload) = response.Frames().Single();
        Assert.Equal(1, flags);
        Assert.True(payload.Length < 1_000);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("deflate")]
    public async Task AResponseIsCompressedWithTheAlgorithmTheHandlerChose(string algorithm)
    {
        var request = new SimpleRequest { ResponseSize = 50_000, ResponseCompressed = new BoolValue { Value = true } };

        var response = await _raw.PostAsync(
            server.H2c,
            "/grpc.testing.TestService/UnaryCall",
            Frame.Compressed(request, algorithm),
            headers: [("grpc-encoding", algorithm), ("grpc-accept-encoding", algorithm)]);

        Assert.Equal(algorithm, response.Header("grpc-encoding"));
        var (flags, payload) = response.Frames().Single();
        Assert.Equal(1, flags);
        // Decoded with the framework's streams, not the library's own codec: gRPC's "deflate" is the zlib format.
        using var compressed = new MemoryStream(payload);
        using Stream decompressor = algorithm == "gzip" ? new GZipStream(compressed, CompressionMode.Decompress) : new ZLibStream(compressed, CompressionMode.Decompress);
        Assert.Equal(50_000, SimpleResponse.Parser.ParseFrom(decompressor).Payload.Body.Length);
    }

    [Fact]
    public async Task ResponsesStayUncompressedWhenTheClientDoesNotAcceptTheAlgorithm()
    {
        var response = await _raw.PostAsync(
            server.H2c,
            "/grpc.testing.TestService/UnaryCall",
            Frame.Of(new SimpleRequest { ResponseSize = 100, ResponseCompressed = new BoolValue { Value = true } }),
            headers: [("grpc-accept-encoding", "identity")]);

        Assert.Null(response.Header("grpc-encoding"));
        Assert.Equal(0, response.Frames().Single().Flags);
    }

    [Fact]
    public async Task EachStreamedMessageCanOptOutOfCompression()
    {
        var request = new StreamingOutputCallRequest
        {
            ResponseParameters =
            {
                new ResponseParameters { Size = 31_415, Compressed = new BoolValue { Value = true } },
                new ResponseParameters { Size = 92_653, Compressed = new BoolValue { Value = false } },
            },
        };

        var response = await _raw.PostAsync(server.H2c, "/grpc.testing.TestService/StreamingOutputCall", Frame.Of(request), headers: [("grpc-accept-encoding", "gzip")]);

        Assert.Equal([1, 0], response.Frames().Select(f => (int)f.Flags));
        Assert.Equal(92_653, StreamingOutputCallResponse.Parser.ParseFrom(response.Frames()[1].Payload).Payload.Body.Length);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("deflate")]
    public async Task TheClientCompressesRequestsAndReadsCompressedResponses(string algorithm)
    {
        using var channel = new RpcChannel(server.H2c, new RpcChannelOptions { CompressionAlgorithm = algorithm });

        var response = await channel.UnaryCall(Methods.UnaryCall, new SimpleRequest
        {
            ExpectCompressed = new BoolValue { Value = true },
            ResponseCompressed = new BoolValue { Value = true },
            ResponseSize = 314_159,
            Payload = new Payload { Body = ByteString.CopyFrom(new byte[271_828]) },
        });

        Assert.Equal(314_159, response.Payload.Body.Length);
    }

    [Fact]
    public async Task AnUncompressedProbeFailsWhereCompressionIsExpected()
    {
        using var channel = new RpcChannel(server.H2c);

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            channel.UnaryCall(Methods.UnaryCall, new SimpleRequest { ExpectCompressed = new BoolValue { Value = true } }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }

    public void Dispose() => _raw.Dispose();
}
