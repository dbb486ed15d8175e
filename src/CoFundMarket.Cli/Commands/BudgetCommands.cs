using System.CommandLine;
using CoFundMarket.Api.V1;
using CoFundMarket.Cli.Calling;
using CoFundMarket.Cli.Input;
using CoFundMarket.Cli.Output;

namespace CoFundMarket.Cli.Commands;

/// <summary><c>cofund budget show|set</c>: an organisation's co-funding ceiling for one financial year (not public).</summary>
internal static class BudgetCommands
{
    public static Command Create(ApiOptions api) => new Command("budget", "An organisation's co-funding budget for one NHS financial year (needs a token).") { Show(api), Set(api) };

    private static Command Show(ApiOptions api)
    {
        var organisation = OrganisationArgument();
        var year = YearOption();
        return api.Bind(new Command("show", "Show ceiling, reserved, committed and available. Roles: admin, or org_lead/org_finance of the organisation.") { organisation, year }, async (session, parse, cancellationToken) =>
        {
            var response = await session.CallAsync(
                CofundMethods.GetBudget,
                new GetBudgetRequest { OrganisationCode = parse.GetValue(organisation)!, FinancialYear = parse.GetValue(year)! },
                cancellationToken);
            session.Printer.Write(response, () => session.Printer.WriteTable(Record(response.Budget)));
            return ExitCode.Ok;
        });
    }

    private static Command Set(ApiOptions api)
    {
        var organisation = OrganisationArgument();
        var year = YearOption();
        var ceiling = new Option<string>("--ceiling") { Description = "The new ceiling in pounds, e.g. 250000.", Required = true };
        var requestId = new Option<string?>("--request-id") { Description = "Idempotency key; a new one is made (and printed) when absent." };
        return api.Bind(new Command("set", "Set the ceiling. Roles: admin, or org_finance of the organisation.") { organisation, year, ceiling, requestId }, async (session, parse, cancellationToken) =>
        {
            var request = new SetBudgetRequest
            {
                OrganisationCode = parse.GetValue(organisation)!,
                FinancialYear = parse.GetValue(year)!,
                Ceiling = Pounds.Parse(parse.GetValue(ceiling)!, "--ceiling"),
            };
            request.RequestId = RequestIds.OrNew(parse.GetValue(requestId), session.Printer);
            var response = await session.CallAsync(CofundMethods.SetBudget, request, cancellationToken);
            session.Printer.Write(response, () => session.Printer.WriteTable(Record(response.Budget)));
            return ExitCode.Ok;
        });
    }

    private static Argument<string> OrganisationArgument() => new("organisation") { Description = "The organisation's ODS code, e.g. RTE." };

    private static Option<string> YearOption() => new("--year")
    {
        Description = "The financial year, e.g. 2026/27 (default: the current one).",
        DefaultValueFactory = _ => FinancialYears.Current(DateTimeOffset.UtcNow),
    };

    private static TextTable Record(Budget budget) => TextTable.Record()
        .Add("Organisation", budget.OrganisationCode)
        .Add("Financial year", budget.FinancialYear)
        .Add("Ceiling", Formats.Money(budget.Ceiling))
        .Add("Reserved", Formats.Money(budget.Reserved))
        .Add("Committed", Formats.Money(budget.Committed))
        .Add("Available", Formats.Money(budget.Available));
}
