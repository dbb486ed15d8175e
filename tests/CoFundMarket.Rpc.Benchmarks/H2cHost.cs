using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace CoFundMarket.Rpc.Benchmarks;

/// <summary>A slim Kestrel host on one loopback h2c port the OS picks, without logging: what the load programs serve from.</summary>
public static class H2cHost
{
    /// <summary>The builder; <paramref name="address"/> tells the port once the app has started.</summary>
    public static WebApplicationBuilder CreateBuilder(out Func<Uri> address)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        ListenOptions? h2c = null;
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            h2c = listen;
        }));
        address = () => new Uri($"http://127.0.0.1:{h2c!.IPEndPoint!.Port}");
        return builder;
    }
}
