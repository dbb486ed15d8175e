using System.Net;
using CoFundMarket.Rpc.Tests.Fixtures;
using CoFundMarket.Rpc.Tests.Interop;

namespace CoFundMarket.Rpc.Tests;

/// <summary>How a gRPC route answers requests that are not gRPC calls, and unknown services and methods.</summary>
public sealed class HttpMappingTests(RpcTestServer server) : IClassFixture<RpcTestServer>, IDisposable
{
    private readonly RawGrpc _raw = new();

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/plain")]
    [InlineData("application/grpc+json")]
    [InlineData(null)]
    public async Task NonGrpcContentTypesGet415(string? contentType)
    {
        var response = await _raw.PostAsync(server.H2c, "/grpc.testing.TestService/EmptyCall", Frame.Of(new Empty()), contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("13", response.Header("grpc-status"));
    }

    [Fact]
    public async Task ContentTypeParametersAreAccepted()
    {
        var response = await _raw.PostAsync(server.H2c, "/grpc.testing.TestService/EmptyCall", Frame.Of(new Empty()), "application/grpc+proto; charset=utf-8");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(StatusCode.OK, response.Code);
    }

    [Fact]
    public async Task NativeGrpcOverHttp1GetsUpgradeRequired()
    {
        var response = await _raw.PostAsync(server.Http1, "/grpc.testing.TestService/EmptyCall", Frame.Of(new Empty()), version: HttpVersion.Version11);

        Assert.Equal(HttpStatusCode.UpgradeRequired, response.StatusCode);
        Assert.Equal("13", response.Header("grpc-status"));
    }

    [Fact]
    public async Task AnUnknownMethodOfAKnownServiceIsUnimplemented()
    {
        var response = await _raw.PostAsync(server.H2c, "/grpc.testing.TestService/UnimplementedCall", Frame.Of(new Empty()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.IsTrailersOnly);
        Assert.Equal(StatusCode.Unimplemented, response.Code);
        Assert.Equal("Method is unimplemented.", response.GrpcMessage);
        Assert.Equal("application/grpc", response.Header("content-type"));
    }

    [Fact]
    public async Task AnUnknownServiceIsUnimplemented()
    {
        var response = await _raw.PostAsync(server.H2c, "/grpc.testing.UnimplementedService/UnimplementedCall", Frame.Of(new Empty()));

        Assert.True(response.IsTrailersOnly);
        Assert.Equal(StatusCode.Unimplemented, response.Code);
        Assert.Equal("Service is unimplemented.", response.GrpcMessage);
    }

    [Fact]
    public async Task UnknownMethodsAreUnimplementedForGrpcWebToo()
    {
        var response = await _raw.PostAsync(server.Http1, "/nope.Service/Method", Frame.Of(new Empty()), "application/grpc-web+proto", HttpVersion.Version11);

        Assert.Equal(StatusCode.Unimplemented, response.Code);
        Assert.Equal("application/grpc-web+proto", response.Header("content-type"));
    }

    [Fact]
    public async Task MethodNamesAreCaseSensitive()
    {
        var response = await _raw.PostAsync(server.H2c, "/grpc.testing.TestService/emptycall", Frame.Of(new Empty()));

        Assert.Equal(StatusCode.Unimplemented, response.Code);
    }

    [Fact]
    public async Task NonGrpcRequestsToOtherPathsFallThroughToTheApplication()
    {
        var unknown = await _raw.PostAsync(server.Http1, "/some/page", [], "text/plain", HttpVersion.Version11);
        var app = await _raw.PostAsync(server.Http1, "/not/grpc", [], "text/plain", HttpVersion.Version11);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, app.StatusCode);
    }

    [Fact]
    public async Task GetOnAMethodIsNotServed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.H2c, "/grpc.testing.TestService/EmptyCall"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };

        var response = await _raw.SendAsync(request);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.GrpcStatus);
    }

    public void Dispose() => _raw.Dispose();
}

/// <summary>A server that leaves unknown services to the rest of the application.</summary>
public sealed class IgnoreUnknownServicesServer : RpcTestServer
{
    public IgnoreUnknownServicesServer() => Configure = options => options.IgnoreUnknownServices = true;
}

/// <summary>With <c>IgnoreUnknownServices</c>, gRPC requests for unbound services fall through (here: 404).</summary>
public sealed class IgnoreUnknownServicesTests(IgnoreUnknownServicesServer server) : IClassFixture<IgnoreUnknownServicesServer>, IDisposable
{
    private readonly RawGrpc _raw = new();

    [Fact]
    public async Task AnUnknownServiceFallsThrough()
    {
        var response = await _raw.PostAsync(server.H2c, "/grpc.testing.UnimplementedService/UnimplementedCall", Frame.Of(new Empty()));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    public void Dispose() => _raw.Dispose();
}
