namespace CoFundMarket.Web.Tests.Fixtures;

/// <summary>Where the tests find the repository's files (axe-core from the web app's npm install) and put their artefacts.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder holding CoFundMarket.sln, found upwards from the test assembly.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The web app's folder (package.json, node_modules).</summary>
    public static string WebApp => Path.Combine(Root, "src", "CoFundMarket.Web");

    /// <summary>Screenshots of every page the tests visit, kept as artefacts (TestResults/ is git-ignored).</summary>
    public static string Screenshots => Path.Combine(Root, "tests", "CoFundMarket.Web.Tests", "TestResults", "screenshots");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CoFundMarket.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"CoFundMarket.sln not found above {AppContext.BaseDirectory}.");
    }
}
