using System.Data;
using System.Data.Common;
using CoFundMarket.Runtime.AdoNet.Dialects;

namespace CoFundMarket.Runtime.AdoNet.Writing;

/// <summary>
/// The connection one writer loop keeps open between batches. It is replaced when any other part of
/// the storage has seen the connection fail since it was opened, and after a quiet spell it is checked
/// with a trivial query before a batch is sent on it: a connection the server dropped meanwhile (a
/// restart, an idle timeout) is replaced instead of failing the next batch's writes with an unknown outcome.
/// </summary>
internal sealed class WriterConnection(SqlDialect dialect, TimeProvider timeProvider) : IAsyncDisposable
{
    private static readonly TimeSpan CheckAfterIdle = TimeSpan.FromSeconds(1);

    private DbConnection? _connection;
    private PreparedCommands? _prepared;
    private long _openedAfterFailures;
    private long _lastUsed;

    /// <summary>The open connection, checked or replaced as needed.</summary>
    public async Task<DbConnection> GetAsync()
    {
        if (_connection is not null && _openedAfterFailures != dialect.ConnectionFailures)
        {
            await ResetAsync();
        }

        if (_connection is { State: ConnectionState.Open } connection && timeProvider.GetElapsedTime(_lastUsed) >= CheckAfterIdle)
        {
            try
            {
                await SqlDialect.ExecuteAsync(connection, [new SqlStatement("SELECT 1", returnsRows: true)], CancellationToken.None);
            }
            catch (Exception exception) when (SqlDialect.IsProviderFailure(exception, CancellationToken.None))
            {
                dialect.ConnectionFailed();
                await ResetAsync();
            }
        }

        if (_connection is not { State: ConnectionState.Open })
        {
            await ResetAsync();
            _openedAfterFailures = dialect.ConnectionFailures;
            _connection = await dialect.OpenConnectionAsync(CancellationToken.None);
            _prepared = dialect.WriterPreparesCommands ? new PreparedCommands(_connection) : null;
        }

        _lastUsed = timeProvider.GetTimestamp();
        return _connection;
    }

    /// <summary>Runs <paramref name="statements"/> on the connection <see cref="GetAsync"/> returned: with
    /// prepared commands where the dialect wants them, otherwise in one round trip.</summary>
    public Task<StatementResult[]> ExecuteAsync(IReadOnlyList<SqlStatement> statements, CancellationToken cancellationToken) =>
        _prepared is { } prepared
            ? prepared.ExecuteAsync(statements, cancellationToken)
            : SqlDialect.ExecuteAsync(_connection ?? throw new InvalidOperationException("No writer connection is open."), statements, cancellationToken);

    /// <summary>Drops the connection after a failure left it in doubt; the next batch opens a fresh one.</summary>
    public async Task ResetAsync()
    {
        if (_prepared is { } prepared)
        {
            _prepared = null;
            await prepared.DisposeAsync();
        }

        if (_connection is { } connection)
        {
            _connection = null;
            await connection.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync() => await ResetAsync();
}
