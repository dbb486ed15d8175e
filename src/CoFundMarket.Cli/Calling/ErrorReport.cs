using System.Text;
using CoFundMarket.Rpc;
using Google.Rpc;

namespace CoFundMarket.Cli.Calling;

/// <summary>
/// Writes a failed call for people on stderr: the status name and message on the first line, then one line per
/// detail the server attached (ErrorInfo reason and metadata, BadRequest field violations, anything else by type).
/// </summary>
internal static class ErrorReport
{
    public static ExitCode Write(RpcException exception, TextWriter error)
    {
        error.WriteLine($"error: {StatusName(exception.StatusCode)}: {exception.Status.Detail}");
        foreach (var detail in exception.RichStatus?.Details ?? [])
        {
            if (detail.TryUnpack<ErrorInfo>(out var info))
            {
                // Google.Api.CommonProtos 2.0.0 calls ErrorInfo's field 1 Type; it is 'reason' on the wire.
                var metadata = string.Concat(info.Metadata.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => $" {m.Key}={m.Value}"));
                error.WriteLine($"  reason: {info.Type} (domain {info.Domain}){metadata}");
            }
            else if (detail.TryUnpack<BadRequest>(out var badRequest))
            {
                foreach (var violation in badRequest.FieldViolations)
                {
                    error.WriteLine($"  field {violation.Field}: {violation.Description}");
                }
            }
            else
            {
                error.WriteLine($"  detail: {detail.TypeUrl}");
            }
        }

        return ExitCodes.Of(exception.StatusCode);
    }

    /// <summary>The canonical name of a status code, as the gRPC specification and API.md write it: <c>FAILED_PRECONDITION</c>.</summary>
    public static string StatusName(StatusCode code)
    {
        var name = code.ToString();
        if (name == "OK")
        {
            return name;
        }

        var snake = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && snake.Length > 0)
            {
                snake.Append('_');
            }

            snake.Append(char.ToUpperInvariant(c));
        }

        return snake.ToString();
    }
}
