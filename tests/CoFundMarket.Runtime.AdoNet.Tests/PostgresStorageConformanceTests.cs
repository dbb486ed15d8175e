using CoFundMarket.Runtime.AdoNet.Tests.Fixtures;
using CoFundMarket.Runtime.Storage;

namespace CoFundMarket.Runtime.AdoNet.Tests;

/// <summary>The conformance suite on a throwaway PostgreSQL server (a fresh database per test).</summary>
public sealed class PostgresStorageConformanceTests(PostgresServerFixture postgres) : StorageConformanceTests, IClassFixture<PostgresServerFixture>
{
    protected override Task<string> CreateDatabaseAsync() => postgres.CreateDatabaseAsync();

    protected override Task<AdoNetStorage> OpenStorageAsync(string database) => AdoNetStorage.CreatePostgresAsync(database);

    [Fact]
    public async Task AWriteThePostgresServerRefusesFailsAloneAndItsBatchNeighboursCommit()
    {
        var keys = Enumerable.Range(0, 30).Select(_ => NewKey()).ToArray();

        // PostgreSQL text cannot hold U+0000: the server rejects that statement and aborts its transaction.
        var writes = keys.Select((key, i) => Storage.WriteAsync(new StateWrite(key, 0, i == 15 ? "\"nul \u0000 inside\"" : "\"fine\"", []))).ToArray();
        await SettleAsync(writes);

        var refused = Assert.IsType<GrainStorageException>(writes[15].Exception!.InnerException);
        Assert.Contains("nothing was committed", refused.Message, StringComparison.Ordinal);
        Assert.Null(await Storage.ReadAsync(keys[15]));
        Assert.All(writes.Where((_, i) => i != 15), write => Assert.Equal(1, write.Result.Version));
    }
}
