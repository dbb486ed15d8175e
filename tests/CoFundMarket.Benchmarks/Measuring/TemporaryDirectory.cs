namespace CoFundMarket.Benchmarks.Measuring;

/// <summary>A fresh directory under the system's temporary directory for a load's database files; deleted on dispose.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("cofund-bench-");

    /// <summary>The full path of <paramref name="name"/> inside the directory.</summary>
    public string File(string name) => Path.Combine(_directory.FullName, name);

    public void Dispose() => _directory.Delete(recursive: true);
}
