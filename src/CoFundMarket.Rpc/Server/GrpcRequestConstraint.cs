using CoFundMarket.Rpc.Protocol;
using CoFundMarket.Rpc.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CoFundMarket.Rpc.Server;

/// <summary>
/// Lets the UNIMPLEMENTED catch-all routes match only gRPC requests (POST with a gRPC or gRPC-Web content type)
/// and CORS preflights, so that other requests to two-segment paths fall through to the application.
/// </summary>
internal sealed class GrpcRequestConstraint : IRouteConstraint
{
    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection)
    {
        if (httpContext is null)
        {
            return false;
        }

        var request = httpContext.Request;
        return CorsPolicy.IsPreflight(request)
            || (HttpMethods.IsPost(request.Method) && ContentTypes.TryGetProtocol(request.ContentType, out _));
    }
}
