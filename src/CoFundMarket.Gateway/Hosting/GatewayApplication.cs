using CoFundMarket.Gateway.Api;
using CoFundMarket.Gateway.Identity;
using CoFundMarket.Gateway.OpenData;
using CoFundMarket.Gateway.Web;
using CoFundMarket.Rpc.Hosting;

namespace CoFundMarket.Gateway.Hosting;

/// <summary>The whole gateway as one application: what <c>Program</c> runs and what the end-to-end tests start.</summary>
public static class GatewayApplication
{
    /// <summary>Builds the gateway from command-line arguments (and the usual configuration sources); <paramref name="configure"/> may adjust the builder (tests add logging or services).</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // The content root is where the gateway's files are (appsettings.json beside the binary), not the working directory:
        // started from the repository root (dotnet run --project) or any other directory, a relative root missed the file and
        // its log levels, so every request logged three lines. Data stays relative to the working directory (./data).
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.ConfigureGatewayPorts();
        builder.Services.AddConfiguredStorage(builder.Configuration);
        builder.Services.AddCoFundMarketSilo(builder.Configuration);
        builder.Services.AddCofundAuthentication(builder.Configuration);
        builder.Services.AddCofundApi(builder.Configuration, builder.Environment);
        builder.Services.AddServiceHealth();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapHealth();
        app.MapRpcServices();
        app.MapOpenData();
        app.MapDemoSignIn();
        app.MapWebApp();
        return app;
    }
}
