using CoFundMarket.Domain.Common;
using CoFundMarket.Domain.Invariants;
using CoFundMarket.Domain.Organisations;
using CoFundMarket.Domain.Pledges;
using CoFundMarket.Domain.Projects;
using CoFundMarket.Runtime.Grains;
using CoFundMarket.Runtime.Hosting;
using CoFundMarket.Runtime.Reminders;
using CoFundMarket.Runtime.Storage;
using CoFundMarket.Runtime.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CoFundMarket.Domain.Tests;

/// <summary>
/// A marketplace on a test cluster, with short ways to set up organisations, projects and pledges.
/// Disposing it checks every invariant from storage, so each scenario ends with the checker.
/// </summary>
internal sealed class Market : IAsyncDisposable
{
    public const string Year = "2026/27";
    public static readonly DateOnly DefaultDeadline = new(2026, 6, 30);

    private Market(TestCluster cluster) => Cluster = cluster;

    public TestCluster Cluster { get; }

    public IGrainFactory Grains => Cluster.Client;

    public bool CheckOnDispose { get; set; } = true;

    public static async Task<Market> StartAsync(IGrainStorage? storage = null, IReminderStore? reminders = null, int silos = 1, Action<IServiceCollection>? services = null) =>
        new(await TestCluster.StartAsync([typeof(ProjectGrain).Assembly], silos, storage, reminders, SlowBackgroundTimers, services));

    /// <summary>
    /// Scenarios jump days ahead; with the default 30-second reminder poll and 1-minute collector a
    /// manual clock would fire those timers hundreds of thousands of times. Tests deliver reminders
    /// explicitly (<see cref="AdvanceAsync"/>), so background timers only need to be coarse.
    /// </summary>
    private static void SlowBackgroundTimers(SiloOptions options)
    {
        options.ReminderPollInterval = TimeSpan.FromHours(6);
        // Known weakness: after some injected crashes one call waits for its timeout before the
        // reminders recover it (cause not yet found; invariants still hold). Short timeouts keep the run quick.
        options.CallTimeout = TimeSpan.FromSeconds(5);
        options.ShutdownTimeout = TimeSpan.FromSeconds(7);
        options.CollectionQuantum = TimeSpan.FromHours(6);
        options.CollectionAge = TimeSpan.FromHours(12);
    }

    public IOrganisationGrain Org(string code) => Grains.GetGrain<IOrganisationGrain>(code);

    public IProjectGrain Project(string id) => Grains.GetGrain<IProjectGrain>(id);

    public IPledgeGrain PledgeGrain(string id) => Grains.GetGrain<IPledgeGrain>(id);

    public async Task<IOrganisationGrain> Organisation(string code, long ceilingPounds, string year = Year)
    {
        var organisation = Org(code);
        await organisation.Register(new RegisterOrganisation(code, $"Trust {code}", OrganisationKind.NhsTrust, "Y56", null));
        if (ceilingPounds > 0)
        {
            await organisation.SetBudget(year, Money.Pounds(ceilingPounds));
        }

        return organisation;
    }

    public static ProjectDetails Details(long targetPounds, long? capPounds = null, int minFunders = 1, DateOnly? deadline = null, string lead = "RTE", string title = "Shared tool") =>
        ProjectDetails.Create(title, "A tool built once", "Everyone solves this alone", "Clinical safety", lead, ["Y56"],
            Money.Pounds(targetPounds), capPounds is { } cap ? Money.Pounds(cap) : null, minFunders, deadline ?? DefaultDeadline, "MIT");

    public async Task<ProjectView> OpenProject(string id, long targetPounds, long? capPounds = null, int minFunders = 1, DateOnly? deadline = null, string lead = "RTE")
    {
        var project = Project(id);
        await project.Create(Details(targetPounds, capPounds, minFunders, deadline, lead));
        await project.Submit();
        return await project.Approve();
    }

    /// <summary>
    /// Creates a £1,000 project led by RTE and brings it to <paramref name="status"/> the way users do: submitted,
    /// approved, funded by one pledge of the whole target from <paramref name="funder"/> (registered with a budget),
    /// started and delivered; expired by moving time past its deadline; cancelled as a draft.
    /// </summary>
    public async Task<IProjectGrain> ProjectIn(string id, ProjectStatus status, string funder)
    {
        const long target = 1_000;
        var project = Project(id);
        var expires = status == ProjectStatus.Expired;
        await project.Create(Details(target, deadline: expires ? new DateOnly(2026, 4, 10) : null));
        Func<Task>[] path = status == ProjectStatus.Cancelled
            ? [() => project.Cancel("no longer needed")]
            :
            [
                () => project.Submit(),
                () => project.Approve(),
                expires ? () => AdvanceAsync(TimeSpan.FromDays(10)) : () => Pledge($"{id}-funding", id, funder, target),
                () => project.StartDelivery(),
                () => project.MarkDelivered($"https://github.com/nhs/{id}", "MIT"),
            ];

        // Each step moves the project one state along its path; walk until it is where it was asked to be.
        var reached = (await project.Get()).Status;
        foreach (var step in path)
        {
            if (reached == status)
            {
                break;
            }

            await step();
            reached = (await project.Get()).Status;
        }

        return reached == status ? project : throw new InvalidOperationException($"Project {id} is {reached}, not {status}.");
    }

    public Task<PledgeView> Pledge(string pledgeId, string projectId, string organisation, long pounds, int minOthers = 0) =>
        PledgeGrain(pledgeId).Create(new PledgeTerms(projectId, organisation, Money.Pounds(pounds), minOthers));

    public Task<BudgetView> Budget(string organisation) => Org(organisation).GetBudget(Year);

    public Task<InvariantReport> CheckAsync(bool expectSettled = true) =>
        new InvariantChecker(Cluster.Storage, Cluster.Silos[0].Silo.JsonOptions).CheckAsync(expectSettled);

    /// <summary>Replaces every silo a crash killed with a fresh one, as a process supervisor would.</summary>
    public async Task RestartCrashedAsync()
    {
        foreach (var crashed in Cluster.Silos.Where(s => s.Silo.Status == SiloStatus.Killed).ToList())
        {
            await Cluster.RestartSiloAsync(crashed);
        }
    }

    /// <summary>Moves time on and lets every silo deliver what fell due (saga and settle reminders, deadlines).</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        Cluster.Time.Advance(by);
        foreach (var silo in Cluster.Silos)
        {
            await silo.Silo.DeliverDueRemindersAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (CheckOnDispose && Cluster.Silos.Count > 0)
            {
                var report = await CheckAsync();
                Assert.True(report.Holds, report.ToString());
            }
        }
        finally
        {
            await Cluster.DisposeAsync();
        }
    }
}
