using System.Net;
using System.Text.RegularExpressions;

namespace CoFundMarket.Web.Tests.Gateway;

public sealed partial class WebAppHostingTests(WebGateway gateway) : IClassFixture<WebGateway>, IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = gateway.WebAddress };

    public void Dispose() => _http.Dispose();

    [Theory]
    [InlineData("/")]
    [InlineData("/projects/demo-support-finder")]
    [InlineData("/organisations/RTE")]
    [InlineData("/admin")]
    public async Task EveryAppPathGetsTheAppWithItsSecurityHeaders(string path)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl?.NoCache);
        Assert.Contains("id=\"maincontent\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HashedAssetsAreServedAndCachedForGood()
    {
        var index = await _http.GetStringAsync(new Uri("/", UriKind.Relative));
        var script = ScriptPath().Match(index).Groups[1].Value;

        using var response = await _http.GetAsync(new Uri(script, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.MaxAge >= TimeSpan.FromDays(365));
    }

    [Fact]
    public async Task AMissingAssetIsNotFoundRatherThanTheApp()
    {
        using var response = await _http.GetAsync(new Uri("/assets/missing-0000.js", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task GrpcWebCallsReachTheApiNotTheFallback()
    {
        // An empty GetSummaryRequest as one gRPC-Web frame: flag 0, length 0.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/cofund.v1.MarketplaceService/GetSummary") { Content = new ByteArrayContent([0, 0, 0, 0, 0]) };
        request.Content.Headers.ContentType = new("application/grpc-web+proto");

        using var response = await _http.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/grpc-web+proto", response.Content.Headers.ContentType?.MediaType);
        Assert.Matches("grpc-status: ?0\r\n", System.Text.Encoding.ASCII.GetString(body));
    }

    [Fact]
    public async Task OtherMethodsOnUnknownPathsAreNotFound()
    {
        using var response = await _http.PostAsync(new Uri("/projects/p-1", UriKind.Relative), new StringContent(""));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [GeneratedRegex("<script type=\"module\" crossorigin src=\"([^\"]+)\"")]
    private static partial Regex ScriptPath();
}
