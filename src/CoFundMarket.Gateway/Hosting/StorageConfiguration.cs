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
