using CoFundMarket.Rpc.Client;
using CoFundMarket.Rpc.Tests.Fixtures;
using CoFundMarket.Rpc.Tests.Interop;
using CoFundMarket.Rpc.Tests.Probes;
using CoFundMarket.Rpc.Tests.Services;
using Microsoft.Extensions.Logging;

namespace CoFundMarket.Rpc.Tests;

/// <summary>An unexpected exception becomes UNKNOWN with a generic message; its text and stack stay in the server's log.</summary>
public sealed class ErrorHygieneTests(RpcTestServer server) : IClassFixture<RpcTestServer>, IDisposable
{
    private readonly RawGrpc _raw = new();

    [Fact]
    public async Task AnUnhandledExceptionIsUnknownWithAGenericMessage()
    {
        var response = await _raw.PostAsync(server.H2c, "/rpctest.ProbeService/Fail", Frame.Of(new FailRequest { Kind = "exception" }));

        Assert.Equal(StatusCode.Unknown, response.Code);
        Assert.Equal("Exception was thrown by handler.", response.GrpcMessage);
        var everything = string.Join("\n", response.Headers.Concat(response.Trailers).Select(h => h.Key + ": " + h.Value));
        Assert.DoesNotContain("hunter2", everything);
        Assert.DoesNotContain("InvalidOperationException", everything);
        Assert.DoesNotContain(" at ", everything);
        Assert.Null(response.Header("grpc-status-details-bin"));
    }

    [Fact]
    public async Task AnExceptionInTheMiddleOfAStreamEndsItWithTheGenericStatus()
    {
        var response = await _raw.PostAsync(server.H2c, "/rpctest.ProbeService/FailStream", Frame.Of(new FailRequest { Kind = "exception", MessagesBefore = 1 }));

        Assert.Single(response.Frames());
        Assert.Equal("2", response.Trailer("grpc-status"));
        Assert.Equal("Exception was thrown by handler.", response.Trailer("grpc-message"));
    }

    [Fact]
    public async Task TheExceptionIsLoggedOnTheServer()
    {
        await _raw.PostAsync(server.H2c, "/rpctest.ProbeService/Fail", Frame.Of(new FailRequest { Kind = "exception" }));

        Assert.Contains(server.Logs.Entries, entry =>
            entry.Level == LogLevel.Error
            && entry.Message.Contains("/rpctest.ProbeService/Fail", StringComparison.Ordinal)
            && entry.Exception?.Message == ProbeServiceImpl.SecretInExceptionMessage);
    }

    [Fact]
    public async Task FailingCallsDoNotDisturbOthersRunningAtTheSameTime()
    {
        using var channel = new RpcChannel(server.H2c);

        var failing = Enumerable.Range(0, 100).Select(_ => channel.UnaryCall(Methods.Fail, new FailRequest { Kind = "exception" }).ResponseAsync);
        var healthy = Enumerable.Range(0, 100).Select(i => channel.UnaryCall(Methods.UnaryCall, new SimpleRequest { ResponseSize = i }).ResponseAsync);
        var failures = failing.Select(async call => (await Assert.ThrowsAsync<RpcException>(() => call)).StatusCode).ToList();
        var responses = await Task.WhenAll(healthy);

        Assert.All(await Task.WhenAll(failures), code => Assert.Equal(StatusCode.Unknown, code));
        Assert.Equal(Enumerable.Range(0, 100), responses.Select(r => r.Payload.Body.Length));
    }

    public void Dispose() => _raw.Dispose();
}

/// <summary>A server that opts in to detailed errors.</summary>
public sealed class DetailedErrorsServer : RpcTestServer
{
    public DetailedErrorsServer() => Configure = options => options.EnableDetailedErrors = true;
}

/// <summary>Detailed errors add the exception's type and message, never its stack trace.</summary>
public sealed class DetailedErrorTests(DetailedErrorsServer server) : IClassFixture<DetailedErrorsServer>, IDisposable
{
    private readonly RawGrpc _raw = new();

    [Fact]
    public async Task DetailedErrorsCarryTheMessageButNoStackTrace()
    {
        var response = await _raw.PostAsync(server.H2c, "/rpctest.ProbeService/Fail", Frame.Of(new FailRequest { Kind = "exception" }));

        Assert.Equal(StatusCode.Unknown, response.Code);
        Assert.Contains("InvalidOperationException", response.GrpcMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("ProbeServiceImpl", response.GrpcMessage, StringComparison.Ordinal);
    }

    public void Dispose() => _raw.Dispose();
}
