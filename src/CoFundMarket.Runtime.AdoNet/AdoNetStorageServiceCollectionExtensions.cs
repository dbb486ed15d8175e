using CoFundMarket.Runtime.Reminders;
using CoFundMarket.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CoFundMarket.Runtime.AdoNet;

/// <summary>Registers <see cref="AdoNetStorage"/> with dependency injection.</summary>
public static class AdoNetStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers one <see cref="AdoNetStorage"/> as <see cref="IGrainStorage"/> and <see cref="IReminderStore"/>
    /// (singletons; the container disposes it, committing queued writes). The schema is migrated when the
    /// host starts, so a database that cannot be reached or migrated stops the start.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="engine">SQLite or PostgreSQL.</param>
    /// <param name="connectionString">For SQLite a file path or a connection string; for PostgreSQL an Npgsql connection string.</param>
    /// <param name="options">Tuning; null for the defaults.</param>
    public static IServiceCollection AddAdoNetGrainStorage(this IServiceCollection services, AdoNetEngine engine, string connectionString, AdoNetStorageOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        options?.Validate();
        services.AddSingleton(_ => AdoNetStorage.Create(engine, connectionString, options));
        services.AddSingleton<IGrainStorage>(provider => provider.GetRequiredService<AdoNetStorage>());
        services.AddSingleton<IReminderStore>(provider => provider.GetRequiredService<AdoNetStorage>());
        services.AddHostedService<AdoNetStorageInitializer>();
        return services;
    }
}
