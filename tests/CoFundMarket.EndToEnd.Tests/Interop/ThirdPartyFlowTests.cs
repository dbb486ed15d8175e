using CoFundMarket.EndToEnd.Tests.Fixtures;
using CoFundMarket.Rpc.Tests.Fixtures;

namespace CoFundMarket.EndToEnd.Tests.Interop;

/// <summary>
/// Clients nobody here wrote run the whole co-funding flow: Debian's python3-grpcio with messages generated from the
/// protos at test time (python3-grpc-tools), and Node's @grpc/grpc-js with @grpc/proto-loader (npm ci by test.sh).
/// Each uses its own organisations, so the two flows do not share budgets.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class ThirdPartyFlowTests(GatewayFixture fixture)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task PythonGrpcioRunsTheWholeCoFundingFlow() =>
        await new CofundFlow(fixture, "py-", "ZPY01", ["RBD", "RBK", "RBL"]).RunAndVerifyAsync(plan =>
            ChildProcess.RunAsync(InteropPaths.Python, [Path.Combine(InteropPaths.Directory, "cofund_flow.py"), plan], timeout: s_timeout));

    [Fact]
    public async Task NodeGrpcJsRunsTheWholeCoFundingFlow() =>
        await new CofundFlow(fixture, "js-", "ZJS01", ["RBN", "RBQ", "RBS"]).RunAndVerifyAsync(plan =>
            ChildProcess.RunAsync(InteropPaths.Node, [Path.Combine(InteropPaths.Directory, "cofund_flow.js"), plan], InteropPaths.Directory, s_timeout));
}
