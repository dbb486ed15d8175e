using System.Security.Cryptography;
using System.Text;

namespace CoFundMarket.Gateway.Projects;

/// <summary>
/// Server-made project ids: short and URL-safe (<c>p-</c> and 12 hex digits). With a request_id the id is derived
/// from the lead organisation and the request_id, so a retried CreateProject addresses the same project (and gets it
/// back, or ALREADY_EXISTS when the content differs); without one it is random.
/// </summary>
public static class ProjectIds
{
    /// <summary>The id of the project created by <paramref name="requestId"/> of <paramref name="leadOrganisationCode"/> (random when none).</summary>
    public static string For(string leadOrganisationCode, string requestId)
    {
        var bytes = requestId.Length == 0
            ? RandomNumberGenerator.GetBytes(6)
            : SHA256.HashData(Encoding.UTF8.GetBytes($"{leadOrganisationCode}\n{requestId}"));
        return "p-" + Convert.ToHexStringLower(bytes, 0, 6);
    }
}
