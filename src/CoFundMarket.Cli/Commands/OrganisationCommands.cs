using System.CommandLine;
using CoFundMarket.Api.V1;
using CoFundMarket.Cli.Calling;
using CoFundMarket.Cli.Output;

namespace CoFundMarket.Cli.Commands;

/// <summary><c>cofund organisations list|show</c>: the public directory of organisations.</summary>
internal static class OrganisationCommands
{
    public static Command Create(ApiOptions api) =>
        new Command("organisations", "The organisations taking part (public: no token needed).") { Aliases = { "orgs" }, Subcommands = { List(api), Show(api) } };

    private static Command List(ApiOptions api)
    {
        var kind = new Option<string?>("--kind") { Description = $"Only this kind: {Formats.EnumChoices<OrganisationKind>()}." };
        var region = new Option<string?>("--region") { Description = "Only this NHS England region (ODS code, e.g. Y58)." };
        var icb = new Option<string?>("--icb") { Description = "Only trusts under this integrated care board (ODS code)." };
        var paging = new Paging();
        var command = new Command("list", "List organisations, ordered by ODS code.") { kind, region, icb };
        paging.AddTo(command);
        return api.Bind(command, async (session, parse, cancellationToken) =>
        {
            var request = new ListOrganisationsRequest
            {
                Kind = Arguments.Enum<OrganisationKind>(parse.GetValue(kind), "--kind"),
                RegionCode = parse.GetValue(region) ?? "",
                IcbCode = parse.GetValue(icb) ?? "",
            };
            var (organisations, next) = await paging.FetchAsync(
                parse,
                session.Printer,
                (size, token) => session.CallAsync(CofundMethods.ListOrganisations, new ListOrganisationsRequest(request) { PageSize = size, PageToken = token }, cancellationToken),
                response => response.Organisations,
                response => response.NextPageToken);
            if (!session.Printer.Json)
            {
                var table = new TextTable(new Column("CODE"), new Column("NAME"), new Column("KIND"), new Column("REGION"), new Column("ICB"));
                foreach (var organisation in organisations)
                {
                    table.Add(organisation.Code, organisation.Name, Formats.Enum(organisation.Kind), organisation.RegionCode, organisation.IcbCode);
                }

                session.Printer.WriteTable(table);
                Paging.NoteMore(session.Printer, "cofund organisations list", next);
            }

            return ExitCode.Ok;
        });
    }

    private static Command Show(ApiOptions api)
    {
        var code = new Argument<string>("code") { Description = "The organisation's ODS code, e.g. RTE." };
        return api.Bind(new Command("show", "Show one organisation.") { code }, async (session, parse, cancellationToken) =>
        {
            var response = await session.CallAsync(CofundMethods.GetOrganisation, new GetOrganisationRequest { OrganisationCode = parse.GetValue(code)! }, cancellationToken);
            var organisation = response.Organisation;
            session.Printer.Write(response, () => session.Printer.WriteTable(TextTable.Record()
                .Add("Code", organisation.Code)
                .Add("Name", organisation.Name)
                .Add("Kind", Formats.Enum(organisation.Kind))
                .Add("Region", organisation.RegionCode)
                .Add("ICB", organisation.IcbCode)));
            return ExitCode.Ok;
        });
    }
}
