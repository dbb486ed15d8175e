using System.Text.Json;
using CoFundMarket.Rpc.Tests.Fixtures;

namespace CoFundMarket.Rpc.Tests;

/// <summary>
/// buf curl (npm @bufbuild/buf, connect-go inside): native gRPC with the schema from server reflection (v1 and v1alpha),
/// gRPC-Web over HTTP/1.1, TLS, and error statuses. A missing buf fails the test: ./test.sh runs npm ci.
/// </summary>
public sealed class BufCurlTests(RpcTestServer server) : IClassFixture<RpcTestServer>
{
    [Fact]
    public async Task AGrpcCallUsesReflectionForItsSchema()
    {
        var result = await BufAsync("curl", "--protocol", "grpc", "--http2-prior-knowledge", "-d", "{\"responseSize\": 12}", Url(server.H2c, "grpc.testing.TestService/UnaryCall"));

        Assert.Equal("AAAAAAAAAAAAAAAA", Json(result).GetProperty("payload").GetProperty("body").GetString());
    }

    [Theory]
    [InlineData("grpc-v1")]
    [InlineData("grpc-v1alpha")]
    public async Task ListingServicesWorksOverEitherReflectionVersion(string reflectProtocol)
    {
        var result = await BufAsync("curl", "--protocol", "grpc", "--http2-prior-knowledge", "--reflect-protocol", reflectProtocol, "--list-services", server.H2c.ToString());

        Assert.Contains("grpc.testing.TestService", result.Output);
        Assert.Contains("rpctest.ProbeService", result.Output);
        Assert.Contains("grpc.health.v1.Health", result.Output);
    }

    [Fact]
    public async Task ListingMethodsFollowsImportsThroughReflection()
    {
        var result = await BufAsync("curl", "--protocol", "grpc", "--http2-prior-knowledge", "--list-methods", server.H2c.ToString());

        Assert.Contains("rpctest.ProbeService/SleepStream", result.Output);
        Assert.Contains("grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo", result.Output);
    }

    [Fact]
    public async Task AGrpcWebCallWorksOverHttp1()
    {
        using var schema = TemporaryFile.DescriptorSet();

        var result = await BufAsync("curl", "--protocol", "grpcweb", "--schema", schema.Path, "-d", "{\"responseParameters\": [{\"size\": 3}, {\"size\": 6}]}", Url(server.Http1, "grpc.testing.TestService/StreamingOutputCall"));

        Assert.Equal(2, result.Output.Split("}\n{").Length);
        Assert.Contains("\"AAAA\"", result.Output);
        Assert.Contains("\"AAAAAAAA\"", result.Output);
    }

    [Fact]
    public async Task AGrpcWebCallWorksOverHttp2WithReflection()
    {
        var result = await BufAsync("curl", "--protocol", "grpcweb", "--http2-prior-knowledge", "-d", "{}", Url(server.H2c, "grpc.testing.TestService/EmptyCall"));

        Assert.Equal("{}", result.Output.Trim());
    }

    [Fact]
    public async Task ACallOverTlsNegotiatesHttp2()
    {
        using var ca = TemporaryFile.CertificateOf(server);

        var result = await BufAsync("curl", "--protocol", "grpc", "--cacert", ca.Path, "-d", "{\"service\": \"\"}", Url(server.Tls, "grpc.health.v1.Health/Check"));

        Assert.Equal("SERVING", Json(result).GetProperty("status").GetString());
    }

    [Fact]
    public async Task AnErrorStatusIsReportedWithItsCodeAndMessage()
    {
        var result = await BufAsync(expectSuccess: false, "curl", "--protocol", "grpc", "--http2-prior-knowledge", "-d", "{\"kind\": \"error_info\"}", Url(server.H2c, "rpctest.ProbeService/Fail"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("failed_precondition", result.Error);
        Assert.Contains("The project is not open.", result.Error);
    }

    private static string Url(Uri server, string path) => new Uri(server, path).ToString();

    private static JsonElement Json(ChildProcess.Result result) => JsonDocument.Parse(result.Output).RootElement;

    private static Task<ChildProcess.Result> BufAsync(params string[] arguments) => BufCli.RunAsync(true, arguments);

    private static Task<ChildProcess.Result> BufAsync(bool expectSuccess, params string[] arguments) => BufCli.RunAsync(expectSuccess, arguments);
}
