using System.Reflection;

namespace CoFundMarket.EndToEnd.Tests.Fixtures;

/// <summary>Where the build put the programs under test: same configuration as this assembly (paths written by the project file).</summary>
public static class BuiltPrograms
{
    public static string GatewayDll { get; } = Metadata("GatewayDll");

    public static string CofundDll { get; } = Metadata("CofundDll");

    private static string Metadata(string key) =>
        typeof(BuiltPrograms).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"No {key} in the test assembly's metadata.");
}
