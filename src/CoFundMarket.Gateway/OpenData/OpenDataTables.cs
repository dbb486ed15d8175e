using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using CoFundMarket.Domain.Projects;
using CoFundMarket.Gateway.Projects;

namespace CoFundMarket.Gateway.OpenData;

/// <summary>The rows of the open-data export. Money is in pence (integers), dates are ISO 8601, lists are ';'-separated.</summary>
public static class OpenDataTables
{
    /// <summary>projects.csv columns.</summary>
    public static readonly IReadOnlyList<string> ProjectHeader =
    [
        "project_id", "title", "status", "stage", "category", "lead_organisation_code", "region_codes", "target_pence", "cap_pence",
        "pledged_pence", "committed_pence", "funder_count", "adoption_count", "adaptation_count", "adapted_from_project_id",
        "repository_url", "licence", "funding_deadline", "created_at", "updated_at",
    ];

    /// <summary>pledges.csv columns.</summary>
    public static readonly IReadOnlyList<string> PledgeHeader = ["project_id", "pledge_id", "organisation_code", "amount_pence", "status", "min_other_funders", "counted"];

    /// <summary>adoptions.csv columns.</summary>
    public static readonly IReadOnlyList<string> AdoptionHeader = ["project_id", "organisation_code", "adopted_on", "note"];

    /// <summary>One project's row.</summary>
    public static IReadOnlyList<string> ProjectRow(ProjectView p) =>
    [
        p.Id, p.Details.Title, Name(p.Status.ToApi()), Name(p.Details.Stage.ToApi()), p.Details.Category, p.Details.LeadOrganisationCode,
        string.Join(';', p.Details.RegionCodes), Pence(p.Details.Target.MinorUnits), Pence(p.Details.Cap.MinorUnits), Pence(p.Pledged.MinorUnits),
        Pence(p.Committed.MinorUnits), Count(p.FunderCount), Count(p.AdoptionCount), Count(p.AdaptationCount), p.Details.AdaptedFromProjectId ?? "",
        p.CodeUrl ?? "", p.Details.Licence, p.Details.FundingDeadline.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        p.CreatedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), p.UpdatedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
    ];

    /// <summary>A project's pledges, one row each.</summary>
    public static IEnumerable<IReadOnlyList<string>> PledgeRows(ProjectView p) =>
        p.Pledges.Select(pledge => (IReadOnlyList<string>)
        [
            p.Id, pledge.PledgeId, pledge.OrganisationCode, Pence(pledge.Amount.MinorUnits), Name(pledge.Status.ToApi()),
            Count(pledge.MinOtherFunders), pledge.Counted ? "true" : "false",
        ]);

    /// <summary>A project's adoptions, one row each.</summary>
    public static IEnumerable<IReadOnlyList<string>> AdoptionRows(ProjectView p) =>
        p.Adoptions.Select(a => (IReadOnlyList<string>)[p.Id, a.OrganisationCode, a.AdoptedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), a.Note]);

    /// <summary>The whole export as one document.</summary>
    public static object Document(IReadOnlyList<ProjectView> projects, DateTimeOffset generatedAt) => new
    {
        licence = OpenDataEndpoints.Licence,
        attribution = OpenDataEndpoints.Attribution,
        generatedAt,
        projects = projects.Select(p => new
        {
            project = Record(ProjectHeader, ProjectRow(p)),
            pledges = PledgeRows(p).Select(r => Record(PledgeHeader, r)),
            adoptions = AdoptionRows(p).Select(r => Record(AdoptionHeader, r)),
        }),
    };

    /// <summary>Appends one RFC 4180 line. A text cell a spreadsheet would run as a formula (= + - @ first) is prefixed with an apostrophe.</summary>
    public static void AppendCsvLine(StringBuilder text, IReadOnlyList<string> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            var cell = cells[i];
            if (cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' && !long.TryParse(cell, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
            {
                cell = "'" + cell;
            }

            if (cell.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                text.Append('"').Append(cell.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                text.Append(cell);
            }
        }

        text.Append("\r\n");
    }

    private static Dictionary<string, string> Record(IReadOnlyList<string> header, IReadOnlyList<string> row) =>
        header.Select((name, i) => (name, row[i])).ToDictionary(p => p.name, p => p.Item2, StringComparer.Ordinal);

    private static string Pence(long minorUnits) => minorUnits.ToString(CultureInfo.InvariantCulture);

    private static string Count(int count) => count.ToString(CultureInfo.InvariantCulture);

    // The proto name of an enum value (PROJECT_STATUS_OPEN), found by reflection once per value, not once per row.
    private static readonly ConcurrentDictionary<Enum, string> s_protoNames = new();

    private static string Name<TEnum>(TEnum value) where TEnum : struct, Enum =>
        s_protoNames.GetOrAdd(value, static v => v.GetType().GetField(v.ToString())!
            .GetCustomAttributes(typeof(Google.Protobuf.Reflection.OriginalNameAttribute), inherit: false)
            .OfType<Google.Protobuf.Reflection.OriginalNameAttribute>().Single().Name);
}
