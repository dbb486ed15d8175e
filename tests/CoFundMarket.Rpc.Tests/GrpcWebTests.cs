using System.Net;
using System.Text;
using CoFundMarket.Rpc.Tests.Fixtures;
using CoFundMarket.Rpc.Tests.Interop;
using CoFundMarket.Rpc.Tests.Probes;

namespace CoFundMarket.Rpc.Tests;

/// <summary>gRPC-Web binary and text over HTTP/1.1 and HTTP/2: trailers as a 0x80 frame in the body, and CORS.</summary>
public sealed class GrpcWebTests(RpcTestServer server) : IClassFixture<RpcTestServer>, IDisposable
{
    private readonly RawGrpc _raw = new();

    public static TheoryData<string> Transports => new() { "http1", "h2c" };

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task BinaryCallsEndWithATrailerFrame(string transport)
    {
        var response = await PostAsync(transport, "/grpc.testing.TestService/UnaryCall", Frame.Of(new SimpleRequest { ResponseSize = 10 }), "application/grpc-web+proto");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/grpc-web+proto", response.Header("content-type"));
        Assert.Empty(response.Trailers);
        var frames = response.Frames();
        Assert.Equal(2, frames.Count);
        Assert.Equal(10, SimpleResponse.Parser.ParseFrom(frames[0].Payload).Payload.Body.Length);
        Assert.Equal(0x80, frames[1].Flags);
        Assert.Contains("grpc-status: 0\r\n", Encoding.ASCII.GetString(frames[1].Payload));
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task TextCallsAreBase64BothWays(string transport)
    {
        var body = Encoding.ASCII.GetBytes(Convert.ToBase64String(Frame.Of(new SimpleRequest { ResponseSize = 7 })));

        var response = await PostAsync(transport, "/grpc.testing.TestService/UnaryCall", body, "application/grpc-web-text");

        Assert.Equal("application/grpc-web-text+proto", response.Header("content-type"));
        var frames = Frame.Split(DecodeConcatenatedBase64(Encoding.ASCII.GetString(response.Body)));
        Assert.Equal(7, SimpleResponse.Parser.ParseFrom(frames[0].Payload).Payload.Body.Length);
        Assert.Equal(0x80, frames[1].Flags);
    }

    [Fact]
    public async Task TextRequestsMayBeSeveralPaddedChunks()
    {
        var frame = Frame.Of(new EchoRequest { Payload = Google.Protobuf.ByteString.CopyFromUtf8("chunked") });
        var body = Encoding.ASCII.GetBytes(Convert.ToBase64String(frame[..4]) + Convert.ToBase64String(frame[4..]));

        var response = await PostAsync("http1", "/rpctest.ProbeService/Echo", body, "application/grpc-web-text");

        var frames = Frame.Split(DecodeConcatenatedBase64(Encoding.ASCII.GetString(response.Body)));
        Assert.Equal("chunked", EchoResponse.Parser.ParseFrom(frames[0].Payload).Payload.ToStringUtf8());
    }

    [Fact]
    public async Task TextThatIsNotBase64IsInternal()
    {
        var response = await PostAsync("http1", "/rpctest.ProbeService/Echo", "!!!!"u8.ToArray(), "application/grpc-web-text");

        Assert.Equal(StatusCode.Internal, response.Code);
    }

    [Fact]
    public async Task GrpcWebWorksOverTlsWithHttp1()
    {
        using var raw = new RawGrpc(server.Certificate);

        var response = await raw.PostAsync(server.Tls, "/grpc.testing.TestService/UnaryCall", Frame.Of(new SimpleRequest { ResponseSize = 4 }), "application/grpc-web", HttpVersion.Version11);

        Assert.Equal(HttpVersion.Version11, response.Version);
        Assert.Equal([0, 0x80], response.Frames().Select(f => (int)f.Flags));
    }

    [Fact]
    public async Task ServerStreamingWorksOverHttp1()
    {
        var request = new StreamingOutputCallRequest { ResponseParameters = { new ResponseParameters { Size = 3 }, new ResponseParameters { Size = 5 } } };

        var response = await PostAsync("http1", "/grpc.testing.TestService/StreamingOutputCall", Frame.Of(request), "application/grpc-web");

        Assert.Equal([0, 0, 0x80], response.Frames().Select(f => (int)f.Flags));
    }

    [Fact]
    public async Task AnImmediateErrorPutsTheStatusInTheHeaders()
    {
        var response = await PostAsync("http1", "/rpctest.ProbeService/Fail", Frame.Of(new FailRequest { Kind = "bad_request" }), "application/grpc-web");

        Assert.Empty(response.Body);
        Assert.Equal("3", response.Header("grpc-status"));
        Assert.NotNull(response.Header("grpc-status-details-bin"));
    }

    [Fact]
    public async Task AnErrorAfterAMessageGoesIntoTheTrailerFrame()
    {
        var response = await PostAsync("http1", "/rpctest.ProbeService/FailStream", Frame.Of(new FailRequest { Kind = "trailers", MessagesBefore = 1 }), "application/grpc-web");

        var trailer = Encoding.ASCII.GetString(response.Frames()[^1].Payload);
        Assert.Contains("grpc-status: 10\r\n", trailer);
        Assert.Contains("grpc-message: Lost a race.\r\n", trailer);
        Assert.Contains("token-bin: AQID\r\n", trailer);
    }

    [Fact]
    public async Task ADeadlineEndsAWebCallWithItsStatus()
    {
        var response = await PostAsync("http1", "/rpctest.ProbeService/Sleep", Frame.Of(new SleepRequest { Id = Guid.NewGuid().ToString() }), "application/grpc-web", ("grpc-timeout", "200m"));

        Assert.Equal(StatusCode.DeadlineExceeded, response.Code);
    }

    [Fact]
    public async Task TheHandlerSeesTheWebProtocol()
    {
        var response = await PostAsync("http1", "/rpctest.ProbeService/Echo", Frame.Of(new EchoRequest()), "application/grpc-web+proto");

        Assert.Equal("GrpcWeb", EchoResponse.Parser.ParseFrom(response.Frames()[0].Payload).Protocol);
    }

    [Fact]
    public async Task APreflightFromAnAllowedOriginIsAnswered()
    {
        var response = await PreflightAsync(RpcTestServer.AllowedOrigin);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(RpcTestServer.AllowedOrigin, response.Header("access-control-allow-origin"));
        Assert.Equal("POST", response.Header("access-control-allow-methods"));
        Assert.Equal("content-type,x-grpc-web,x-user-agent,grpc-timeout", response.Header("access-control-allow-headers"));
        Assert.NotNull(response.Header("access-control-max-age"));
    }

    [Fact]
    public async Task APreflightFromAnotherOriginGetsNoCorsHeaders()
    {
        var response = await PreflightAsync("https://evil.example");

        Assert.Null(response.Header("access-control-allow-origin"));
    }

    [Fact]
    public async Task CallsFromAnAllowedOriginExposeTheStatusHeaders()
    {
        var response = await PostAsync("http1", "/rpctest.ProbeService/Fail", Frame.Of(new FailRequest { Kind = "status" }), "application/grpc-web", ("origin", RpcTestServer.AllowedOrigin));

        Assert.Equal(RpcTestServer.AllowedOrigin, response.Header("access-control-allow-origin"));
        var exposed = response.Header("access-control-expose-headers")!;
        Assert.Contains("grpc-status", exposed);
        Assert.Contains("grpc-message", exposed);
        Assert.Contains("grpc-status-details-bin", exposed);
    }

    private Task<RawResponse> PostAsync(string transport, string path, byte[] body, string contentType, params (string, string)[] headers) =>
        transport == "http1"
            ? _raw.PostAsync(server.Http1, path, body, contentType, HttpVersion.Version11, headers)
            : _raw.PostAsync(server.H2c, path, body, contentType, HttpVersion.Version20, headers);

    private Task<RawResponse> PreflightAsync(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, new Uri(server.Http1, "/grpc.testing.TestService/UnaryCall")) { Version = HttpVersion.Version11 };
        request.Headers.TryAddWithoutValidation("origin", origin);
        request.Headers.TryAddWithoutValidation("access-control-request-method", "POST");
        request.Headers.TryAddWithoutValidation("access-control-request-headers", "content-type,x-grpc-web,x-user-agent,grpc-timeout");
        return _raw.SendAsync(request);
    }

    /// <summary>Decodes a body that may hold several base64 chunks, each padded.</summary>
    private static byte[] DecodeConcatenatedBase64(string text)
    {
        var bytes = new List<byte>();
        var start = 0;
        for (var i = 0; i < text.Length; i += 4)
        {
            if (text[i + 3] == '=' || i + 4 == text.Length)
            {
                bytes.AddRange(Convert.FromBase64String(text[start..(i + 4)]));
                start = i + 4;
            }
        }

        return bytes.ToArray();
    }

    public void Dispose() => _raw.Dispose();
}
