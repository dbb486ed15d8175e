using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CoFundMarket.Rpc.Server;

/// <summary>
/// Gets the service instance for a call: from the request's DI scope (scoped and transient services), or, for a
/// singleton, once and then from a field, so that hot calls do not create a request scope at all.
/// </summary>
internal sealed class ServiceActivator<TService>(ServiceLifetime lifetime)
    where TService : class
{
    private TService? _singleton;

    public TService Get(HttpContext http)
    {
        if (lifetime != ServiceLifetime.Singleton)
        {
            return http.RequestServices.GetRequiredService<TService>();
        }

        return _singleton ??= http.RequestServices.GetRequiredService<TService>();
    }
}
