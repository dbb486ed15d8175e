using CoFundMarket.Rpc.Client;
using CoFundMarket.Rpc.Tests.Fixtures;
using CoFundMarket.Rpc.Tests.Interop;
using CoFundMarket.Rpc.Tests.Probes;

namespace CoFundMarket.Rpc.Tests;

/// <summary>Custom metadata both ways: text and -bin values (padded or not, comma-joined), response headers and trailers.</summary>
public sealed class MetadataTests(RpcTestServer server) : IClassFixture<RpcTestServer>, IDisposable
{
    private readonly RawGrpc _raw = new();

    [Theory]
    [InlineData("AQID", new byte[] { 1, 2, 3 })]
    [InlineData("AQI=", new byte[] { 1, 2 })]
    [InlineData("AQI", new byte[] { 1, 2 })]
    [InlineData("AA==", new byte[] { 0 })]
    public async Task BinaryHeadersAreDecodedPaddedOrNot(string wire, byte[] expected)
    {
        var echo = await EchoRawAsync(("x-token-bin", wire));

        var entry = Assert.Single(echo.RequestHeaders, e => e.Key == "x-token-bin");
        Assert.True(entry.Binary);
        Assert.Equal(expected, entry.BinaryValue.ToByteArray());
    }

    [Fact]
    public async Task CommaJoinedBinaryValuesBecomeSeparateEntries()
    {
        var echo = await EchoRawAsync(("x-multi-bin", "AQ,AgM="));

        Assert.Equal(
            [new byte[] { 1 }, new byte[] { 2, 3 }],
            echo.RequestHeaders.Where(e => e.Key == "x-multi-bin").Select(e => e.BinaryValue.ToByteArray()));
    }

    [Fact]
    public async Task TextHeadersArriveAsTheyWereSentAndProtocolHeadersAreNotMetadata()
    {
        var echo = await EchoRawAsync(("x-request-id", "abc-123"), ("grpc-timeout", "10S"));

        Assert.Contains(echo.RequestHeaders, e => e.Key == "x-request-id" && e.Value == "abc-123");
        Assert.DoesNotContain(echo.RequestHeaders, e => e.Key is "content-type" or "te" or "grpc-timeout" or "grpc-accept-encoding" || e.Key.StartsWith(':'));
    }

    [Fact]
    public async Task AnInvalidBinaryValueIsDroppedWithoutFailingTheCall()
    {
        var echo = await EchoRawAsync(("x-bad-bin", "!!!not base64!!!"), ("x-good", "yes"));

        Assert.DoesNotContain(echo.RequestHeaders, e => e.Key == "x-bad-bin");
        Assert.Contains(echo.RequestHeaders, e => e.Key == "x-good");
    }

    [Fact]
    public async Task TheClientSendsMetadataAndReceivesEchoedHeadersAndTrailers()
    {
        using var channel = new RpcChannel(server.H2c);
        var headers = new Metadata
        {
            { "x-grpc-test-echo-initial", "test_initial_metadata_value" },
            { "x-grpc-test-echo-trailing-bin", new byte[] { 0xAB, 0xAB, 0xAB } },
        };

        using var call = channel.UnaryCall(Methods.UnaryCall, new SimpleRequest { ResponseSize = 1 }, new CallOptions { Headers = headers });
        await call.ResponseAsync;

        Assert.Equal("test_initial_metadata_value", (await call.ResponseHeadersAsync).GetValue("x-grpc-test-echo-initial"));
        Assert.Equal(new byte[] { 0xAB, 0xAB, 0xAB }, call.GetTrailers().GetValueBytes("x-grpc-test-echo-trailing-bin"));
    }

    [Fact]
    public async Task BinaryTrailersGoOutUnpadded()
    {
        var response = await _raw.PostAsync(
            server.H2c,
            "/grpc.testing.TestService/UnaryCall",
            Frame.Of(new SimpleRequest()),
            headers: [("x-grpc-test-echo-trailing-bin", "q6ur"), ("x-grpc-test-echo-initial", "v")]);

        Assert.Equal("q6ur", response.Trailer("x-grpc-test-echo-trailing-bin"));
        Assert.Equal("v", response.Header("x-grpc-test-echo-initial"));
    }

    [Fact]
    public void MetadataRefusesKeysAndValuesTheProtocolCannotCarry()
    {
        Assert.Throws<ArgumentException>(() => new Metadata().Add("bad key", "v"));
        Assert.Throws<ArgumentException>(() => new Metadata().Add("x-text", "line\nbreak"));
        Assert.Throws<ArgumentException>(() => new Metadata().Add("x-text-bin", "text"));
        Assert.Throws<ArgumentException>(() => new Metadata().Add("x-bytes", new byte[] { 1 }));
        Assert.Equal("x-upper", new Metadata().Add("X-Upper", "v")[0].Key);
    }

    [Fact]
    public async Task TheHandlerSeesPeerHostAndMethod()
    {
        var echo = await EchoRawAsync();

        Assert.Equal("/rpctest.ProbeService/Echo", echo.Method);
        Assert.StartsWith("ipv4:127.0.0.1:", echo.Peer);
        Assert.Equal(server.H2c.Authority, echo.Host);
        Assert.Equal("Grpc", echo.Protocol);
    }

    private async Task<EchoResponse> EchoRawAsync(params (string Name, string Value)[] headers)
    {
        var response = await _raw.PostAsync(server.H2c, "/rpctest.ProbeService/Echo", Frame.Of(new EchoRequest()), headers: headers);
        Assert.Equal(StatusCode.OK, response.Code);
        return EchoResponse.Parser.ParseFrom(response.Frames().Single().Payload);
    }

    public void Dispose() => _raw.Dispose();
}
