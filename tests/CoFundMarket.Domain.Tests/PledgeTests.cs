using CoFundMarket.Domain.Common;
using CoFundMarket.Domain.Pledges;
using CoFundMarket.Domain.Projects;
using CoFundMarket.Runtime.Calls;
using CoFundMarket.Runtime.Identity;
using CoFundMarket.Runtime.Reminders;
using CoFundMarket.Runtime.Storage;
using CoFundMarket.Runtime.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CoFundMarket.Domain.Tests;

public sealed class PledgeTests
{
    [Fact]
    public async Task APledgeReservesBudgetAndCountsTowardsTheProject()
    {
        await using var market = await Market.StartAsync();
        await market.Organisation("RTE", 10_000);
        await market.OpenProject("p", 50_000);

        var pledge = await market.Pledge("a", "p", "RTE", 2_500);

        Assert.Equal(PledgeStatus.Active, pledge.Status);
        Assert.Equal(Market.Year, pledge.FinancialYear);
        Assert.Equal(Money.Pounds(2_500), (await market.Project("p").Get()).Pledged);
        Assert.Equal(Money.Pounds(2_500), (await market.Budget("RTE")).Reserved);
    }

    [Fact]
    public async Task TheSameRequestTwiceGivesOnePledge()
    {
        await using var market = await Market.StartAsync();
        await market.Organisation("RTE", 10_000);
        await market.OpenProject("p", 50_000);

        var first = await market.Pledge("req-1", "p", "RTE", 1_000);
        var second = await market.Pledge("req-1", "p", "RTE", 1_000);

        Assert.Equal(first, second);
        Assert.Single((await market.Project("p").Get()).Pledges);
        Assert.Equal(Money.Pounds(1_000), (await market.Budget("RTE")).Reserved);
    }

    [Fact]
    public async Task TheSagaReminderIsRemovedOnceThePledgeIsActive()
    {
        var reminders = new InMemoryReminderStore();
        await using var market = await Market.StartAsync(reminders: reminders);
        await market.Organisation("RTE", 10_000);
        await market.OpenProject("p", 50_000);

        await market.Pledge("a", "p", "RTE", 1_000);

        // The reply does not wait for the removal; the next call that needs the reminder, or deactivation, does.
        var pledgeGrain = new GrainId("pledge", "a");
        await Eventually.TrueAsync(async () => (await reminders.ReadAsync(pledgeGrain)).Count == 0, "the saga reminder is removed");

        Assert.Empty(await reminders.ReadAsync(pledgeGrain));
    }

    [Fact]
    public async Task ASagaReminderThatCouldNotBeRemovedTicksOnceAndChangesNothing()
    {
        var reminders = new FailingReminderStore(removalFailures: 1);
        var logs = new LogSink();
        await using var market = await Market.StartAsync(reminders: reminders, services: services => services.AddLogging(logging => logging.AddProvider(logs)));
        await market.Organisation("RTE", 10_000);
        await market.OpenProject("p", 50_000);

        var pledge = await market.Pledge("a", "p", "RTE", 1_000);
        await market.PledgeGrain("a").Get();
        Assert.Single(await reminders.ReadAsync(new GrainId("pledge", "a")));
        Assert.Contains(logs.Entries, entry => entry.Level == LogLevel.Warning
            && entry.Message.Contains("Pledge a: removing its saga reminder failed", StringComparison.Ordinal)
            && entry.Exception is GrainStorageException);

        await market.AdvanceAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(pledge, await market.PledgeGrain("a").Get());
        Assert.Equal(Money.Pounds(1_000), (await market.Budget("RTE")).Reserved);
        Assert.Equal(Money.Pounds(1_000), (await market.Project("p").Get()).Pledged);
        Assert.Empty(await reminders.ReadAsync(new GrainId("pledge", "a")));
    }

    [Fact]
    public async Task APledgeWhoseSagaReminderCannotBeStoredLeavesNothingBehindAndCanBeRetried()
    {
        var reminders = new FailingReminderStore();
        await using var market = await Market.StartAsync(reminders: reminders);
        await market.Organisation("RTE", 10_000);
        await market.OpenProject("p", 50_000);
        reminders.FailNextWrites(1);

        await Assert.ThrowsAsync<GrainStorageException>(() => market.Pledge("a", "p", "RTE", 1_000));

        // No PENDING pledge that nothing would wake (the invariant check on dispose would report SAGA_FINISHED), no money held.
        var missing = await Assert.ThrowsAsync<DomainException>(() => market.PledgeGrain("a").Get());
        Assert.Equal(DomainErrorKind.NotFound, missing.Kind);
        Assert.Equal(Money.Zero, (await market.Budget("RTE")).Reserved);
        Assert.Equal(PledgeStatus.Active, (await market.Pledge("a", "p", "RTE", 1_000)).Status);
    }

    [Fact]
    public async Task TheSameIdWithOtherContentIsRefused()
    {
        await using var market = await Market.StartAsync();
        await market.Organisation("RTE", 10_000);
        await market.OpenProject("p", 50_000);
        await market.Pledge("req-1", "p", "RTE", 1_000);

        var refusal = await Assert.ThrowsAsync<DomainException>(() => market.Pledge("req-1", "p", "RTE", 2_000));

        Assert.Equal(DomainErrorKind.AlreadyExists, refusal.Kind);
        Assert.Equal(Reasons.PledgeIdReused, refusal.Reason);
    }

    [Fact]
    public async Task APledgeBeyondTheBudgetIsRejectedAndHoldsNothing()
    {
        await using var market = await Market.StartAsync();
        await market.Organisation("RTE", 1_000);
        await market.OpenProject("p", 50_000);

        var pledge = await market.Pledge("a", "p", "RTE", 1_001);

        Assert.Equal(PledgeStatus.Rejected, pledge.Status);
        Assert.Equal(Reasons.InsufficientBudget, pledge.RejectionReason);
        Assert.Contains("£1,000.00 available", pledge.RejectionMessage, StringComparison.Ordinal);
        Assert.Equal(Money.Zero, (await market.Project("p").Get()).Pledged);
    }

    [Fact]
    public async Task APledgeWithoutACeilingForTheYearIsRejected()
    {
        await using var market = await Market.StartAsync();
        await market.Organisation("RTE", 10_000, year: "2027/28");
        await market.OpenProject("p", 50_000);

        Assert.Equal(Reasons.InsufficientBudget, (await market.Pledge("a", "p", "RTE", 10)).RejectionReason);
    }

    [Fact]
    public async Task APledgeToAProjectThatIsNotOpenIsRejectedAndItsReservationReleased()
    {
        await using var market = await Market.StartAsync();
        await market.Organisation("RTE", 10_000);
        await market.Project("draft").Create(Market.Details(5_000));

        var pledge = await market.Pledge("a", "draft", "RTE", 1_000);

        Assert.Equal(PledgeStatus.Rejected, pledge.Status);
        Assert.Equal(Reasons.ProjectNotOpen, pledge.RejectionReason);
        Assert.Equal(Money.Zero, (await market.Budget("RTE")).Reserved);
    }

    [Fact]
    public async Task APledgeBeyondTheCapIsRejected()
    {
        await using var market = await Market.StartAsync();
        await market.Organisation("RTE", 100_000);
        await market.Organisation("QR1", 100_000);
        await market.OpenProject("p", 10_000, capPounds: 12_000, minFunders: 3);
        await market.Pledge("a", "p", "RTE", 11_000);

        var pledge = await market.Pledge("b", "p", "QR1", 1_001);

        Assert.Equal(Reasons.OverCap, pledge.RejectionReason);
        Assert.Equal(Money.Zero, (await market.Budget("QR1")).Reserved);
    }

    [Fact]
    public async Task APledgeToAnUnknownProjectIsNotFoundAndRecordsNothing()
    {
        await using var market = await Market.StartAsync();
        await market.Organisation("RTE", 10_000);

        var refusal = await Assert.ThrowsAsync<DomainException>(() => market.Pledge("a", "nope", "RTE", 10));

        Assert.Equal(DomainErrorKind.NotFound, refusal.Kind);
        await Assert.ThrowsAsync<DomainException>(() => market.PledgeGrain("a").Get());
    }

    [Fact]
    public async Task APledgeFromAnUnregisteredOrganisationIsRejected()
    {
        await using var market = await Market.StartAsync();
        await market.OpenProject("p", 10_000);

        var pledge = await market.Pledge("a", "p", "ZZZ", 10);

        Assert.Equal(Reasons.OrganisationNotFound, pledge.RejectionReason);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(99)]
    public async Task APledgeBelowOnePoundIsInvalid(long pence)
    {
        await using var market = await Market.StartAsync();

        var refusal = await Assert.ThrowsAsync<DomainException>(() =>
            market.PledgeGrain("a").Create(new PledgeTerms("p", "RTE", Money.Pence(pence), 0)));

        Assert.Equal("amount", refusal.Field);
    }

    [Fact]
    public async Task WithdrawingWhileOpenGivesTheReservationBack()
    {
        await using var market = await Market.StartAsync();
        await market.Organisation("RTE", 10_000);
        await market.OpenProject("p", 50_000);
        await market.Pledge("a", "p", "RTE", 4_000);

        var withdrawn = await market.PledgeGrain("a").Withdraw();

        Assert.Equal(PledgeStatus.Withdrawn, withdrawn.Status);
        Assert.Equal(Money.Zero, (await market.Budget("RTE")).Reserved);
        Assert.Equal(Money.Zero, (await market.Project("p").Get()).Pledged);
    }

    [Fact]
    public async Task WithdrawingAPledgeThatWasNeverMadeIsNotFound()
    {
        await using var market = await Market.StartAsync();

        var refusal = await Assert.ThrowsAsync<DomainException>(() => market.PledgeGrain("never").Withdraw());

        Assert.Equal(DomainErrorKind.NotFound, refusal.Kind);
        Assert.Equal(Reasons.PledgeNotFound, refusal.Reason);
    }

    [Fact]
    public async Task AProjectAskedToRemoveAPledgeItNeverRecordedAnswersUnknownAndChangesNothing()
    {
        await using var market = await Market.StartAsync();
        var project = await market.ProjectIn("p", ProjectStatus.Open, funder: "RTE");
        var before = await project.Get();

        var standing = await project.RemovePledge("never");

        Assert.Equal(ProjectPledgeStatus.Unknown, standing);
        Assert.Equal(before.Version, (await project.Get()).Version);
    }

    [Fact]
    public async Task APledgeAfterTheDeadlineIsRejectedEvenBeforeTheProjectHasExpired()
    {
        var lateReminders = new ReminderGate();
        await using var market = await Market.StartAsync(services: services => services.AddSingleton<IIncomingGrainCallFilter>(lateReminders));
        await market.Organisation("RTE", 10_000);
        await market.OpenProject("p", 5_000, deadline: new DateOnly(2026, 4, 10));
        market.Cluster.Time.Advance(TimeSpan.FromDays(10)); // past the deadline; the reminder that expires the project waits at the gate

        var pledge = await market.Pledge("late", "p", "RTE", 1_000);

        Assert.Equal(PledgeStatus.Rejected, pledge.Status);
        Assert.Equal(Reasons.DeadlinePassed, pledge.RejectionReason);
        Assert.Equal(Money.Zero, (await market.Budget("RTE")).Reserved);
        Assert.Equal(ProjectStatus.Open, (await market.Project("p").Get()).Status);
        lateReminders.Open();
        await market.AdvanceAsync(TimeSpan.Zero);
        Assert.Equal(ProjectStatus.Expired, (await market.Project("p").Get()).Status);
    }

    [Fact]
    public async Task WithdrawingAfterFundingIsRefused()
    {
        await using var market = await Market.StartAsync();
        await market.Organisation("RTE", 10_000);
        await market.OpenProject("p", 1_000);
        await market.Pledge("a", "p", "RTE", 1_000);

        var refusal = await Assert.ThrowsAsync<DomainException>(() => market.PledgeGrain("a").Withdraw());

        Assert.Equal(Reasons.PledgeNotActive, refusal.Reason);
        Assert.Equal(PledgeStatus.Committed, (await market.PledgeGrain("a").Get()).Status);
    }

    [Fact]
    public async Task FundingCommitsEveryCountedPledgeAtOnce()
    {
        await using var market = await Market.StartAsync();
        foreach (var code in new[] { "RTE", "QR1", "RX1" })
        {
            await market.Organisation(code, 10_000);
        }

        await market.OpenProject("p", 9_000, capPounds: 20_000, minFunders: 3);
        await market.Pledge("a", "p", "RTE", 4_000);
        await market.Pledge("b", "p", "QR1", 4_000);
        Assert.Equal(ProjectStatus.Open, (await market.Project("p").Get()).Status);

        var last = await market.Pledge("c", "p", "RX1", 2_000);

        Assert.Equal(PledgeStatus.Committed, last.Status);
        Assert.Equal(PledgeStatus.Committed, (await market.PledgeGrain("a").Get()).Status);
        Assert.Equal(PledgeStatus.Committed, (await market.PledgeGrain("b").Get()).Status);
        var project = await market.Project("p").Get();
        Assert.Equal(ProjectStatus.Funded, project.Status);
        Assert.Equal(Money.Pounds(10_000), project.Committed);
        Assert.Equal(Money.Pounds(4_000), (await market.Budget("RTE")).Committed);
        Assert.Equal(Money.Zero, (await market.Budget("RTE")).Reserved);
    }

    [Fact]
    public async Task AChainOfConditionalPledgesFundsExactlyWhenItShould()
    {
        await using var market = await Market.StartAsync();
        var codes = new[] { "AAA", "BBB", "CCC", "DDD", "EEE" };
        foreach (var code in codes)
        {
            await market.Organisation(code, 10_000);
        }

        // Target £5,000 from at least 5 funders; everyone pays only if all four others join.
        await market.OpenProject("chain", 5_000, minFunders: 5);
        for (var i = 0; i < 4; i++)
        {
            var pledge = await market.Pledge($"c{i}", "chain", codes[i], 1_000, minOthers: 4);
            Assert.Equal(PledgeStatus.Active, pledge.Status);
            Assert.Equal(ProjectStatus.Open, (await market.Project("chain").Get()).Status);
            Assert.Equal(Money.Zero, (await market.Project("chain").Get()).CountedTotal);
        }

        var fifth = await market.Pledge("c4", "chain", codes[4], 1_000, minOthers: 4);

        Assert.Equal(PledgeStatus.Committed, fifth.Status);
        Assert.Equal(ProjectStatus.Funded, (await market.Project("chain").Get()).Status);
        Assert.Equal(Money.Pounds(5_000), (await market.Project("chain").Get()).Committed);
    }

    [Fact]
    public async Task PledgesThatDoNotCountWhenTheProjectFundsAreReleased()
    {
        await using var market = await Market.StartAsync();
        await market.Organisation("AAA", 10_000);
        await market.Organisation("BBB", 10_000);
        await market.OpenProject("p", 1_000, capPounds: 10_000);
        await market.Pledge("picky", "p", "BBB", 500, minOthers: 5);

        await market.Pledge("plain", "p", "AAA", 1_000);

        Assert.Equal(PledgeStatus.Committed, (await market.PledgeGrain("plain").Get()).Status);
        Assert.Equal(PledgeStatus.Released, (await market.PledgeGrain("picky").Get()).Status);
        Assert.Equal(Money.Zero, (await market.Budget("BBB")).Reserved);
    }

    [Fact]
    public async Task TwoHundredConcurrentPledgesNeverPassTheCapOrTheCeilingAndEveryRefusalHasItsReason()
    {
        await using var market = await Market.StartAsync();
        await market.Organisation("RTE", 60_000);
        for (var i = 0; i < 10; i++)
        {
            await market.Organisation($"T{i:00}", 1_000_000);
        }

        await market.OpenProject("hot", 100_000, capPounds: 150_000, minFunders: 50);
        var pledges = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() =>
            market.Pledge($"hot-{i}", "hot", i % 2 == 0 ? "RTE" : $"T{i % 10:00}", 1_000))));

        var project = await market.Project("hot").Get();
        var rte = await market.Budget("RTE");
        Assert.True(project.Pledged <= Money.Pounds(150_000));
        Assert.True(rte.Reserved + rte.Committed <= rte.Ceiling);
        // RTE can afford 60; the cap leaves room for at least 50 of them beside the other trusts' 100.
        Assert.InRange(pledges.Count(p => p.Status == PledgeStatus.Active && p.Terms.OrganisationCode == "RTE"), 50, 60);
        Assert.Equal(150, pledges.Count(p => p.Status == PledgeStatus.Active));
        Assert.All(pledges.Where(p => p.Status == PledgeStatus.Rejected), p => Assert.True(p.RejectionReason is Reasons.InsufficientBudget or Reasons.OverCap, p.RejectionReason));
        Assert.Equal(Money.Pounds(150_000), project.Pledged);
    }
}

/// <summary>Holds every reminder tick at the grain's door until opened, as a reminder service running late would.
/// Never longer than 30 seconds of real time, so that a failing test ends instead of hanging its silo's shutdown.</summary>
internal sealed class ReminderGate : IIncomingGrainCallFilter
{
    private readonly TaskCompletionSource _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Open() => _opened.TrySetResult();

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceMethod.Name == nameof(IRemindable.ReceiveReminder))
        {
            await _opened.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }

        await context.Invoke();
    }
}

/// <summary>Reminder storage whose first removals and first writes fail, as a storage outage would.</summary>
internal sealed class FailingReminderStore(int removalFailures = 0) : IReminderStore
{
    private readonly InMemoryReminderStore _inner = new();
    private int _removalFailuresLeft = removalFailures;
    private int _writeFailuresLeft;

    /// <summary>Makes the next <paramref name="count"/> reminder writes fail.</summary>
    public void FailNextWrites(int count) => Volatile.Write(ref _writeFailuresLeft, count);

    public Task<bool> RemoveAsync(GrainId grain, string name, CancellationToken cancellationToken = default) =>
        Interlocked.Decrement(ref _removalFailuresLeft) >= 0
            ? Task.FromException<bool>(new GrainStorageException($"Removing reminder {name} of {grain} failed (injected)."))
            : _inner.RemoveAsync(grain, name, cancellationToken);

    public Task<ReminderEntry> UpsertAsync(GrainId grain, string name, DateTimeOffset dueAt, TimeSpan period, CancellationToken cancellationToken = default) =>
        Interlocked.Decrement(ref _writeFailuresLeft) >= 0
            ? Task.FromException<ReminderEntry>(new GrainStorageException($"Writing reminder {name} of {grain} failed (injected)."))
            : _inner.UpsertAsync(grain, name, dueAt, period, cancellationToken);

    public Task<IReadOnlyList<ReminderEntry>> ReadAsync(GrainId grain, CancellationToken cancellationToken = default) => _inner.ReadAsync(grain, cancellationToken);

    public Task<IReadOnlyList<ReminderEntry>> ReadDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default) =>
        _inner.ReadDueAsync(now, limit, cancellationToken);

    public Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default) => _inner.NextDueAsync(cancellationToken);

    public Task<ReminderEntry?> TryLeaseAsync(ReminderEntry entry, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default) =>
        _inner.TryLeaseAsync(entry, leaseUntil, cancellationToken);

    public Task<bool> CompleteTickAsync(ReminderEntry leased, DateTimeOffset nextDueAt, CancellationToken cancellationToken = default) =>
        _inner.CompleteTickAsync(leased, nextDueAt, cancellationToken);
}
