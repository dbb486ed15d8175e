using System.Diagnostics;
using CoFundMarket.Api.V1;
using CoFundMarket.Rpc;
using CoFundMarket.Rpc.Client;

namespace CoFundMarket.Gateway.Benchmarks;

/// <summary>
/// CreatePledge with durable commits: h2load sends one fixed body, but every pledge needs a fresh request_id (it becomes
/// the pledge id), so the load comes from the project's own client instead — the same 64 concurrent streams as
/// h2load's <c>-c 4 -m 16</c> (one channel per connection, each with its share of callers). The marketplace is set up
/// through the API first: organisations with budgets, and open projects with targets no load can reach.
/// </summary>
public static class PledgeLoad
{
    /// <summary>The largest target and ceiling the API accepts (10^12 pence): the load never funds a project or exhausts a budget.</summary>
    private const long Unreachable = 1_000_000_000_000;

    public sealed record Outcome(double PledgesPerSecond, long Succeeded, long Failed, string? FirstFailure, double P50Ms, double P99Ms, int Organisations, int Projects, CheckInvariantsResponse Invariants);

    public static async Task<Outcome> RunAsync(Api api, Uri gateway, Settings settings)
    {
        var admin = api.Token("admin");
        var (organisations, projects) = await SetUpAsync(api, admin, settings.PledgeOrganisations);
        var tokens = organisations.ToDictionary(o => o, o => api.Token("org_lead", o));
        var run = Guid.NewGuid().ToString("N")[..8];
        var channels = Enumerable.Range(0, settings.Connections).Select(_ => new RpcChannel(gateway)).ToArray();
        var measuring = false;
        var stop = false;
        var failed = 0L;
        string? firstFailure = null;
        var latencies = new List<double>[settings.Connections * settings.Streams];

        async Task CallerAsync(int caller)
        {
            var mine = latencies[caller] = [];
            var channel = channels[caller % channels.Length];
            var organisation = organisations[caller % organisations.Length];
            var options = Api.As(tokens[organisation]);
            for (var i = 0; !Volatile.Read(ref stop); i++)
            {
                var request = new CreatePledgeRequest
                {
                    RequestId = $"bench-{run}-{caller}-{i}",
                    ProjectId = projects[((caller * 7) + i) % projects.Length],
                    OrganisationCode = organisation,
                    Amount = new Money { CurrencyCode = "GBP", MinorUnits = 100 },
                };
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await channel.UnaryCall(Api.CreatePledge, request, options with { Deadline = DateTime.UtcNow.AddSeconds(30) });
                    if (Volatile.Read(ref measuring))
                    {
                        mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    }
                }
                catch (RpcException e)
                {
                    Interlocked.Increment(ref failed);
                    Interlocked.CompareExchange(ref firstFailure, $"{e.StatusCode}: {e.Status.Detail}", null);
                }
            }
        }

        var callers = Enumerable.Range(0, latencies.Length).Select(c => Task.Run(() => CallerAsync(c))).ToArray();
        await Task.Delay(TimeSpan.FromSeconds(settings.PledgeWarmUpSeconds));
        Volatile.Write(ref measuring, true);
        var window = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(settings.PledgeSeconds));
        Volatile.Write(ref measuring, false);
        window.Stop();
        Volatile.Write(ref stop, true);
        await Task.WhenAll(callers);
        foreach (var channel in channels)
        {
            channel.Dispose();
        }

        var all = latencies.SelectMany(l => l).Order().ToArray();
        var invariants = await api.CallAsync(Api.CheckInvariants, new CheckInvariantsRequest(), admin);
        return new Outcome(
            all.Length / window.Elapsed.TotalSeconds, all.Length, failed, firstFailure, CoFundMarket.Rpc.Benchmarks.H2Load.Percentile(all, 0.50), CoFundMarket.Rpc.Benchmarks.H2Load.Percentile(all, 0.99), organisations.Length, projects.Length, invariants);
    }

    private static async Task<(string[] Organisations, string[] Projects)> SetUpAsync(Api api, string admin, int count)
    {
        var deadline = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(60);
        var startYear = deadline.Month >= 4 ? deadline.Year : deadline.Year - 1;
        var financialYear = $"{startYear}/{(startYear + 1) % 100:00}";
        var trusts = await api.CallAsync(Api.ListOrganisations, new ListOrganisationsRequest { Kind = OrganisationKind.NhsTrust, PageSize = count }, admin);
        var organisations = trusts.Organisations.Select(o => o.Code).ToArray();
        var projects = new string[organisations.Length];
        await Task.WhenAll(organisations.Select(async (code, i) =>
        {
            await api.CallAsync(Api.SetBudget, new SetBudgetRequest
            {
                RequestId = $"bench-budget-{code}-{Guid.NewGuid():N}",
                OrganisationCode = code,
                FinancialYear = financialYear,
                Ceiling = new Money { CurrencyCode = "GBP", MinorUnits = Unreachable },
            }, admin);
            var lead = api.Token("org_lead", code);
            var project = (await api.CallAsync(Api.CreateProject, new CreateProjectRequest
            {
                RequestId = $"bench-project-{code}-{Guid.NewGuid():N}",
                Title = $"Benchmark project led by {code}",
                Summary = "Takes the pledges of the gateway benchmark.",
                Category = "Benchmark",
                LeadOrganisationCode = code,
                Target = new Money { CurrencyCode = "GBP", MinorUnits = Unreachable },
                MinFunders = 1,
                FundingDeadline = new Date { Year = deadline.Year, Month = deadline.Month, Day = deadline.Day },
                Licence = "MIT",
            }, lead)).Project;
            await api.CallAsync(Api.SubmitProject, new SubmitProjectRequest { RequestId = $"submit-{project.Id}", ProjectId = project.Id }, lead);
            await api.CallAsync(Api.ApproveProject, new ApproveProjectRequest { RequestId = $"approve-{project.Id}", ProjectId = project.Id }, admin);
            projects[i] = project.Id;
        }));
        return (organisations, projects);
    }
}
