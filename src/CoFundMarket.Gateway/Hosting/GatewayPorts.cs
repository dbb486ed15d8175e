using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace CoFundMarket.Gateway.Hosting;

/// <summary>
/// The embedded default's ports: native gRPC needs HTTP/2 and a cleartext port cannot offer both
/// HTTP/1.1 and HTTP/2 (no ALPN), so h2c gets 5080 and HTTP/1.1 (health, gRPC-Web, the web app) 5081.
/// Any Kestrel endpoint configuration (<c>Kestrel:Endpoints</c>) replaces these.
/// </summary>
public static class GatewayPorts
{
    /// <summary>Native gRPC over cleartext HTTP/2.</summary>
    public const int Http2Port = 5080;

    /// <summary>HTTP/1.1.</summary>
    public const int Http1Port = 5081;

    /// <summary>Listens on the default ports unless Kestrel endpoints or URLs are configured.</summary>
    public static void ConfigureGatewayPorts(this WebApplicationBuilder builder)
    {
        var configured = builder.Configuration.GetSection("Kestrel:Endpoints").Exists()
            || !string.IsNullOrEmpty(builder.Configuration["urls"])
            || !string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]);
        if (configured)
        {
            return;
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.ListenLocalhost(Http2Port, listen => listen.Protocols = HttpProtocols.Http2);
            kestrel.ListenLocalhost(Http1Port, listen => listen.Protocols = HttpProtocols.Http1);
        });
    }
}
