using CoFundMarket.Runtime.Testing;

namespace CoFundMarket.Runtime.AdoNet.Tests;

/// <summary>The conformance suite on a SQLite file.</summary>
public sealed class SqliteStorageConformanceTests : StorageConformanceTests, IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    protected override Task<string> CreateDatabaseAsync() => Task.FromResult(_directory.File($"{Guid.NewGuid():N}.db"));

    protected override Task<AdoNetStorage> OpenStorageAsync(string database) => AdoNetStorage.CreateSqliteAsync(database);

    public void Dispose() => _directory.Dispose();
}
