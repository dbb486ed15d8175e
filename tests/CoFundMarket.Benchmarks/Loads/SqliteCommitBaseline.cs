using System.Diagnostics;
using CoFundMarket.Benchmarks.Measuring;
using Microsoft.Data.Sqlite;

namespace CoFundMarket.Benchmarks.Loads;

/// <summary>
/// What SQLite does with one durable commit per write: one connection, WAL, <c>synchronous=FULL</c>,
/// a prepared UPDATE of a small JSON row inside <c>BEGIN IMMEDIATE … COMMIT</c>, again and again.
/// SQLite has a single writer, so more threads would only queue on its lock; this is the ceiling of
/// any design that commits each write on its own.
/// </summary>
internal static class SqliteCommitBaseline
{
    private const int Rows = 64;

    public static LoadMeasurement Run(string path, TimeSpan warmUp, TimeSpan measure)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        Execute(connection, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;");
        if (Convert.ToInt64(Scalar(connection, "PRAGMA synchronous"), System.Globalization.CultureInfo.InvariantCulture) != 2)
        {
            throw new InvalidOperationException("SQLite did not accept synchronous = FULL.");
        }

        Execute(connection, "CREATE TABLE state (id INTEGER PRIMARY KEY, version INTEGER NOT NULL, payload TEXT NOT NULL) STRICT");
        for (var row = 0; row < Rows; row++)
        {
            Execute(connection, $"INSERT INTO state VALUES ({row}, 0, '{{}}')");
        }

        using var begin = Command(connection, "BEGIN IMMEDIATE");
        using var commit = Command(connection, "COMMIT");
        using var update = Command(connection, "UPDATE state SET version = version + 1, payload = $payload WHERE id = $id");
        var payload = update.Parameters.Add("$payload", SqliteType.Text);
        var id = update.Parameters.Add("$id", SqliteType.Integer);
        update.Prepare();

        long written = 0;
        void WriteFor(TimeSpan duration)
        {
            var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
            while (Stopwatch.GetTimestamp() < until)
            {
                begin.ExecuteNonQuery();
                id.Value = written % Rows;
                payload.Value = $"{{\"count\":{written},\"label\":\"counter\",\"updatedAt\":\"2026-04-01T09:00:00+00:00\"}}";
                update.ExecuteNonQuery();
                commit.ExecuteNonQuery();
                written++;
            }
        }

        WriteFor(warmUp);
        var warmedUp = written;
        var start = ProcessSnapshot.Take(0);
        WriteFor(measure);
        return ProcessSnapshot.Take(written - warmedUp).Since(start);
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = Command(connection, sql);
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = Command(connection, sql);
        return command.ExecuteScalar();
    }
}
