namespace CoFundMarket.Runtime.AdoNet.Dialects;

/// <summary>One SQL statement with its named parameters, ready to run alone or in a batch.</summary>
internal sealed class SqlStatement(string sql, bool returnsRows = false)
{
    // Sized for the widest statement (an event row has twelve parameters), so binding never regrows it.
    private readonly List<KeyValuePair<string, object?>> _parameters = new(12);

    public string Sql { get; } = sql;

    /// <summary>True when the statement yields a result set (<c>SELECT</c>, <c>RETURNING</c>), whose first value is kept.</summary>
    public bool ReturnsRows { get; } = returnsRows;

    public IReadOnlyList<KeyValuePair<string, object?>> Parameters => _parameters;

    public SqlStatement With(string name, object? value)
    {
        _parameters.Add(new(name, value));
        return this;
    }
}

/// <summary>What one statement of a batch did: rows it changed, and the first value it returned.</summary>
internal readonly record struct StatementResult(int RowsAffected, object? FirstValue);
