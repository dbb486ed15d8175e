using System.Text;
using CoFundMarket.Domain.Projects;
using CoFundMarket.Gateway.Marketplace;
using CoFundMarket.Gateway.Projects;

namespace CoFundMarket.Gateway.OpenData;

/// <summary>
/// The public marketplace as open data, without a token: where public money is pledged, to what, and
/// who reuses it. Only what the public API shows (projects OPEN or later, their pledges by
/// organisation, adoptions and lineage) — never drafts, budgets or the people behind events.
/// </summary>
public static class OpenDataEndpoints
{
    /// <summary>The licence of the export: the seed data's Open Government Licence and its attribution.</summary>
    public const string Licence = "OGL-UK-3.0";

    /// <summary>The attribution every download carries.</summary>
    public const string Attribution =
        "Contains public sector information licensed under the Open Government Licence v3.0 (https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/). "
        + "Organisation codes and names from NHS England's Organisation Data Service.";

    /// <summary>Maps GET /open-data (the index), /open-data/projects.csv, pledges.csv, adoptions.csv and marketplace.json.</summary>
    public static void MapOpenData(this WebApplication app)
    {
        var group = app.MapGroup("/open-data");
        group.MapGet("/", () => Results.Json(new
        {
            name = "cofundmarket-open-data",
            licence = Licence,
            attribution = Attribution,
            resources = new[]
            {
                new { path = "/open-data/projects.csv", description = "Public projects (OPEN or later) with their funding, reuse and code" },
                new { path = "/open-data/pledges.csv", description = "Pledges to public projects, by organisation, with amounts" },
                new { path = "/open-data/adoptions.csv", description = "Organisations that adopted delivered projects" },
                new { path = "/open-data/marketplace.json", description = "All of the above as one JSON document" },
            },
        }));
        group.MapGet("/projects.csv", async (CatalogReader reader, HttpContext http, CancellationToken cancellationToken) =>
            Csv(http, "projects.csv", OpenDataTables.ProjectHeader, (await PublicProjectsAsync(reader, cancellationToken)).Select(OpenDataTables.ProjectRow)));
        group.MapGet("/pledges.csv", async (CatalogReader reader, HttpContext http, CancellationToken cancellationToken) =>
            Csv(http, "pledges.csv", OpenDataTables.PledgeHeader, (await PublicProjectsAsync(reader, cancellationToken)).SelectMany(OpenDataTables.PledgeRows)));
        group.MapGet("/adoptions.csv", async (CatalogReader reader, HttpContext http, CancellationToken cancellationToken) =>
            Csv(http, "adoptions.csv", OpenDataTables.AdoptionHeader, (await PublicProjectsAsync(reader, cancellationToken)).SelectMany(OpenDataTables.AdoptionRows)));
        group.MapGet("/marketplace.json", async (CatalogReader reader, HttpContext http, CancellationToken cancellationToken) =>
        {
            var projects = await PublicProjectsAsync(reader, cancellationToken);
            AttributionHeaders(http, "marketplace.json");
            return Results.Json(OpenDataTables.Document(projects, DateTimeOffset.UtcNow));
        });
    }

    private static async Task<IReadOnlyList<ProjectView>> PublicProjectsAsync(CatalogReader reader, CancellationToken cancellationToken) =>
        [.. (await reader.CurrentAsync(cancellationToken)).Projects().Where(p => p.Status.IsPublic()).OrderBy(p => p.Id, StringComparer.Ordinal)];

    private static IResult Csv(HttpContext http, string fileName, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        AttributionHeaders(http, fileName);
        var text = new StringBuilder();
        OpenDataTables.AppendCsvLine(text, header);
        foreach (var row in rows)
        {
            OpenDataTables.AppendCsvLine(text, row);
        }

        return Results.Text(text.ToString(), "text/csv; charset=utf-8", Encoding.UTF8);
    }

    // CSV has no place for a licence line that every reader skips, so the attribution travels in headers (and in the index and JSON).
    private static void AttributionHeaders(HttpContext http, string fileName)
    {
        http.Response.Headers.ContentDisposition = $"inline; filename=\"{fileName}\"";
        http.Response.Headers["X-Licence"] = Licence;
        http.Response.Headers["X-Attribution"] = Attribution;
        http.Response.Headers.CacheControl = "no-cache";
    }
}
