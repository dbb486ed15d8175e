using System.Data.Common;
using CoFundMarket.Runtime.AdoNet.Dialects;

namespace CoFundMarket.Runtime.AdoNet.Writing;

/// <summary>
/// Commands prepared once per connection and run again with new parameter values (SQLite's writer and
/// its pooled readers). SQLite compiles the SQL of every new command, and its single writer thread
/// spent a fifth of its time doing that for the same few statements batch after batch.
/// </summary>
internal sealed class PreparedCommands(DbConnection connection) : IAsyncDisposable
{
    private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);

    /// <summary>Runs <paramref name="statements"/> in order; stops at the first failing one.</summary>
    public async Task<StatementResult[]> ExecuteAsync(IReadOnlyList<SqlStatement> statements, CancellationToken cancellationToken)
    {
        var results = new StatementResult[statements.Count];
        for (var i = 0; i < statements.Count; i++)
        {
            var command = Bound(statements[i]);
            if (statements[i].ReturnsRows)
            {
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                var firstValue = await SqlDialect.ReadFirstValueAsync(reader, cancellationToken);
                await reader.CloseAsync();
                results[i] = new StatementResult(reader.RecordsAffected, firstValue);
            }
            else
            {
                results[i] = new StatementResult(await command.ExecuteNonQueryAsync(cancellationToken), null);
            }
        }

        return results;
    }

    /// <summary>Runs a query and maps every row.</summary>
    public async Task<IReadOnlyList<T>> QueryAsync<T>(SqlStatement statement, Func<DbDataReader, T> map, CancellationToken cancellationToken)
    {
        await using var reader = await Bound(statement).ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in _commands.Values)
        {
            await command.DisposeAsync();
        }

        _commands.Clear();
    }

    private DbCommand Bound(SqlStatement statement)
    {
        if (!_commands.TryGetValue(statement.Sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = statement.Sql;
            foreach (var (name, _) in statement.Parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                command.Parameters.Add(parameter);
            }

            command.Prepare();
            _commands.Add(statement.Sql, command);
        }

        foreach (var (name, value) in statement.Parameters)
        {
            command.Parameters[name].Value = value ?? DBNull.Value;
        }

        return command;
    }
}
