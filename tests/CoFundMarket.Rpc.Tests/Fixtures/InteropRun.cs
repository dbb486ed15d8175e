using System.Globalization;

namespace CoFundMarket.Rpc.Tests.Fixtures;

/// <summary>What the Python and Node interop clients share: their command line and how their output is judged.</summary>
public static class InteropRun
{
    /// <summary>The interop cases both clients run over TLS (the full list runs over h2c).</summary>
    public static readonly string[] TlsCases = ["empty_unary", "large_unary", "server_streaming", "ping_pong", "custom_metadata"];

    public static IEnumerable<string> InteropArguments(int port, string? tlsCa, string[] cases)
    {
        yield return "--port";
        yield return port.ToString(CultureInfo.InvariantCulture);
        if (tlsCa is not null)
        {
            yield return "--tls-ca";
            yield return tlsCa;
        }

        foreach (var testCase in cases)
        {
            yield return testCase;
        }
    }

    public static void AssertAllPassed(ChildProcess.Result result, string[] cases)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"{cases.Length} passed, 0 failed", result.Output);
    }
}
