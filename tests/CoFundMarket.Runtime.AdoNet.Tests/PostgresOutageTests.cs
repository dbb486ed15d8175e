using CoFundMarket.Runtime.AdoNet.Tests.Fixtures;
using CoFundMarket.Runtime.Identity;
using CoFundMarket.Runtime.Storage;
using CoFundMarket.Runtime.Testing;

namespace CoFundMarket.Runtime.AdoNet.Tests;

/// <summary>The PostgreSQL server goes away and comes back (its own server: these tests stop it).</summary>
public sealed class PostgresOutageTests(PostgresServerFixture postgres) : IClassFixture<PostgresServerFixture>
{
    /// <summary>Generous: the connection string's Timeout is 5 s; a hang would blow through this.</summary>
    private static readonly TimeSpan FailureBound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task DuringAnOutageWritesFailFastAndAfterItEveryAcknowledgedWriteIsStillThere()
    {
        await using var storage = await AdoNetStorage.CreatePostgresAsync(await postgres.CreateDatabaseAsync());
        var keys = Enumerable.Range(0, 20).Select(i => new GrainStateKey(new GrainId("account", $"a{i}"), "state")).ToArray();
        await Task.WhenAll(keys.Select(key => storage.WriteAsync(new StateWrite(key, 0, "\"acknowledged\"", [new EventToAppend("Opened", "{}", DateTimeOffset.UnixEpoch, EventActor.System, null)]))));

        // Immediate shutdown is a crash: the restart has to recover the acknowledged commits from the WAL.
        await postgres.Server.StopAsync(PostgresShutdownMode.Immediate);
        var write = await Assert.ThrowsAsync<GrainStorageException>(() => storage.WriteAsync(new StateWrite(keys[0], 1, "\"lost\"", [])).WaitAsync(FailureBound));
        var read = await Assert.ThrowsAsync<GrainStorageException>(() => storage.ReadAsync(keys[1]).WaitAsync(FailureBound));
        await postgres.Server.StartAsync();

        Assert.Contains(keys[0].ToString(), write.Message, StringComparison.Ordinal);
        Assert.Contains(keys[1].ToString(), read.Message, StringComparison.Ordinal);
        foreach (var key in keys)
        {
            Assert.Equal(1, (await storage.ReadAsync(key))!.Version);
        }

        Assert.Equal(20, (await storage.ReadFeedAsync(0, 100)).Count);
        Assert.Equal(2, (await storage.WriteAsync(new StateWrite(keys[0], 1, "\"after the outage\"", []))).Version);
    }

    [Fact]
    public async Task AfterTheServerRestartedWhileTheStorageWasIdleItsNextWritesSucceed()
    {
        var clock = new ManualTimeProvider();
        await using var storage = await AdoNetStorage.CreatePostgresAsync(await postgres.CreateDatabaseAsync(), new AdoNetStorageOptions { TimeProvider = clock });
        var keys = Enumerable.Range(0, 20).Select(i => new GrainStateKey(new GrainId("account", $"a{i}"), "state")).ToArray();
        await Task.WhenAll(keys.Select(key => storage.WriteAsync(new StateWrite(key, 0, "{}", []))));

        // The writers' connections die with the server, and nothing tells the storage until it uses them.
        await postgres.Server.StopAsync();
        await postgres.Server.StartAsync();
        clock.Advance(TimeSpan.FromMinutes(1));

        var results = await Task.WhenAll(keys.Select(key => storage.WriteAsync(new StateWrite(key, 1, "{}", []))));
        Assert.All(results, result => Assert.Equal(2, result.Version));
    }

    [Fact]
    public async Task StorageCannotBeOpenedWhileTheServerIsDownAndSaysWhere()
    {
        var database = await postgres.CreateDatabaseAsync();
        await postgres.Server.StopAsync();
        try
        {
            var error = await Assert.ThrowsAsync<GrainStorageException>(() => AdoNetStorage.CreatePostgresAsync(database).WaitAsync(FailureBound));

            Assert.Contains($"127.0.0.1:{postgres.Server.Port}", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            await postgres.Server.StartAsync();
        }
    }
}
