namespace CoFundMarket.Runtime.Testing;

/// <summary>How a <see cref="TemporaryPostgresServer"/> is made and run.</summary>
public sealed class TemporaryPostgresServerOptions
{
    /// <summary>The directory holding <c>initdb</c> and <c>pg_ctl</c>; null to use the newest <c>/usr/lib/postgresql/*/bin</c>, then PATH.</summary>
    public string? BinDirectory { get; init; }

    /// <summary>
    /// Extra server settings passed as <c>-c name=value</c> (for example <c>max_connections</c>). They may
    /// override the defaults, but tests that check durability rely on <c>fsync=on</c> and <c>synchronous_commit=on</c>.
    /// </summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>How long <c>pg_ctl</c> waits for the server to accept connections. Default 60 s.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);
}

/// <summary>How <see cref="TemporaryPostgresServer.StopAsync"/> shuts the server down (<c>pg_ctl -m</c>).</summary>
public enum PostgresShutdownMode
{
    /// <summary>Wait for clients to disconnect.</summary>
    Smart,

    /// <summary>Roll back open transactions, cut connections, write a checkpoint.</summary>
    Fast,

    /// <summary>Quit at once, like a crash; the next start recovers from the WAL.</summary>
    Immediate,
}
