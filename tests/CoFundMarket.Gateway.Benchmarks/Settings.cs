using System.Globalization;
using System.Reflection;

namespace CoFundMarket.Gateway.Benchmarks;

/// <summary>The load's shape; the defaults are the issue's: h2load -c 4 -m 16 (64 concurrent streams).</summary>
public sealed record Settings(int Requests, int Connections, int Streams, int Rounds, int PledgeSeconds, int PledgeWarmUpSeconds, int PledgeOrganisations)
{
    /// <summary>Positional arguments: requests per h2load run, connections, streams per connection, rounds, CreatePledge seconds.</summary>
    public static Settings From(string[] args)
    {
        int At(int index, int fallback) => args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;
        return new Settings(At(0, 200_000), At(1, 4), At(2, 16), At(3, 3), At(4, 20), PledgeWarmUpSeconds: 5, PledgeOrganisations: 32);
    }
}

/// <summary>Where the build put what the benchmark starts.</summary>
public static class Paths
{
    public static string GatewayDll { get; } = Metadata("GatewayDll");

    public static string NodeDirectory { get; } = Metadata("NodeDirectory");

    public static string Protos { get; } = Path.Combine(AppContext.BaseDirectory, "Protos");

    private static string Metadata(string key) =>
        typeof(Paths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"No {key} in the assembly's metadata.");
}
