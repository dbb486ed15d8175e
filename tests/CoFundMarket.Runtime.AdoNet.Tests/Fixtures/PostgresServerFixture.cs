using CoFundMarket.Runtime.Testing;

namespace CoFundMarket.Runtime.AdoNet.Tests.Fixtures;

/// <summary>One throwaway PostgreSQL server per test class; each test takes a fresh database on it.</summary>
public sealed class PostgresServerFixture : IAsyncLifetime
{
    private int _databases;

    public TemporaryPostgresServer Server { get; private set; } = null!;

    /// <summary>A new empty database, with short timeouts so an outage fails fast instead of hanging a test.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var connectionString = await Server.CreateDatabaseAsync($"test_{Interlocked.Increment(ref _databases)}");
        return connectionString + ";Timeout=5;Command Timeout=15";
    }

    public async Task InitializeAsync() => Server = await TemporaryPostgresServer.CreateAsync();

    public async Task DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}
