using CoFundMarket.Rpc.Tests.Fixtures;

namespace CoFundMarket.EndToEnd.Tests.Fixtures;

/// <summary>Runs the built <c>cofund</c> command (<c>dotnet cofund.dll …</c>) as a user would, with a clean environment.</summary>
public static class Cofund
{
    /// <summary>Runs to completion; <paramref name="token"/> becomes COFUND_TOKEN (none: the variable is removed, so a developer's own does not leak in).</summary>
    public static Task<ChildProcess.Result> RunAsync(string? token, params string[] arguments) =>
        ChildProcess.RunAsync(GatewayProcess.DotNet, [BuiltPrograms.CofundDll, .. arguments], Path.GetTempPath(), TimeSpan.FromSeconds(60), Environment(token));

    /// <summary>Starts a long-running command (<c>events watch</c>).</summary>
    public static RunningProcess Start(string? token, params string[] arguments) =>
        RunningProcess.Start(GatewayProcess.DotNet, [BuiltPrograms.CofundDll, .. arguments], Path.GetTempPath(), Environment(token));

    private static Dictionary<string, string?> Environment(string? token) => new() { ["COFUND_TOKEN"] = token };
}
