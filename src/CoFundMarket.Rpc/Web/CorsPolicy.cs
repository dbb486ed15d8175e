using CoFundMarket.Rpc.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace CoFundMarket.Rpc.Web;

/// <summary>
/// CORS for gRPC-Web callers (PROTOCOL-WEB.md "CORS"; connectrpc.com docs/cors.md): preflight answers and the
/// headers on each response. An origin that is not allowed gets no CORS headers, so the browser refuses.
/// </summary>
internal sealed class CorsPolicy
{
    private const string ExposedByDefault = "grpc-status, grpc-message, grpc-status-details-bin, grpc-encoding, grpc-accept-encoding";

    private readonly HashSet<string> _origins;
    private readonly bool _anyOrigin;
    private readonly bool _allowCredentials;
    private readonly string _exposedHeaders;
    private readonly string? _allowedHeaders;
    private readonly string _maxAge;

    public CorsPolicy(RpcCorsOptions options)
    {
        _origins = new HashSet<string>(options.AllowedOrigins, StringComparer.OrdinalIgnoreCase);
        _anyOrigin = _origins.Contains("*");
        _allowCredentials = options.AllowCredentials;
        _exposedHeaders = options.ExposedHeaders.Count == 0 ? ExposedByDefault : ExposedByDefault + ", " + string.Join(", ", options.ExposedHeaders);
        _allowedHeaders = options.AllowedHeaders.Count == 0 ? null : string.Join(", ", options.AllowedHeaders);
        _maxAge = ((long)options.PreflightMaxAge.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public static bool IsPreflight(HttpRequest request) =>
        HttpMethods.IsOptions(request.Method)
        && request.Headers.Origin.Count > 0
        && request.Headers.AccessControlRequestMethod.Count > 0;

    /// <summary>Adds the CORS headers of an actual call when the request comes from an allowed origin.</summary>
    public void ApplyToResponse(HttpContext http)
    {
        var origin = http.Request.Headers.Origin;
        if (origin.Count == 0 || !IsAllowed(origin.ToString()))
        {
            return;
        }

        var headers = http.Response.Headers;
        AddOriginHeaders(headers, origin.ToString());
        headers.AccessControlExposeHeaders = _exposedHeaders;
    }

    /// <summary>Answers a preflight with 204; the allow headers only for an allowed origin asking to POST.</summary>
    public void AnswerPreflight(HttpContext http)
    {
        var request = http.Request;
        var response = http.Response;
        response.StatusCode = StatusCodes.Status204NoContent;
        var origin = request.Headers.Origin.ToString();
        if (!IsAllowed(origin) || !HttpMethods.IsPost(request.Headers.AccessControlRequestMethod.ToString()))
        {
            return;
        }

        var headers = response.Headers;
        AddOriginHeaders(headers, origin);
        headers.AccessControlAllowMethods = HttpMethods.Post;
        var requested = request.Headers.AccessControlRequestHeaders;
        if (_allowedHeaders is not null)
        {
            headers.AccessControlAllowHeaders = _allowedHeaders;
        }
        else if (requested.Count > 0)
        {
            headers.AccessControlAllowHeaders = requested;
        }

        headers.AccessControlMaxAge = _maxAge;
    }

    private bool IsAllowed(string origin) => _anyOrigin || _origins.Contains(origin);

    private void AddOriginHeaders(IHeaderDictionary headers, string origin)
    {
        headers.AccessControlAllowOrigin = _anyOrigin && !_allowCredentials ? "*" : origin;
        headers.Vary = StringValues.Concat(headers.Vary, "Origin");
        if (_allowCredentials)
        {
            headers.AccessControlAllowCredentials = "true";
        }
    }
}
