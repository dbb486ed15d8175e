namespace CoFundMarket.Rpc.Tests.Fixtures;

/// <summary>Runs buf (npm @bufbuild/buf, installed by test.sh) from the interop folder, bounded in time.</summary>
public static class BufCli
{
    /// <summary>Runs buf; with <paramref name="expectSuccess"/> a non-zero exit fails the test with everything buf printed.</summary>
    public static async Task<ChildProcess.Result> RunAsync(bool expectSuccess, params string[] arguments)
    {
        var result = await ChildProcess.RunAsync(InteropPaths.Buf, [.. arguments, "--timeout", "20s"], InteropPaths.Directory);
        if (expectSuccess)
        {
            Assert.True(result.ExitCode == 0, result.ToString());
        }

        return result;
    }
}
