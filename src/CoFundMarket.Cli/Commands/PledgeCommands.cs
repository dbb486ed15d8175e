using System.CommandLine;
using CoFundMarket.Api.V1;
using CoFundMarket.Cli.Calling;
using CoFundMarket.Cli.Input;
using CoFundMarket.Cli.Output;

namespace CoFundMarket.Cli.Commands;

/// <summary><c>cofund pledge</c> and <c>cofund withdraw</c>: an organisation's offers of money to OPEN projects.</summary>
internal static class PledgeCommands
{
    public static Command Pledge(ApiOptions api)
    {
        var project = new Argument<string>("project-id") { Description = "The OPEN project to pledge to." };
        var amount = new Option<string>("--amount") { Description = "How much, in pounds (at least 1), e.g. 2500 or 2500.50.", Required = true };
        var organisation = new Option<string?>("--org") { Description = "The pledging organisation (ODS code); defaults to the org claim of the token." };
        var minOthers = new Option<int>("--min-other-funders") { Description = "Count only if at least this many other organisations' pledges count too (default 0)." };
        var requestId = new Option<string?>("--request-id") { Description = "Idempotency key that becomes the pledge id; a new one is made (and printed) when absent." };
        var command = new Command("pledge", "Pledge money to an OPEN project. Roles: org_lead or org_finance of the organisation, or a partner with pledges.write.")
        {
            project, amount, organisation, minOthers, requestId,
        };
        return api.Bind(command, async (session, parse, cancellationToken) =>
        {
            var request = new CreatePledgeRequest
            {
                ProjectId = parse.GetValue(project)!,
                Amount = Pounds.Parse(parse.GetValue(amount)!, "--amount"),
                OrganisationCode = parse.GetValue(organisation)
                    ?? TokenClaims.Organisation(session.Token)
                    ?? throw CliException.Usage("--org is needed: the token names no organisation (org claim)."),
                MinOtherFunders = parse.GetValue(minOthers),
            };
            request.RequestId = RequestIds.OrNew(parse.GetValue(requestId), session.Printer);
            var response = await session.CallAsync(CofundMethods.CreatePledge, request, cancellationToken);
            session.Printer.Write(response, () => session.Printer.WriteTable(Record(response.Pledge)));
            return ExitCode.Ok;
        });
    }

    public static Command Withdraw(ApiOptions api)
    {
        var pledge = new Argument<string>("pledge-id") { Description = "The ACTIVE pledge to withdraw (its project must still be OPEN)." };
        var requestId = new Option<string?>("--request-id") { Description = "Idempotency key; a new one is made (and printed) when absent." };
        var command = new Command("withdraw", "Withdraw an ACTIVE pledge while its project is OPEN. Roles: as for pledge.") { pledge, requestId };
        return api.Bind(command, async (session, parse, cancellationToken) =>
        {
            var request = new WithdrawPledgeRequest { PledgeId = parse.GetValue(pledge)! };
            request.RequestId = RequestIds.OrNew(parse.GetValue(requestId), session.Printer);
            var response = await session.CallAsync(CofundMethods.WithdrawPledge, request, cancellationToken);
            session.Printer.Write(response, () => session.Printer.WriteTable(Record(response.Pledge)));
            return ExitCode.Ok;
        });
    }

    private static TextTable Record(Pledge pledge)
    {
        var record = TextTable.Record()
            .Add("Pledge", pledge.Id)
            .Add("Project", pledge.ProjectId)
            .Add("Organisation", pledge.OrganisationCode)
            .Add("Amount", Formats.Money(pledge.Amount))
            .Add("Status", Formats.Enum(pledge.Status))
            .Add("Counted", Formats.YesNo(pledge.Counted))
            .Add("Min other funders", Formats.Number(pledge.MinOtherFunders))
            .Add("Financial year", pledge.FinancialYear);
        if (pledge.RejectionReason.Length > 0)
        {
            record.Add("Rejected", $"{pledge.RejectionReason}: {pledge.RejectionMessage}");
        }

        return record;
    }
}
