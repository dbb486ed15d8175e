using CoFundMarket.Runtime.Identity;
using CoFundMarket.Runtime.Testing;
using CoFundMarket.Runtime.Tests.Grains;

namespace CoFundMarket.Runtime.Tests;

public sealed class ReminderTests
{
    [Fact]
    public async Task AReminderFiresWhenDue()
    {
        await using var cluster = await Clusters.Start();
        var grain = cluster.Client.GetGrain<IReminderGrain>("due");
        await grain.Remind("deadline", TimeSpan.FromMinutes(10), TimeSpan.FromDays(1));

        cluster.Time.Advance(TimeSpan.FromMinutes(9));
        await cluster.Silos[0].Silo.DeliverDueRemindersAsync();
        Assert.Equal(0, (await grain.Log()).Ticks);

        cluster.Time.Advance(TimeSpan.FromMinutes(1));
        await cluster.Silos[0].Silo.DeliverDueRemindersAsync();

        Assert.Equal(new ReminderLog { Ticks = 1, LastReminder = "deadline" }, await grain.Log());
    }

    [Fact]
    public async Task AReminderFiresAfterTheSiloThatRegisteredItWasKilledAndRestarted()
    {
        await using var cluster = await Clusters.Start();
        await cluster.Client.GetGrain<IReminderGrain>("survivor").Remind("deadline", TimeSpan.FromMinutes(10), TimeSpan.FromDays(1));

        var restarted = await cluster.RestartSiloAsync(cluster.Silos[0]);
        cluster.Time.Advance(TimeSpan.FromMinutes(10));
        await restarted.Silo.DeliverDueRemindersAsync();

        Assert.Equal(1, (await restarted.Silo.GetGrain<IReminderGrain>("survivor").Log()).Ticks);
    }

    [Fact]
    public async Task AReminderMovesToItsNextPeriodAfterATick()
    {
        await using var cluster = await Clusters.Start();
        var grain = cluster.Client.GetGrain<IReminderGrain>("periodic");
        await grain.Remind("weekly", TimeSpan.FromMinutes(1), TimeSpan.FromDays(7));

        cluster.Time.Advance(TimeSpan.FromMinutes(1));
        await cluster.Silos[0].Silo.DeliverDueRemindersAsync();
        var entry = Assert.Single(await cluster.Reminders.ReadAsync(new GrainId("reminder", "periodic")));

        Assert.Equal(cluster.Time.GetUtcNow() + TimeSpan.FromDays(7), entry.DueAt);
        Assert.Null(entry.LeaseUntil);
    }

    [Fact]
    public async Task TheReminderTimerDeliversWithoutBeingAsked()
    {
        await using var cluster = await Clusters.Start();
        var grain = cluster.Client.GetGrain<IReminderGrain>("timer-driven");
        await grain.Remind("deadline", TimeSpan.FromMinutes(3), TimeSpan.FromDays(1));

        // Step by step: the silo's timer, not the test, must notice the due reminder.
        for (var second = 0; second < 4 * 60 && (await grain.Log()).Ticks == 0; second += 10)
        {
            cluster.Time.Advance(TimeSpan.FromSeconds(10));
            await Task.Delay(5);
        }

        await Eventually.TrueAsync(async () => (await grain.Log()).Ticks >= 1, "the reminder timer delivered the tick");
    }

    [Fact]
    public async Task AnUnregisteredReminderDoesNotFire()
    {
        await using var cluster = await Clusters.Start();
        var grain = cluster.Client.GetGrain<IReminderGrain>("forgotten");
        await grain.Remind("deadline", TimeSpan.FromMinutes(5), TimeSpan.FromDays(1));

        Assert.True(await grain.Forget("deadline"));
        cluster.Time.Advance(TimeSpan.FromMinutes(6));
        await cluster.Silos[0].Silo.DeliverDueRemindersAsync();

        Assert.Equal(0, (await grain.Log()).Ticks);
    }

    [Fact]
    public async Task AReminderPeriodBelowTheMinimumIsRefused()
    {
        await using var cluster = await Clusters.Start();

        var refusal = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            cluster.Client.GetGrain<IReminderGrain>("too-fast").Remind("spin", TimeSpan.Zero, TimeSpan.FromSeconds(5)));

        Assert.Contains("at least 00:01:00", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoSilosDeliverADueReminderOnlyOnce()
    {
        await using var cluster = await Clusters.Start(silos: 2);
        var grain = cluster.Silos[0].Silo.GetGrain<IReminderGrain>("shared");
        await grain.Remind("deadline", TimeSpan.FromMinutes(1), TimeSpan.FromDays(1));
        cluster.Time.Advance(TimeSpan.FromMinutes(1));

        await Task.WhenAll(cluster.Silos.Select(s => s.Silo.DeliverDueRemindersAsync()));
        await Eventually.TrueAsync(async () => (await cluster.Reminders.ReadAsync(new GrainId("reminder", "shared")))[0].LeaseUntil is null, "the tick completed");

        var onFirst = await cluster.Silos[0].Silo.GetGrain<IReminderGrain>("shared").Log();
        var onSecond = await cluster.Silos[1].Silo.GetGrain<IReminderGrain>("shared").Log();
        Assert.Equal(1, Math.Max(onFirst.Ticks, onSecond.Ticks));
    }
}
