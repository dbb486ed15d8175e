namespace CoFundMarket.Runtime.AdoNet;

/// <summary>The database engine behind an <see cref="AdoNetStorage"/>.</summary>
public enum AdoNetEngine
{
    /// <summary>An embedded SQLite file in WAL mode: one node, durable commits.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server, through Npgsql: production and more than one node.</summary>
    Postgres,
}
