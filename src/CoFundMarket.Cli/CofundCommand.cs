using System.CommandLine;
using System.Globalization;
using System.Text;
using CoFundMarket.Cli.Calling;
using CoFundMarket.Cli.Commands;

namespace CoFundMarket.Cli;

/// <summary>The <c>cofund</c> root command: its verbs, and the exit codes its help documents.</summary>
internal static class CofundCommand
{
    public static RootCommand Create()
    {
        var api = new ApiOptions();
        var root = new RootCommand(Description())
        {
            TokenCommand.Create(),
            OrganisationCommands.Create(api),
            BudgetCommands.Create(api),
            ProjectCommands.Create(api),
            PledgeCommands.Pledge(api),
            PledgeCommands.Withdraw(api),
            EventCommands.Create(api),
            MarketplaceCommands.Summary(api),
            MarketplaceCommands.Invariants(api),
        };
        return root;
    }

    /// <summary>Parses and runs; a bad command line exits with <see cref="ExitCode.Usage"/>, not System.CommandLine's generic 1.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var parse = Create().Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var parseError in parse.Errors)
            {
                error.WriteLine($"error: {parseError.Message}");
            }

            error.WriteLine("Run 'cofund --help' (or 'cofund <verb> --help') for usage.");
            return (int)ExitCode.Usage;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
    }

    private static string Description()
    {
        var text = new StringBuilder();
        text.AppendLine("CoFundMarket from the command line: mint a token for the embedded default, then call the cofund.v1 API.");
        text.AppendLine();
        text.AppendLine("  export COFUND_TOKEN=$(cofund token --role admin)");
        text.AppendLine("  cofund projects list --status open");
        text.AppendLine();
        text.AppendLine("Errors print the gRPC status, its message and details on stderr. Exit codes:");
        foreach (var (code, meaning) in ExitCodes.Documented)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"  {(int)code,2}  {meaning}"));
        }

        return text.ToString().TrimEnd();
    }
}
