namespace CoFundMarket.Cli.Calling;

/// <summary>A failure found before or without calling the server (bad input, missing key), with its exit code.</summary>
internal sealed class CliException(ExitCode exitCode, string message) : Exception(message)
{
    public ExitCode ExitCode { get; } = exitCode;

    public static CliException Usage(string message) => new(ExitCode.Usage, message);
}
