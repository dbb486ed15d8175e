namespace CoFundMarket.Rpc.Tests.Fixtures;

/// <summary>Where the interop clients live: the test project's Interop folder (node_modules installed there by test.sh).</summary>
public static class InteropPaths
{
    /// <summary>Debian's python, which sees python3-grpcio (the pyenv python on PATH does not).</summary>
    public const string Python = "/usr/bin/python3";

    public static string Directory { get; } = Find();

    public static string Node => "node";

    public static string Buf => Path.Combine(Directory, "node_modules", ".bin", "buf");

    public static string Protos => Path.Combine(AppContext.BaseDirectory, "Protos");

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "Interop", "package.json");
            if (File.Exists(candidate))
            {
                return Path.GetDirectoryName(candidate)!;
            }
        }

        throw new DirectoryNotFoundException("tests/CoFundMarket.Rpc.Tests/Interop was not found above " + AppContext.BaseDirectory);
    }
}
