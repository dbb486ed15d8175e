using System.Text;

namespace CoFundMarket.Gateway.Tests.Fixtures;

/// <summary>Reads RFC 4180 CSV (quoted cells, doubled quotes, CRLF) into one dictionary per row, keyed by the header.</summary>
public static class Csv
{
    public static IReadOnlyList<Dictionary<string, string>> Parse(string text)
    {
        var lines = Lines(text).ToList();
        var header = lines[0];
        return [.. lines.Skip(1).Select(cells =>
        {
            Assert.Equal(header.Count, cells.Count);
            return header.Select((name, i) => (name, cells[i])).ToDictionary(p => p.name, p => p.Item2, StringComparer.Ordinal);
        })];
    }

    private static IEnumerable<List<string>> Lines(string text)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                cells.Add(cell.ToString());
                cell.Clear();
                yield return cells;
                cells = [];
                i++;
            }
            else
            {
                cell.Append(c);
            }
        }

        Assert.False(quoted, "the CSV ends inside a quoted cell");
        Assert.Equal(0, cell.Length + cells.Count);
    }
}
