using System.Data.Common;

namespace CoFundMarket.Runtime.AdoNet.Dialects;

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
            results[i] = await SqlDialect.RunAsync(Bound(statements[i]), statements[i].ReturnsRows, cancellationToken);
        }

        return results;
    }

    /// <summary>Runs a query and maps every row.</summary>
    public Task<IReadOnlyList<T>> QueryAsync<T>(SqlStatement statement, Func<DbDataReader, T> map, CancellationToken cancellationToken) =>
        SqlDialect.ReadRowsAsync(Bound(statement), map, cancellationToken);

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
