using System.Text.Json;
using CoFundMarket.Rpc.Tests.Fixtures;

namespace CoFundMarket.EndToEnd.Tests.Cli;

/// <summary>How the CLI tests read what <c>cofund</c> printed.</summary>
internal static class CliAssert
{
    public static void Succeeded(ChildProcess.Result result) => Assert.True(result.ExitCode == 0, result.ToString());

    /// <summary>Asserts the exit code and that stderr names the status; returns stderr for more checks.</summary>
    public static string FailedWith(ChildProcess.Result result, int exitCode, string statusName)
    {
        Assert.True(result.ExitCode == exitCode, $"expected exit {exitCode}\n{result}");
        Assert.Contains($"error: {statusName}: ", result.Error);
        Assert.Equal("", result.Output);
        return result.Error;
    }

    /// <summary>Every stdout line as a JSON object (the --json contract: one object per line).</summary>
    public static List<JsonElement> JsonLines(ChildProcess.Result result)
    {
        Succeeded(result);
        return result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();
    }

    public static JsonElement SingleJson(ChildProcess.Result result) => Assert.Single(JsonLines(result));

    /// <summary>The NHS financial year a date counts against (1 April – 31 March), as the API writes it.</summary>
    public static string FinancialYearOf(JsonElement date)
    {
        var year = date.GetProperty("year").GetInt32();
        var start = date.GetProperty("month").GetInt32() >= 4 ? year : year - 1;
        return $"{start}/{(start + 1) % 100:00}";
    }
}
