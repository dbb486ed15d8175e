using CoFundMarket.Runtime.Identity;
using CoFundMarket.Runtime.Reminders;

namespace CoFundMarket.Runtime.AdoNet.Tests;

/// <summary>The <see cref="IReminderStore"/> half of the conformance suite.</summary>
public abstract partial class StorageConformanceTests
{
    private static readonly DateTimeOffset Now = new(2030, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private IReminderStore Reminders => Storage;

    [Fact]
    public async Task AReminderCanBeRegisteredReadReplacedAndRemoved()
    {
        var grain = NewGrain();

        var first = await Reminders.UpsertAsync(grain, "deadline", Now.AddDays(1), TimeSpan.FromHours(1));
        var replaced = await Reminders.UpsertAsync(grain, "deadline", Now.AddDays(2), TimeSpan.FromMinutes(5));

        Assert.Equal(new ReminderEntry(grain, "deadline", Now.AddDays(1), TimeSpan.FromHours(1), 1, null), first);
        Assert.Equal(new ReminderEntry(grain, "deadline", Now.AddDays(2), TimeSpan.FromMinutes(5), 2, null), replaced);
        Assert.Equal([replaced], await Reminders.ReadAsync(grain));
        Assert.True(await Reminders.RemoveAsync(grain, "deadline"));
        Assert.False(await Reminders.RemoveAsync(grain, "deadline"));
        Assert.Empty(await Reminders.ReadAsync(grain));
    }

    [Fact]
    public async Task OnlyDueUnleasedRemindersAreReadAsDueEarliestFirst()
    {
        var grain = NewGrain();
        await Reminders.UpsertAsync(grain, "later", Now.AddMinutes(-1), TimeSpan.FromHours(1));
        await Reminders.UpsertAsync(grain, "earlier", Now.AddMinutes(-5), TimeSpan.FromHours(1));
        await Reminders.UpsertAsync(grain, "future", Now.AddMinutes(5), TimeSpan.FromHours(1));
        var leased = await Reminders.UpsertAsync(grain, "leased", Now.AddMinutes(-10), TimeSpan.FromHours(1));
        await Reminders.TryLeaseAsync(leased, Now.AddMinutes(1));

        var due = await Reminders.ReadDueAsync(Now, 10);

        Assert.Equal(["earlier", "later"], due.Select(r => r.Name));
        Assert.Equal(["leased", "earlier", "later"], (await Reminders.ReadDueAsync(Now.AddMinutes(2), 10)).Select(r => r.Name));
    }

    [Fact]
    public async Task TheNextDueTimeIsTheEarliestDueTimeOrForALeasedReminderItsLeaseExpiry()
    {
        var grain = NewGrain();
        var leased = await Reminders.UpsertAsync(grain, "leased", Now.AddMinutes(-10), TimeSpan.FromHours(1));
        await Reminders.TryLeaseAsync(leased, Now.AddMinutes(3));
        Assert.Equal(Now.AddMinutes(3), await Reminders.NextDueAsync());

        await Reminders.UpsertAsync(grain, "soon", Now.AddMinutes(1), TimeSpan.FromHours(1));

        Assert.Equal(Now.AddMinutes(1), await Reminders.NextDueAsync());
    }

    [Fact]
    public async Task ThereIsNoNextDueTimeWithoutReminders()
    {
        Assert.Null(await Reminders.NextDueAsync());
    }

    [Fact]
    public async Task OfTwoSilosLeasingTheSameTickExactlyOneWins()
    {
        var grain = NewGrain();
        var entry = await Reminders.UpsertAsync(grain, "tick", Now.AddMinutes(-1), TimeSpan.FromHours(1));
        var otherSilo = await OpenAnotherAsync();

        var claims = await Task.WhenAll(Reminders.TryLeaseAsync(entry, Now.AddMinutes(1)), otherSilo.TryLeaseAsync(entry, Now.AddMinutes(1)));

        var winner = Assert.Single(claims, c => c is not null);
        Assert.Equal((2L, (DateTimeOffset?)Now.AddMinutes(1)), (winner!.Version, winner.LeaseUntil));
    }

    [Fact]
    public async Task CompletingATickMovesTheReminderOnAndClearsTheLease()
    {
        var grain = NewGrain();
        var entry = await Reminders.UpsertAsync(grain, "tick", Now.AddMinutes(-1), TimeSpan.FromHours(1));
        var leased = await Reminders.TryLeaseAsync(entry, Now.AddMinutes(1));

        Assert.True(await Reminders.CompleteTickAsync(leased!, Now.AddHours(1)));

        var moved = Assert.Single(await Reminders.ReadAsync(grain));
        Assert.Equal((Now.AddHours(1), (DateTimeOffset?)null, 3L), (moved.DueAt, moved.LeaseUntil, moved.Version));
    }

    [Fact]
    public async Task ATickCannotCompleteOverAReminderTheGrainReRegisteredMeanwhile()
    {
        var grain = NewGrain();
        var entry = await Reminders.UpsertAsync(grain, "tick", Now.AddMinutes(-1), TimeSpan.FromHours(1));
        var leased = await Reminders.TryLeaseAsync(entry, Now.AddMinutes(1));
        await Reminders.UpsertAsync(grain, "tick", Now.AddDays(7), TimeSpan.FromDays(1));

        Assert.False(await Reminders.CompleteTickAsync(leased!, Now.AddHours(1)));
        Assert.Null(await Reminders.TryLeaseAsync(entry, Now.AddMinutes(1)));
        Assert.Equal(Now.AddDays(7), Assert.Single(await Reminders.ReadAsync(grain)).DueAt);
    }

    private static GrainId NewGrain() => new("project", Guid.NewGuid().ToString("N"));
}
