using System.Text;

namespace CoFundMarket.Domain.Seeding;

/// <summary>Reads the seed CSV files: a header row, comma-separated fields, double quotes around fields with commas.</summary>
internal static class CsvRows
{
    public static IEnumerable<IReadOnlyDictionary<string, string>> Read(TextReader reader)
    {
        var header = reader.ReadLine() is { } first ? Split(first) : throw new InvalidDataException("The CSV file is empty.");
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var fields = Split(line);
            if (fields.Count != header.Count)
            {
                throw new InvalidDataException($"Line {lineNumber} has {fields.Count} fields; the header has {header.Count}.");
            }

            yield return header.Zip(fields).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
        }
    }

    private static List<string> Split(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }
}
