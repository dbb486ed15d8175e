using System.Text.Json;

namespace CoFundMarket.Web.Tests.Fixtures;

/// <summary>
/// What every visited page is held to: axe-core (from the web app's npm packages) finds no serious or critical
/// violation, and a screenshot is kept as an artefact under TestResults/screenshots.
/// </summary>
public static class PageChecks
{
    private static readonly Lazy<string> s_axe = new(() =>
    {
        var path = Path.Combine(RepositoryPaths.WebApp, "node_modules", "axe-core", "axe.min.js");
        return File.Exists(path) ? File.ReadAllText(path) : throw new InvalidOperationException($"{path} is missing: run ./test.sh (npm ci in src/CoFundMarket.Web).");
    });

    /// <summary>Runs axe on the page as it is now and saves a full-page screenshot named <paramref name="name"/>.</summary>
    public static async Task AssertAccessibleAsync(this IPage page, string name)
    {
        Directory.CreateDirectory(RepositoryPaths.Screenshots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryPaths.Screenshots, $"{name}.png"), FullPage = true });

        // Evaluated through the DevTools protocol, which the page's Content-Security-Policy (script-src 'self') allows,
        // so the app is checked under the same policy it runs with.
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(s_axe.Value);
        }

        var violations = await page.EvaluateAsync<JsonElement>(
            """
            async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map(n => n.target.join(' ')).slice(0, 5).join(', ')}`)
            """);
        var found = violations.EnumerateArray().Select(v => v.GetString()).ToList();
        Assert.True(found.Count == 0, $"axe on {name} ({page.Url}):\n{string.Join('\n', found)}");
    }
}
