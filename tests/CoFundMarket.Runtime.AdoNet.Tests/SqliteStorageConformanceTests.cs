using CoFundMarket.Runtime.Storage;
using CoFundMarket.Runtime.Testing;

namespace CoFundMarket.Runtime.AdoNet.Tests;

/// <summary>The conformance suite on a SQLite file.</summary>
public sealed class SqliteStorageConformanceTests : StorageConformanceTests, IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    protected override Task<string> CreateDatabaseAsync() => Task.FromResult(_directory.File($"{Guid.NewGuid():N}.db"));

    protected override Task<AdoNetStorage> OpenStorageAsync(string database) => AdoNetStorage.CreateSqliteAsync(database);

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task AnEventWithALoneSurrogateIsReadBackAsSqliteStoredItEvenRightAfterItsCommit()
    {
        // SQLite stores text as UTF-8, which has no lone surrogates: it keeps U+FFFD instead (PostgreSQL refuses the write).
        await Storage.WriteAsync(new StateWrite(NewKey(), 0, "{}", [Event("Before"), Event("lone \uD800 surrogate"), Event("After")]));

        var read = await Storage.ReadFeedAsync(0, 100);

        Assert.Equal(["Before", "lone \uFFFD surrogate", "After"], read.Select(e => e.Type));
        Assert.Equal(await (await OpenAnotherAsync()).ReadFeedAsync(0, 100), read);
    }
}
