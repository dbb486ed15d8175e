using System.Data.Common;
using System.Globalization;
using CoFundMarket.Runtime.AdoNet.Dialects;

namespace CoFundMarket.Runtime.AdoNet.Schema;

/// <summary>
/// Brings the database up to the newest schema this build knows. The scripts are embedded resources
/// named <c>NNN-description.&lt;engine&gt;.sql</c>; each runs once, in number order, and is recorded
/// in <c>schema_version</c>. Everything happens in one transaction under a lock (SQLite's write lock,
/// a PostgreSQL advisory lock), so running it twice, or from two processes at once, is safe.
/// </summary>
internal sealed class SchemaMigrator(SqlDialect dialect, TimeProvider timeProvider)
{
    private const string ResourcePrefix = "CoFundMarket.Runtime.AdoNet.Schema.";

    public Task MigrateAsync(CancellationToken cancellationToken) =>
        dialect.RunAsync("Opening the database and migrating its schema", idempotent: false, async (connection, ct) =>
        {
            await dialect.PrepareSchemaAsync(connection, ct);
            await Execute(connection, new SqlStatement(dialect.BeginWriteSql), ct);
            try
            {
                await dialect.LockSchemaAsync(connection, ct);
                await Execute(connection, new SqlStatement(dialect.SchemaVersionTableSql), ct);
                var current = Convert.ToInt32(await Execute(connection, new SqlStatement("SELECT COALESCE(MAX(version), 0) FROM schema_version"), ct), CultureInfo.InvariantCulture);
                var scripts = LoadScripts(dialect.ScriptSuffix);
                if (current > scripts[^1].Version)
                {
                    throw new InvalidOperationException(
                        $"The database schema is at version {current}, newer than this build knows ({scripts[^1].Version}); run a newer build.");
                }

                foreach (var script in scripts.Where(s => s.Version > current))
                {
                    await Execute(connection, new SqlStatement(script.Sql), ct);
                    await Execute(
                        connection,
                        new SqlStatement("INSERT INTO schema_version (version, name, applied_at) VALUES (@version, @name, @applied_at)")
                            .With("@version", script.Version)
                            .With("@name", script.Name)
                            .With("@applied_at", dialect.ToDb(timeProvider.GetUtcNow())),
                        ct);
                }

                await Execute(connection, new SqlStatement("COMMIT"), ct);
            }
            catch
            {
                await dialect.RollbackQuietlyAsync(connection);
                throw;
            }

            return true;
        }, cancellationToken);

    /// <summary>Runs one command (a script may hold many statements, which a batch entry may not) and returns its first value.</summary>
    private static async Task<object?> Execute(DbConnection connection, SqlStatement statement, CancellationToken cancellationToken)
    {
        await using var command = SqlDialect.CreateCommand(connection, statement);
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private static List<SchemaScript> LoadScripts(string suffix)
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        var scripts = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal) && name.EndsWith($".{suffix}.sql", StringComparison.Ordinal))
            .Select(resource =>
            {
                var name = resource[ResourcePrefix.Length..^$".{suffix}.sql".Length];
                using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
                return new SchemaScript(int.Parse(name[..name.IndexOf('-', StringComparison.Ordinal)], CultureInfo.InvariantCulture), name, reader.ReadToEnd());
            })
            .OrderBy(s => s.Version)
            .ToList();
        if (scripts.Count == 0)
        {
            throw new InvalidOperationException($"No embedded schema scripts for '{suffix}'.");
        }

        return scripts;
    }

    private sealed record SchemaScript(int Version, string Name, string Sql);
}
