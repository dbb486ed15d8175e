using Google.Protobuf;

namespace CoFundMarket.Cli.Output;

/// <summary>
/// Where a command's results go: stdout for results (a table for people, or with <c>--json</c> one protobuf JSON
/// object per line for scripts), stderr for notes that must not disturb a pipe (a generated request id, a resume hint).
/// </summary>
internal sealed class Printer(TextWriter output, TextWriter error, bool json)
{
    private static readonly JsonFormatter s_json = new(JsonFormatter.Settings.Default);

    public bool Json { get; } = json;

    public TextWriter Out { get; } = output;

    public TextWriter Error { get; } = error;

    /// <summary>Writes a message as one line of protobuf JSON (the proto3 JSON mapping: camelCase names, enum names, RFC 3339 times).</summary>
    public void WriteJson(IMessage message)
    {
        Out.WriteLine(s_json.Format(message));
        Out.Flush();
    }

    /// <summary>Writes a response: as JSON for scripts, or through <paramref name="forPeople"/> as tables.</summary>
    public void Write(IMessage response, Action forPeople)
    {
        if (Json)
        {
            WriteJson(response);
        }
        else
        {
            forPeople();
        }
    }

    public void WriteTable(TextTable table) => table.WriteTo(Out);

    public void WriteHeading(string heading)
    {
        Out.WriteLine();
        Out.WriteLine(heading);
    }

    public void Note(string note) => Error.WriteLine(note);
}
