using System.CommandLine;
using CoFundMarket.Cli.Output;
using Google.Protobuf;

namespace CoFundMarket.Cli.Commands;

/// <summary>
/// The page options of list verbs (<c>--page-size</c>, <c>--page-token</c>, <c>--all</c>) and the loop that follows
/// <c>next_page_token</c>: people get one table of every row fetched, scripts one JSON response per page.
/// </summary>
internal sealed class Paging
{
    public Option<int> PageSize { get; } = new("--page-size") { Description = "Rows per page (0 = the server's default of 50; at most 500)." };

    public Option<string?> PageToken { get; } = new("--page-token") { Description = "Continue from the next_page_token a previous page printed." };

    public Option<bool> All { get; } = new("--all") { Description = "Follow next_page_token until the last page." };

    public void AddTo(Command command)
    {
        command.Options.Add(PageSize);
        command.Options.Add(PageToken);
        command.Options.Add(All);
    }

    /// <summary>Fetches one page, or every page with <c>--all</c>; returns the rows and the token of the page after the last one fetched.</summary>
    public async Task<(List<TRow> Rows, string NextPageToken)> FetchAsync<TResponse, TRow>(
        ParseResult parse,
        Printer printer,
        Func<int, string, Task<TResponse>> page,
        Func<TResponse, IEnumerable<TRow>> rows,
        Func<TResponse, string> nextPageToken)
        where TResponse : IMessage
    {
        var all = new List<TRow>();
        var token = parse.GetValue(PageToken) ?? "";
        do
        {
            var response = await page(parse.GetValue(PageSize), token);
            if (printer.Json)
            {
                printer.WriteJson(response);
            }

            all.AddRange(rows(response));
            token = nextPageToken(response);
        }
        while (parse.GetValue(All) && token.Length > 0);

        return (all, token);
    }

    /// <summary>Tells people how to get the next page, when there is one.</summary>
    public static void NoteMore(Printer printer, string command, string nextPageToken)
    {
        if (nextPageToken.Length > 0)
        {
            printer.Note($"more: {command} --page-token {nextPageToken}   (or --all)");
        }
    }
}
