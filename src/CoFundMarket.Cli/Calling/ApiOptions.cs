using System.CommandLine;
using CoFundMarket.Cli.Output;
using CoFundMarket.Rpc;
using CoFundMarket.Rpc.Client;

namespace CoFundMarket.Cli.Calling;

/// <summary>
/// The options every API verb takes (<c>--address</c>, <c>--token</c>, <c>--json</c>) and the one place that runs a
/// verb's action: it opens the session, and turns a failed call or a bad input into its message and exit code.
/// </summary>
internal sealed class ApiOptions
{
    public const string DefaultAddress = "http://localhost:5080";

    public const string TokenVariable = "COFUND_TOKEN";

    public Option<string> Address { get; } = new("--address")
    {
        Description = "The gateway's native gRPC address (h2c or https).",
        DefaultValueFactory = _ => DefaultAddress,
    };

    public Option<string?> Token { get; } = new("--token")
    {
        // Not a DefaultValueFactory: help prints defaults, and this one is a secret.
        Description = $"Bearer token (JWT); defaults to ${TokenVariable}. Public reads need none.",
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print protobuf JSON, one object per line, instead of tables.",
    };

    /// <summary>Adds the API options to <paramref name="command"/> and makes <paramref name="action"/> its action.</summary>
    public Command Bind(Command command, Func<ApiSession, ParseResult, CancellationToken, Task<ExitCode>> action)
    {
        command.Options.Add(Address);
        command.Options.Add(Token);
        command.Options.Add(Json);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var printer = new Printer(parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, parse.GetValue(Json));
            return (int)await RunAsync(printer, async () =>
            {
                using var session = new ApiSession(OpenChannel(parse.GetValue(Address)!), parse.GetValue(Token) ?? Environment.GetEnvironmentVariable(TokenVariable), printer);
                return await action(session, parse, cancellationToken);
            });
        });
        return command;
    }

    /// <summary>Runs an action and turns the failures people can act on into a message on stderr and an exit code.</summary>
    public static async Task<ExitCode> RunAsync(Printer printer, Func<Task<ExitCode>> action)
    {
        try
        {
            return await action();
        }
        catch (RpcException e)
        {
            return ErrorReport.Write(e, printer.Error);
        }
        catch (CliException e)
        {
            printer.Error.WriteLine($"error: {e.Message}");
            return e.ExitCode;
        }
    }

    private static RpcChannel OpenChannel(string address) =>
        Uri.TryCreate(address, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? new RpcChannel(uri)
            : throw CliException.Usage($"--address must be an http:// or https:// URL such as {DefaultAddress}; got '{address}'.");
}
