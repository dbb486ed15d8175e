using CoFundMarket.Cli.Output;

namespace CoFundMarket.Cli.Input;

/// <summary>
/// The idempotency key of a mutating call: the one given with <c>--request-id</c>, or a new one that is printed on
/// stderr so the caller can retry the same request safely.
/// </summary>
internal static class RequestIds
{
    public static string OrNew(string? given, Printer printer)
    {
        if (!string.IsNullOrEmpty(given))
        {
            return given;
        }

        var made = Guid.NewGuid().ToString("N");
        printer.Note($"request id: {made} (repeat with --request-id {made} to retry safely)");
        return made;
    }
}
