using CoFundMarket.Domain.Organisations;

namespace CoFundMarket.Domain.Seeding;

/// <summary>
/// The real NHS England regions, integrated care boards and trusts shipped with the service
/// (Seeding/Data, copied from ODS and NHS England files; see Data/SOURCES.md).
/// Contains public sector information licensed under the Open Government Licence v3.0.
/// </summary>
public static class NhsEnglandOrganisations
{
    /// <summary>The attribution the data requires wherever it is shown or exported.</summary>
    public const string Attribution = "Contains public sector information licensed under the Open Government Licence v3.0.";

    /// <summary>Every organisation as a registration: 7 regions, then 36 ICBs, then 199 trusts.</summary>
    public static IReadOnlyList<RegisterOrganisation> All() =>
    [
        .. Read("regions.csv").Select(r => new RegisterOrganisation(r["code"], r["name"], OrganisationKind.Region, null, null)),
        .. Read("icbs.csv").Select(r => new RegisterOrganisation(r["ods_code"], r["name"], OrganisationKind.IntegratedCareBoard, r["region_code"], null)),
        .. Read("trusts.csv").Select(r => new RegisterOrganisation(r["ods_code"], r["name"], OrganisationKind.NhsTrust, r["region_code"], r["icb_code"])),
    ];

    private static List<IReadOnlyDictionary<string, string>> Read(string file)
    {
        var name = $"{typeof(NhsEnglandOrganisations).Namespace}.Data.{file}";
        using var stream = typeof(NhsEnglandOrganisations).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The seed file {file} is not embedded in {typeof(NhsEnglandOrganisations).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return [.. CsvRows.Read(reader)];
    }
}
