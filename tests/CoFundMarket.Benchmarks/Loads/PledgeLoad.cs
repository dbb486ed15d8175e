using CoFundMarket.Benchmarks.Measuring;
using CoFundMarket.Domain.Common;
using CoFundMarket.Domain.Organisations;
using CoFundMarket.Domain.Pledges;
using CoFundMarket.Domain.Projects;
using CoFundMarket.Runtime.AdoNet;
using CoFundMarket.Runtime.Testing;

namespace CoFundMarket.Benchmarks.Loads;

/// <summary>
/// Issue 3's targets: in-process pledges end to end — the whole saga (pledge PENDING with its
/// saga reminder, budget reservation, project record, pledge ACTIVE, reminder removed), every step
/// a durable write — from 64 concurrent pledgers. Spread over 1,000 open projects: at least 3,000
/// pledges/s on SQLite and 2,000 on PostgreSQL; all to one hot project: at least 1,000 pledges/s.
/// Projects never fund during the run (their minimum funders is unreachable), so every pledge
/// runs the same saga.
/// </summary>
internal static class PledgeLoad
{
    private const int Pledgers = 64;
    private const int Organisations = 200;
    private const int Projects = 1_000;
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Measure = TimeSpan.FromSeconds(15);

    public static async Task RunSqliteAsync()
    {
        Report.Header("pledges-sqlite", $"pledge sagas end to end on SQLite (WAL, synchronous=FULL), {Pledgers} pledgers");
        using var directory = new TemporaryDirectory();
        await using (var storage = await AdoNetStorage.CreateSqliteAsync(directory.File("spread.db")))
        {
            Report.AtLeast($"pledges/s over {Projects:N0} projects, SQLite", await RunAsync(storage, Projects), 3_000, "pledges/s");
        }

        await using (var storage = await AdoNetStorage.CreateSqliteAsync(directory.File("hot.db")))
        {
            Report.AtLeast("pledges/s to one hot project, SQLite", await RunAsync(storage, 1), 1_000, "pledges/s");
        }
    }

    public static async Task RunPostgresAsync()
    {
        Report.Header("pledges-postgres", $"pledge sagas end to end on PostgreSQL (synchronous_commit=on), {Pledgers} pledgers");
        await using var server = await TemporaryPostgresServer.CreateAsync();
        await using (var storage = await AdoNetStorage.CreatePostgresAsync(await server.CreateDatabaseAsync("spread")))
        {
            Report.AtLeast($"pledges/s over {Projects:N0} projects, PostgreSQL", await RunAsync(storage, Projects), 2_000, "pledges/s");
        }

        await using (var storage = await AdoNetStorage.CreatePostgresAsync(await server.CreateDatabaseAsync("hot")))
        {
            Report.AtLeast("pledges/s to one hot project, PostgreSQL", await RunAsync(storage, 1), 1_000, "pledges/s");
        }
    }

    private static async Task<double> RunAsync(AdoNetStorage storage, int projects)
    {
        await using var cluster = await TestCluster.StartAsync([typeof(ProjectGrain).Assembly], storage: storage, reminders: storage);
        var grains = cluster.Client;
        var year = FinancialYear.Of(new DateOnly(2026, 6, 30)).ToString();
        await ConcurrentLoad.RunAllAsync(Pledgers, Organisations, async i =>
        {
            var organisation = grains.GetGrain<IOrganisationGrain>(Code(i));
            await organisation.Register(new RegisterOrganisation(Code(i), $"Benchmark trust {i}", OrganisationKind.NhsTrust, "Y56", null));
            await organisation.SetBudget(year, Money.Pence(Money.MaxMinorUnits));
        });
        await ConcurrentLoad.RunAllAsync(Pledgers, projects, async i =>
        {
            var project = grains.GetGrain<IProjectGrain>($"project-{i}");
            await project.Create(ProjectDetails.Create($"Project {i}", "Benchmark", "", "Benchmark", Code(i), ["Y56"],
                Money.Pence(Money.MaxMinorUnits), null, minFunders: 1_000, new DateOnly(2026, 6, 30), "MIT"));
            await project.Submit();
            await project.Approve();
        });
        Report.Detail($"set up {Organisations} organisations and {projects:N0} open projects");

        var sequence = new long[Pledgers];
        using var probe = new GroupCommitProbe();
        var measured = await ConcurrentLoad.RunForAsync(Pledgers, WarmUp, Measure, async caller =>
        {
            var n = sequence[caller]++;
            var pledge = await grains.GetGrain<IPledgeGrain>($"pledge-{caller}-{n}")
                .Create(new PledgeTerms($"project-{(caller * 7919 + n) % projects}", Code((int)((caller + n) % Organisations)), Money.Pounds(1 + (n % 50)), 0));
            if (pledge.Status != PledgeStatus.Active)
            {
                throw new InvalidOperationException($"pledge {pledge.Id} ended {pledge.Status}: {pledge.RejectionMessage}");
            }
        });
        Report.Detail($"{(projects == 1 ? "hot project" : $"{projects:N0} projects")}: {measured}");
        Report.Detail($"group commit (warm-up included): {probe.Summary}");
        return measured.PerSecond;
    }

    private static string Code(int index) => $"B{index:D3}";
}
