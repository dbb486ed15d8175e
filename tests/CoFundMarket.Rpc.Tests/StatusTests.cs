using CoFundMarket.Rpc.Client;
using CoFundMarket.Rpc.Tests.Fixtures;
using CoFundMarket.Rpc.Tests.Interop;
using CoFundMarket.Rpc.Tests.Probes;
using Google.Rpc;

namespace CoFundMarket.Rpc.Tests;

/// <summary>How statuses travel: Trailers-Only, trailers after messages, percent-encoded messages, google.rpc.Status details.</summary>
public sealed class StatusTests(RpcTestServer server) : IClassFixture<RpcTestServer>, IDisposable
{
    private const string SpecialMessage = "\t\ntest with whitespace\r\nand Unicode BMP \u263A and non-BMP \U0001F608\t\n";
    private readonly RawGrpc _raw = new();

    [Fact]
    public async Task AnErrorBeforeAnyMessageIsATrailersOnlyResponse()
    {
        var response = await _raw.PostAsync(server.H2c, "/rpctest.ProbeService/Fail", Frame.Of(new FailRequest { Kind = "bad_request" }));

        Assert.True(response.IsTrailersOnly);
        Assert.Equal("3", response.Header("grpc-status"));
        Assert.Equal("application/grpc", response.Header("content-type"));
    }

    [Fact]
    public async Task AnErrorAfterMessagesArrivesInTrailers()
    {
        var response = await _raw.PostAsync(server.H2c, "/rpctest.ProbeService/FailStream", Frame.Of(new FailRequest { Kind = "trailers", MessagesBefore = 2 }));

        Assert.Equal(2, response.Frames().Count);
        Assert.Null(response.Header("grpc-status"));
        Assert.Equal("10", response.Trailer("grpc-status"));
        Assert.Equal("20", response.Trailer("retry-after-ms"));
        Assert.Equal("AQID", response.Trailer("token-bin"));
    }

    [Fact]
    public async Task OkIsSentInTrailersEvenWithoutAMessage()
    {
        var response = await _raw.PostAsync(server.H2c, "/grpc.testing.TestService/EmptyCall", Frame.Of(new Empty()));

        Assert.Equal("0", response.Trailer("grpc-status"));
        Assert.Null(response.Trailer("grpc-message"));
    }

    [Fact]
    public async Task StatusMessagesArePercentEncodedOnTheWire()
    {
        var response = await _raw.PostAsync(
            server.H2c,
            "/grpc.testing.TestService/UnaryCall",
            Frame.Of(new SimpleRequest { ResponseStatus = new EchoStatus { Code = 2, Message = "100% \u263A\n" } }));

        Assert.Equal("100%25 %E2%98%BA%0A", response.Header("grpc-message"));
    }

    [Fact]
    public async Task TheClientDecodesASpecialStatusMessageExactly()
    {
        using var channel = new RpcChannel(server.H2c);

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            channel.UnaryCall(Methods.UnaryCall, new SimpleRequest { ResponseStatus = new EchoStatus { Code = 2, Message = SpecialMessage } }).ResponseAsync);

        Assert.Equal(StatusCode.Unknown, error.StatusCode);
        Assert.Equal(SpecialMessage, error.Status.Detail);
    }

    [Fact]
    public async Task AStatusSetOnTheContextIsSentWithoutAnException()
    {
        using var channel = new RpcChannel(server.H2c);

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryCall(Methods.Fail, new FailRequest { Kind = "status" }).ResponseAsync);

        Assert.Equal(new Status(StatusCode.NotFound, "No such thing."), error.Status);
    }

    [Fact]
    public async Task BadRequestDetailsTravelInGrpcStatusDetailsBin()
    {
        using var channel = new RpcChannel(server.H2c);

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryCall(Methods.Fail, new FailRequest { Kind = "bad_request" }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var badRequest = error.GetDetail<BadRequest>();
        Assert.NotNull(badRequest);
        Assert.Equal(["amount.minor_units", "project_id"], badRequest.FieldViolations.Select(v => v.Field));
        Assert.Equal((int)StatusCode.InvalidArgument, error.RichStatus!.Code);
        Assert.Equal(error.Status.Detail, error.RichStatus.Message);
    }

    [Fact]
    public async Task ErrorInfoDetailsCarryAReasonAndDomain()
    {
        var response = await _raw.PostAsync(server.H2c, "/rpctest.ProbeService/Fail", Frame.Of(new FailRequest { Kind = "error_info" }));

        var encoded = response.Header("grpc-status-details-bin")!;
        Assert.DoesNotContain("=", encoded);
        var rich = Google.Rpc.Status.Parser.ParseFrom(Convert.FromBase64String(encoded.PadRight((encoded.Length + 3) / 4 * 4, '=')));
        Assert.Equal(9, rich.Code);
        var info = rich.Details.Single().Unpack<ErrorInfo>();
        Assert.Equal("PROJECT_NOT_OPEN", info.Type);
        Assert.Equal("cofund.example", info.Domain);
        Assert.Equal("p-1", info.Metadata["project_id"]);
    }

    [Fact]
    public async Task StatusesFromTheClientCarryTheirTrailers()
    {
        using var channel = new RpcChannel(server.H2c);

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryCall(Methods.Fail, new FailRequest { Kind = "trailers" }).ResponseAsync);

        Assert.Equal(StatusCode.Aborted, error.StatusCode);
        Assert.Equal("20", error.Trailers.GetValue("retry-after-ms"));
        Assert.Equal(new byte[] { 1, 2, 3 }, error.Trailers.GetValueBytes("token-bin"));
    }

    [Fact]
    public async Task AStreamReaderThrowsTheFinalStatusAfterTheMessages()
    {
        using var channel = new RpcChannel(server.H2c);
        using var call = channel.ServerStreamingCall(Methods.FailStream, new FailRequest { Kind = "bad_request", MessagesBefore = 3 });

        var received = 0;
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await call.ResponseStream.MoveNext())
            {
                received++;
            }
        });

        Assert.Equal(3, received);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, call.GetStatus().StatusCode);
    }

    public void Dispose() => _raw.Dispose();
}
