namespace CoFundMarket.Cli.Output;

/// <summary>
/// Plain aligned columns for people: padded with spaces (no box drawing, no colour), so the output reads the same
/// in a terminal, a log file or a pipe to <c>grep</c>. Headers are upper case; numbers can be right-aligned.
/// </summary>
internal sealed class TextTable
{
    private readonly Column[] _columns;
    private readonly List<string[]> _rows = [];

    public TextTable(params Column[] columns) => _columns = columns;

    public int RowCount => _rows.Count;

    /// <summary>Two columns without a header row: labels and values of one record.</summary>
    public static TextTable Record() => new(new Column(""), new Column(""));

    public TextTable Add(params string[] cells)
    {
        if (cells.Length != _columns.Length)
        {
            throw new ArgumentException($"The table has {_columns.Length} columns; got {cells.Length} cells.", nameof(cells));
        }

        _rows.Add(cells);
        return this;
    }

    public void WriteTo(TextWriter writer)
    {
        var showHeader = _columns.Any(c => c.Header.Length > 0);
        var widths = _columns
            .Select((column, i) => _rows.Select(row => row[i].Length).Append(showHeader ? column.Header.Length : 0).Max())
            .ToArray();
        if (showHeader)
        {
            WriteRow(writer, _columns.Select(c => c.Header).ToArray(), widths);
        }

        foreach (var row in _rows)
        {
            WriteRow(writer, row, widths);
        }
    }

    private void WriteRow(TextWriter writer, string[] cells, int[] widths)
    {
        var padded = cells.Select((cell, i) => _columns[i].AlignRight ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i]));
        writer.WriteLine(string.Join("  ", padded).TrimEnd());
    }
}

/// <summary>A column of a <see cref="TextTable"/>.</summary>
internal sealed record Column(string Header, bool AlignRight = false);
