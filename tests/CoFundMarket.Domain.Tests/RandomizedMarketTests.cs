using CoFundMarket.Domain.Common;
using CoFundMarket.Domain.Pledges;
using CoFundMarket.Domain.Projects;
using CoFundMarket.Runtime.AdoNet;
using CoFundMarket.Runtime.Testing;
using Xunit.Abstractions;

namespace CoFundMarket.Domain.Tests;

/// <summary>
/// 20 organisations × 10 projects under a seeded random mix of pledges, conditional pledges,
/// withdrawals, cancellations and deadlines, with the silo killed at random points of the saga and
/// restarted; after each run every invariant must hold. Operations run one after another and
/// crashes are injected at named calls, so a failing seed replays the same story:
/// set COFUND_SEED=n to run just that seed.
/// </summary>
public abstract class RandomizedMarketTests(ITestOutputHelper output)
{
    private static readonly string[] s_killPoints =
    [
        "IOrganisationGrain.Reserve", "IProjectGrain.RecordPledge", "IPledgeGrain.Settle",
        "IOrganisationGrain.Commit", "IOrganisationGrain.Release", "IProjectGrain.RemovePledge",
    ];

    protected abstract Task<AdoNetStorage> CreateStorageAsync(int seed);

    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        if (int.TryParse(Environment.GetEnvironmentVariable("COFUND_SEED"), out var only))
        {
            data.Add(only);
            return data;
        }

        foreach (var seed in new[] { 1, 2, 3, 4, 5 })
        {
            data.Add(seed);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task EveryInvariantHoldsAfterARandomRunWithCrashes(int seed)
    {
        output.WriteLine($"seed {seed} (rerun with COFUND_SEED={seed})");
        var random = new Random(seed);
        var plan = new FaultPlan();
        await using var storage = await CreateStorageAsync(seed);
        await using var market = await Market.StartAsync(storage, storage, services: FaultInjection.Services(plan));
        var organisations = Enumerable.Range(0, 20).Select(i => $"R{i:00}").ToArray();
        foreach (var code in organisations)
        {
            await market.Organisation(code, random.Next(5, 40) * 1_000);
        }

        var projects = Enumerable.Range(0, 10).Select(i => $"project-{i}").ToArray();
        foreach (var id in projects)
        {
            var target = random.Next(10, 60) * 1_000;
            await market.OpenProject(id, target, capPounds: target + random.Next(0, 20) * 1_000, minFunders: random.Next(1, 5),
                deadline: new DateOnly(2026, 4, 1).AddDays(random.Next(3, 40)), lead: organisations[random.Next(organisations.Length)]);
        }

        var pledgeIds = new List<string>();
        var crashes = 0;
        for (var step = 0; step < 120; step++)
        {
            // A kill point stays armed until the run reaches it, so crashes land at every kind of step.
            if (!plan.IsArmed && random.NextDouble() < 0.3)
            {
                var point = new KillPoint(s_killPoints[random.Next(s_killPoints.Length)], AfterCall: random.Next(2) == 0);
                plan.Arm(point);
                output.WriteLine($"step {step}: armed {point}");
            }

            try
            {
                await RandomOperation(market, random, organisations, projects, pledgeIds, step);
            }
            catch (Exception e) when (plan.Fired)
            {
                output.WriteLine($"step {step}: crashed ({e.GetType().Name})");
            }
            catch (DomainException e)
            {
                output.WriteLine($"step {step}: refused {e.Reason}");
            }

            if (plan.Fired)
            {
                crashes++;
                await market.RestartCrashedAsync();
                await market.AdvanceAsync(TimeSpan.FromMinutes(1));
            }
        }

        plan.Disarm();

        // Let every reminder (sagas, settlements, deadlines) run out, then check.
        await market.AdvanceAsync(TimeSpan.FromDays(45));
        for (var i = 0; i < 3; i++)
        {
            await market.AdvanceAsync(TimeSpan.FromMinutes(1));
        }

        var report = await market.CheckAsync();
        output.WriteLine($"{crashes} crashes; {report}");
        Assert.True(report.Holds, $"seed {seed}: {report}");
    }

    private static async Task RandomOperation(Market market, Random random, string[] organisations, string[] projects, List<string> pledgeIds, int step)
    {
        var roll = random.NextDouble();
        if (roll < 0.70)
        {
            var id = $"pledge-{step}";
            pledgeIds.Add(id);
            await market.Pledge(id, projects[random.Next(projects.Length)], organisations[random.Next(organisations.Length)],
                random.Next(1, 15) * 1_000, minOthers: random.NextDouble() < 0.3 ? random.Next(1, 4) : 0);
        }
        else if (roll < 0.85 && pledgeIds.Count > 0)
        {
            var pledge = market.PledgeGrain(pledgeIds[random.Next(pledgeIds.Count)]);
            if ((await pledge.Get()).Status == PledgeStatus.Active)
            {
                await pledge.Withdraw();
            }
        }
        else if (roll < 0.90)
        {
            var project = market.Project(projects[random.Next(projects.Length)]);
            if ((await project.Get()).Status == ProjectStatus.Open)
            {
                await project.Cancel("randomised cancellation");
            }
        }
        else
        {
            await market.AdvanceAsync(TimeSpan.FromDays(random.Next(1, 4)));
        }
    }
}

public sealed class SqliteRandomizedMarketTests(ITestOutputHelper output) : RandomizedMarketTests(output), IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    protected override Task<AdoNetStorage> CreateStorageAsync(int seed) => AdoNetStorage.CreateSqliteAsync(_directory.File($"market-{seed}.db"));

    public void Dispose() => _directory.Dispose();
}

public sealed class PostgresRandomizedMarketTests(ITestOutputHelper output, PostgresRandomizedMarketTests.Server server)
    : RandomizedMarketTests(output), IClassFixture<PostgresRandomizedMarketTests.Server>
{
    protected override async Task<AdoNetStorage> CreateStorageAsync(int seed)
    {
        var database = $"market_{seed}_{Guid.NewGuid():N}";
        await server.Postgres.CreateDatabaseAsync(database);
        return await AdoNetStorage.CreatePostgresAsync(server.Postgres.ConnectionStringFor(database));
    }

    /// <summary>One throwaway PostgreSQL server for the class; each seed gets its own database.</summary>
    public sealed class Server : IAsyncLifetime
    {
        public TemporaryPostgresServer Postgres { get; private set; } = null!;

        public async Task InitializeAsync() => Postgres = await TemporaryPostgresServer.CreateAsync();

        public async Task DisposeAsync() => await Postgres.DisposeAsync();
    }
}
