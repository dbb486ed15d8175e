using System.CommandLine;
using CoFundMarket.Api.V1;
using CoFundMarket.Cli.Calling;
using CoFundMarket.Cli.Output;

namespace CoFundMarket.Cli.Commands;

/// <summary><c>cofund summary</c> (public totals) and <c>cofund invariants check</c> (admin monitoring).</summary>
internal static class MarketplaceCommands
{
    public static Command Summary(ApiOptions api)
    {
        var region = new Option<string?>("--region") { Description = "Only projects that benefit this region (ODS code)." };
        return api.Bind(new Command("summary", "Marketplace totals overall, by region and by project status (public).") { region }, async (session, parse, cancellationToken) =>
        {
            var response = await session.CallAsync(CofundMethods.GetSummary, new GetSummaryRequest { RegionCode = parse.GetValue(region) ?? "" }, cancellationToken);
            session.Printer.Write(response, () => session.Printer.WriteTable(Totals(response)));
            return ExitCode.Ok;
        });
    }

    public static Command Invariants(ApiOptions api)
    {
        var check = api.Bind(new Command("check", "Check every invariant of the marketplace; exits 12 when one does not hold. Role: admin."), async (session, _, cancellationToken) =>
        {
            var response = await session.CallAsync(CofundMethods.CheckInvariants, new CheckInvariantsRequest(), cancellationToken);
            session.Printer.Write(response, () =>
            {
                session.Printer.Out.WriteLine(
                    $"checked {response.OrganisationCount} organisations, {response.ProjectCount} projects, {response.PledgeCount} pledges, {response.EventCount} events replayed");
                if (response.Violations.Count == 0)
                {
                    session.Printer.Out.WriteLine("all invariants hold");
                }
                else
                {
                    var table = new TextTable(new Column("RULE"), new Column("ENTITY"), new Column("DETAIL"));
                    foreach (var violation in response.Violations)
                    {
                        table.Add(violation.Rule, violation.Entity, violation.Detail);
                    }

                    session.Printer.WriteTable(table);
                }
            });
            return response.Violations.Count == 0 ? ExitCode.Ok : ExitCode.InvariantsViolated;
        });
        return new Command("invariants", "Marketplace invariants (admin monitoring).") { check };
    }

    private static TextTable Totals(GetSummaryResponse response)
    {
        var table = new TextTable(
            new Column(""), new Column("POOLED", AlignRight: true), new Column("COMMITTED", AlignRight: true), new Column("PROJECTS", AlignRight: true),
            new Column("FUNDERS", AlignRight: true), new Column("ADOPTIONS", AlignRight: true));
        AddTotals(table, "all projects", response.Totals);
        foreach (var status in response.Statuses)
        {
            AddTotals(table, Formats.Enum(status.Status), status.Totals);
        }

        foreach (var region in response.Regions)
        {
            AddTotals(table, $"{region.RegionCode} {region.RegionName}", region.Totals);
        }

        return table;
    }

    private static void AddTotals(TextTable table, string label, SummaryTotals? totals)
    {
        totals ??= new SummaryTotals();
        table.Add(label, Formats.Money(totals.Pooled), Formats.Money(totals.Committed), Formats.Number(totals.ProjectCount), Formats.Number(totals.FunderCount), Formats.Number(totals.AdoptionCount));
    }
}
