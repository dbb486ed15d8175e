using System.Text.RegularExpressions;

namespace CoFundMarket.Domain.Common;

/// <summary>Input checks shared by the commands, each raising INVALID_ARGUMENT with the field's name.</summary>
public static partial class Validate
{
    /// <summary>An ODS code: 3–5 upper-case letters or digits.</summary>
    public static string OdsCode(string? code, string field) =>
        code is not null && OdsPattern().IsMatch(code) ? code : throw DomainException.Invalid(field, $"{field} must be an ODS code of 3–5 upper-case letters or digits; got '{code}'.");

    /// <summary>Non-empty text of at most <paramref name="maxLength"/> characters, trimmed, without control characters.</summary>
    public static string Text(string? text, string field, int maxLength, bool required = true)
    {
        var trimmed = text?.Trim() ?? "";
        if (required && trimmed.Length == 0)
        {
            throw DomainException.Invalid(field, $"{field} is required.");
        }

        if (trimmed.Length > maxLength)
        {
            throw DomainException.Invalid(field, $"{field} is {trimmed.Length} characters; at most {maxLength} are allowed.");
        }

        return trimmed.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t')
            ? throw DomainException.Invalid(field, $"{field} contains control characters.")
            : trimmed;
    }

    /// <summary>An identifier chosen by a client: 1–128 characters of letters, digits and <c>-_.:</c>.</summary>
    public static string ClientId(string? id, string field) =>
        id is not null && ClientIdPattern().IsMatch(id) ? id : throw DomainException.Invalid(field, $"{field} must be 1–128 letters, digits or -_.: characters.");

    /// <summary>An https URL.</summary>
    public static string HttpsUrl(string? url, string field) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && url!.Length <= 500
            ? uri.ToString()
            : throw DomainException.Invalid(field, $"{field} must be an https URL of at most 500 characters; got '{url}'.");

    [GeneratedRegex("^[A-Z0-9]{3,5}$")]
    private static partial Regex OdsPattern();

    [GeneratedRegex("^[A-Za-z0-9_.:-]{1,128}$")]
    private static partial Regex ClientIdPattern();
}
