using CoFundMarket.Rpc.Tests.Fixtures;
using static CoFundMarket.Rpc.Tests.Fixtures.InteropRun;

namespace CoFundMarket.Rpc.Tests;

/// <summary>
/// The interop cases run by Debian's python3-grpcio (C-core underneath), a client nobody here wrote, over h2c and TLS.
/// A missing peer fails the test: ./test.sh installs it.
/// </summary>
public sealed class PythonInteropTests(RpcTestServer server) : IClassFixture<RpcTestServer>
{
    private static readonly string[] s_cases =
    [
        "empty_unary", "large_unary", "client_compressed_unary", "server_compressed_unary", "server_streaming",
        "server_compressed_streaming", "client_streaming", "client_compressed_streaming", "ping_pong", "empty_stream",
        "status_code_and_message", "special_status_message", "unimplemented_method", "unimplemented_service",
        "timeout_on_sleeping_server", "cancel_after_begin", "cancel_after_first_response", "custom_metadata",
    ];

    public static TheoryData<string> Cases => new(s_cases);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task PythonGrpcioPassesOverH2c(string testCase) => await RunAsync(server.H2c.Port, tlsCa: null, testCase);

    [Fact]
    public async Task PythonGrpcioPassesOverTls()
    {
        using var ca = TemporaryFile.CertificateOf(server);
        await RunAsync(server.Tls.Port, ca.Path, TlsCases);
    }

    private static async Task RunAsync(int port, string? tlsCa, params string[] cases)
    {
        using var descriptors = TemporaryFile.DescriptorSet();
        List<string> arguments = [Path.Combine(InteropPaths.Directory, "interop_client.py"), "--descriptor-set", descriptors.Path];
        var result = await ChildProcess.RunAsync(InteropPaths.Python, [.. arguments, .. InteropArguments(port, tlsCa, cases)]);

        AssertAllPassed(result, cases);
    }
}
