using CoFundMarket.Rpc.Tests.Fixtures;
using static CoFundMarket.Rpc.Tests.Fixtures.InteropRun;

namespace CoFundMarket.Rpc.Tests;

/// <summary>
/// The interop cases run by Node's @grpc/grpc-js (a pure JavaScript HTTP/2 client), over h2c and TLS.
/// A missing node_modules fails the test: ./test.sh runs npm ci.
/// </summary>
public sealed class NodeInteropTests(RpcTestServer server) : IClassFixture<RpcTestServer>
{
    private static readonly string[] s_cases =
    [
        "empty_unary", "large_unary", "client_compressed_unary", "server_compressed_unary", "server_streaming",
        "client_streaming", "ping_pong", "empty_stream", "status_code_and_message", "special_status_message",
        "unimplemented_method", "unimplemented_service", "timeout_on_sleeping_server", "cancel_after_begin",
        "cancel_after_first_response", "custom_metadata",
    ];

    public static TheoryData<string> Cases => new(s_cases);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task NodeGrpcJsPassesOverH2c(string testCase) => await RunAsync(server.H2c.Port, tlsCa: null, testCase);

    [Fact]
    public async Task NodeGrpcJsPassesOverTls()
    {
        using var ca = TemporaryFile.CertificateOf(server);
        await RunAsync(server.Tls.Port, ca.Path, TlsCases);
    }

    private static async Task RunAsync(int port, string? tlsCa, params string[] cases)
    {
        List<string> arguments = [Path.Combine(InteropPaths.Directory, "interop_client.js"), "--protos", InteropPaths.Protos];
        var result = await ChildProcess.RunAsync(InteropPaths.Node, [.. arguments, .. InteropArguments(port, tlsCa, cases)], InteropPaths.Directory);

        AssertAllPassed(result, cases);
    }
}
