using System.CommandLine;
using CoFundMarket.Cli.Calling;
using CoFundMarket.Cli.Input;
using CoFundMarket.Cli.Output;
using CoFundMarket.Identity;

namespace CoFundMarket.Cli.Commands;

/// <summary>
/// <c>cofund token</c>: mints a token for the embedded default with the signing key the gateway keeps in its data
/// directory. Only for a gateway without configured keys (a real deployment gets tokens from its identity provider).
/// </summary>
internal static class TokenCommand
{
    private static readonly string[] s_roles = [CofundRoles.Admin, CofundRoles.OrgLead, CofundRoles.OrgFinance, CofundRoles.Partner];

    public static Command Create()
    {
        var role = new Option<string[]>("--role") { Description = $"Role (repeatable): {string.Join(", ", s_roles)}.", Required = true };
        role.AcceptOnlyFromAmong(s_roles);
        var organisation = new Option<string?>("--org") { Description = "The organisation the caller acts for (ODS code); needed by org_lead and org_finance." };
        var scope = new Option<string[]>("--scope") { Description = "Partner scope (repeatable), e.g. pledges.write, events.read." };
        var subject = new Option<string>("--sub") { Description = "The caller's id (sub claim).", DefaultValueFactory = _ => "cli-" + Environment.UserName };
        var name = new Option<string?>("--name") { Description = "The caller's name (name claim)." };
        var lifetime = new Option<string>("--lifetime") { Description = "How long the token is valid: 90m, 8h, 7d.", DefaultValueFactory = _ => "8h" };
        var dataDirectory = new Option<string>("--data-dir") { Description = "The gateway's data directory, holding signing-key.", DefaultValueFactory = _ => "data" };
        var command = new Command("token", "Mint a token for the embedded default and print it: export COFUND_TOKEN=$(cofund token --role admin).")
        {
            role, organisation, scope, subject, name, lifetime, dataDirectory,
        };
        command.SetAction(async parse =>
        {
            var printer = new Printer(parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, json: false);
            return (int)await ApiOptions.RunAsync(printer, () =>
            {
                var roles = parse.GetValue(role)!;
                var org = parse.GetValue(organisation);
                if (org is null && roles.Any(r => r is CofundRoles.OrgLead or CofundRoles.OrgFinance))
                {
                    throw CliException.Usage("--org is needed with --role org_lead or org_finance (e.g. --org RTE).");
                }

                var request = new TokenRequest(parse.GetValue(subject)!, parse.GetValue(name), roles, org, parse.GetValue(scope) ?? [], Durations.Parse(parse.GetValue(lifetime)!, "--lifetime"));
                printer.Out.WriteLine(new TokenIssuer(LoadKey(parse.GetValue(dataDirectory)!)).Mint(request, DateTimeOffset.UtcNow));
                return Task.FromResult(ExitCode.Ok);
            });
        });
        return command;
    }

    private static EmbeddedSigningKey LoadKey(string dataDirectory)
    {
        try
        {
            return EmbeddedSigningKey.Load(dataDirectory);
        }
        catch (FileNotFoundException e)
        {
            throw new CliException(
                ExitCode.LocalSetup,
                $"no signing key at {e.FileName}; start the gateway first: dotnet run --project src/CoFundMarket.Gateway (or give its data directory with --data-dir).");
        }
        catch (InvalidOperationException e)
        {
            throw new CliException(ExitCode.LocalSetup, e.Message);
        }
    }
}
