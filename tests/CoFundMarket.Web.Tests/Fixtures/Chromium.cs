namespace CoFundMarket.Web.Tests.Fixtures;

/// <summary>
/// Debian's Chromium (/usr/bin/chromium, headless) driven by Playwright; Playwright's own browsers are never downloaded.
/// One browser for the whole test collection; every test opens fresh contexts (a cold profile: no cache, no storage).
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    /// <summary>Where test.sh installs it (Debian's chromium package).</summary>
    public const string ExecutablePath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"{ExecutablePath} is missing: run ./test.sh, which installs Debian's chromium package.");
        }

        // Conditions are awaited, never slept on; the generous limit is for a 2-core machine running other test
        // assemblies at the same time, not for anything the app should take that long to do.
        SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // Root in a container has no user namespace sandbox; the pages are the project's own on loopback.
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
    }

    /// <summary>A new, empty browser context (its own cookies, storage and cache) for the gateway's app.</summary>
    public async Task<IPage> OpenAsync(WebGateway gateway)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = gateway.WebAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "en-GB",
            TimezoneId = "Europe/London",
        });
        context.SetDefaultTimeout(15_000);
        // The NHS font is on assets.nhs.uk, which this machine cannot reach; refuse it at once instead of waiting.
        await context.RouteAsync("https://assets.nhs.uk/**", route => route.AbortAsync());
        return await context.NewPageAsync();
    }
}

/// <summary>The tests that share one Chromium (xunit runs the classes of one collection one after another).</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<Chromium>
{
    public const string Name = "Chromium";
}
