using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace CoFundMarket.Gateway.Web;

/// <summary>
/// Serves the built web app (src/CoFundMarket.Web, copied beside the gateway as <c>webapp/</c>, or <c>Web:Root</c>):
/// its files, and <c>index.html</c> for every other GET so that the app's own routes (<c>/projects/p-1</c>) survive a
/// reload. gRPC-Web calls, <c>/health</c> and <c>/demo</c> are endpoints of their own and never reach the fallback.
/// </summary>
public static class WebAppHosting
{
    /// <summary>The folder, beside the gateway's assembly, that the build copies the web app into.</summary>
    public const string DefaultFolder = "webapp";

    // Vite names every asset after a hash of its content, so a browser may keep one for good; index.html names the
    // current assets and must be asked for again each time.
    private const string ImmutableAssets = "public, max-age=31536000, immutable";
    private const string AlwaysRevalidate = "no-cache";

    // The app loads only its own scripts and styles and talks only to its own origin; the NHS font comes from NHS
    // assets. Inline styles are not needed: the app sets widths through the CSS object model.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self' https://assets.nhs.uk; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    /// <summary>Maps the app's files and its fallback; without a built app, the fallback says how to build it.</summary>
    public static void MapWebApp(this WebApplication app)
    {
        var root = app.Configuration["Web:Root"] ?? Path.Combine(AppContext.BaseDirectory, DefaultFolder);
        var index = Path.Combine(root, "index.html");
        if (!File.Exists(index))
        {
            app.Logger.LogWarning("The web app is not built ({Index} is missing): serving the API only. Build it with 'npm ci && npm run build' in src/CoFundMarket.Web, then rebuild the gateway.", index);
            app.MapFallback(context => NotBuiltAsync(context, index));
            return;
        }

        var files = new PhysicalFileProvider(Path.GetFullPath(root));
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            ContentTypeProvider = new FileExtensionContentTypeProvider(),
            OnPrepareResponse = static file =>
                file.Context.Response.Headers.CacheControl = file.Context.Request.Path.StartsWithSegments("/assets", StringComparison.Ordinal) ? ImmutableAssets : AlwaysRevalidate,
        });
        app.MapFallback(context => IndexAsync(context, files));
    }

    private static async Task IndexAsync(HttpContext context, PhysicalFileProvider files)
    {
        // Only page loads get the app; any other method on an unknown path is simply not there, and neither is the demo
        // door when it is closed.
        if ((!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
            || context.Request.Path.StartsWithSegments(DemoSignIn.PathPrefix, StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var headers = context.Response.Headers;
        headers.CacheControl = AlwaysRevalidate;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.SendFileAsync(files.GetFileInfo("index.html"), context.RequestAborted);
    }

    private static Task NotBuiltAsync(HttpContext context, string index)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return HttpMethods.IsGet(context.Request.Method)
            ? context.Response.WriteAsync($"The CoFundMarket web app is not built ({index} is missing). Install Node.js and npm, run 'npm ci && npm run build' in src/CoFundMarket.Web, then rebuild the gateway. The API is served as usual.", context.RequestAborted)
            : Task.CompletedTask;
    }
}
