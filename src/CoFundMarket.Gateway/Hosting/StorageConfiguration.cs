using CoFundMarket.Runtime.AdoNet;

namespace CoFundMarket.Gateway.Hosting;

/// <summary>
/// Chooses storage from configuration: <c>Storage:Provider</c> = <c>Sqlite</c> (the embedded default,
/// a file under <c>./data</c> of the working directory) or <c>Postgres</c> with <c>Storage:ConnectionString</c>.
/// </summary>
public static class StorageConfiguration
{
    /// <summary>The SQLite file of the embedded default, relative to the working directory.</summary>
    public const string DefaultSqlitePath = "data/cofund.db";

    /// <summary>
    /// The embedded default's data directory: the folder of the SQLite file (<c>./data</c> unless
    /// <c>Storage:ConnectionString</c> names another), where the signing key lives too. With PostgreSQL it is still
    /// <c>./data</c> (for the key only).
    /// </summary>
    public static string DataDirectory(IConfiguration configuration)
    {
        var connectionString = configuration["Storage:ConnectionString"];
        var isSqlite = (configuration["Storage:Provider"] ?? "Sqlite").Equals("Sqlite", StringComparison.OrdinalIgnoreCase);
        if (!isSqlite || string.IsNullOrWhiteSpace(connectionString))
        {
            return Path.GetDirectoryName(Path.GetFullPath(DefaultSqlitePath))!;
        }

        var file = connectionString.Contains('=', StringComparison.Ordinal)
            ? new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource
            : connectionString;
        return Path.GetDirectoryName(Path.GetFullPath(file))!;
    }

    /// <summary>Registers the configured storage engine.</summary>
    public static IServiceCollection AddConfiguredStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = configuration["Storage:Provider"] ?? "Sqlite";
        var connectionString = configuration["Storage:ConnectionString"];
        if (provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            return services.AddAdoNetGrainStorage(AdoNetEngine.Sqlite, connectionString ?? Path.GetFullPath(DefaultSqlitePath));
        }

        if (provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase))
        {
            return string.IsNullOrWhiteSpace(connectionString)
                ? throw new InvalidOperationException("Storage:Provider is Postgres but Storage:ConnectionString is empty. Set it, for example Storage__ConnectionString=\"Host=localhost;Username=cofund;Password=…;Database=cofund\".")
                : services.AddAdoNetGrainStorage(AdoNetEngine.Postgres, connectionString);
        }

        throw new InvalidOperationException($"Storage:Provider is '{provider}'; it must be Sqlite or Postgres.");
    }
}
