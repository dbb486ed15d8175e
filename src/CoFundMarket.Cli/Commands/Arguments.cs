using CoFundMarket.Cli.Calling;
using CoFundMarket.Cli.Output;

namespace CoFundMarket.Cli.Commands;

/// <summary>Reads option values that need more than System.CommandLine's parsing, failing with a usage error.</summary>
internal static class Arguments
{
    /// <summary>An enum filter by its proto name; absent means UNSPECIFIED (no filter).</summary>
    public static T Enum<T>(string? text, string option)
        where T : struct, System.Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return default;
        }

        return Formats.TryParseEnum<T>(text, out var value)
            ? value
            : throw CliException.Usage($"{option} must be one of {Formats.EnumChoices<T>()}; got '{text}'.");
    }
}
