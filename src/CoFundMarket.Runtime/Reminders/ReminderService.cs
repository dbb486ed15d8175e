using CoFundMarket.Runtime.Activations;
using CoFundMarket.Runtime.Diagnostics;
using CoFundMarket.Runtime.Hosting;
using CoFundMarket.Runtime.Identity;
using Microsoft.Extensions.Logging;

namespace CoFundMarket.Runtime.Reminders;

/// <summary>
/// Delivers durable reminders. A timer wakes the service at the earliest due time it knows of (and
/// every poll interval, for reminders other silos registered). Each due reminder is leased with a
/// conditional update, delivered as an ordinary grain call to <see cref="IRemindable.ReceiveReminder"/>
/// (activating the grain if needed), then moved to its next due time. A silo that dies between lease
/// and completion leaves the lease to expire, and another silo, or the restarted one, delivers it again.
/// </summary>
internal sealed class ReminderService(Silo silo, IReminderStore store) : IDisposable
{
    private const int BatchSize = 100;
    private readonly SemaphoreSlim _delivering = new(1, 1);
    private readonly Lock _scheduleLock = new();
    private ITimer? _timer;
    private ITimer? _pollTimer;
    private DateTimeOffset _wakeAt = DateTimeOffset.MaxValue;
    private volatile bool _stopped;

    public void Start()
    {
        _timer = silo.TimeProvider.CreateTimer(static s => _ = ((ReminderService)s!).OnTimerAsync(), this, TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        // An independent periodic poll: finds reminders other silos registered, retries expired leases,
        // and bounds the delay of any wake-up the precise timer might miss.
        var poll = silo.Options.ReminderPollInterval;
        _pollTimer = silo.TimeProvider.CreateTimer(static s => _ = ((ReminderService)s!).OnTimerAsync(), this, poll, poll);
    }

    public async Task StopAsync()
    {
        _stopped = true;
        _timer?.Dispose();
        _pollTimer?.Dispose();
        // Let a delivery in progress finish its current reminder so its lease is completed.
        await _delivering.WaitAsync();
        _delivering.Release();
    }

    public void Dispose()
    {
        _timer?.Dispose();
        _pollTimer?.Dispose();
        _delivering.Dispose();
    }

    public async Task RegisterAsync(GrainActivation activation, string name, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!activation.Class.IsRemindable)
        {
            throw new InvalidOperationException($"Grain {activation.Id} registers reminder '{name}' but {activation.Class.ClassType.Name} does not implement IRemindable.");
        }

        if (period < silo.Options.MinimumReminderPeriod)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, $"A reminder period must be at least {silo.Options.MinimumReminderPeriod}.");
        }

        if (dueTime < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(dueTime), dueTime, "A reminder's due time cannot be negative.");
        }

        var entry = await store.UpsertAsync(activation.Id, name, silo.TimeProvider.GetUtcNow() + dueTime, period);
        Reschedule(entry.DueAt, onlyEarlier: true);
    }

    public Task<bool> UnregisterAsync(GrainId grain, string name) => store.RemoveAsync(grain, name);

    public Task<IReadOnlyList<ReminderEntry>> ReadAsync(GrainId grain) => store.ReadAsync(grain);

    /// <summary>Delivers every reminder due now; completes when each was delivered or failed.</summary>
    public async Task DeliverDueAsync()
    {
        await _delivering.WaitAsync();
        try
        {
            while (!_stopped)
            {
                var now = silo.TimeProvider.GetUtcNow();
                var due = await store.ReadDueAsync(now, BatchSize);
                var delivered = 0;
                foreach (var entry in due)
                {
                    if (_stopped)
                    {
                        break;
                    }

                    delivered += await DeliverAsync(entry, now) ? 1 : 0;
                }

                if (due.Count < BatchSize || delivered == 0)
                {
                    break;
                }
            }
        }
        finally
        {
            _delivering.Release();
        }
    }

    private async Task<bool> DeliverAsync(ReminderEntry entry, DateTimeOffset now)
    {
        var leased = await store.TryLeaseAsync(entry, now + silo.Options.ReminderLeaseDuration);
        if (leased is null)
        {
            return false; // another silo took it, or the grain changed it
        }

        try
        {
            var grain = silo.GetGrain<IRemindable>(entry.Grain);
            await grain.ReceiveReminder(entry.Name, new TickStatus(entry.DueAt, entry.Period, now));
            RuntimeTelemetry.RemindersDelivered.Add(1);
        }
        catch (Exception exception)
        {
            // Leave the lease to expire: the tick is retried after ReminderLeaseDuration.
            silo.Logger.LogWarning(exception, "Reminder {Reminder} of {Grain} failed; it will be retried", entry.Name, entry.Grain);
            return false;
        }

        await store.CompleteTickAsync(leased, NextDue(entry, now));
        return true;
    }

    /// <summary>The first due time after <paramref name="now"/> on the reminder's schedule (missed ticks are not replayed).</summary>
    private static DateTimeOffset NextDue(ReminderEntry entry, DateTimeOffset now)
    {
        var missed = (now - entry.DueAt).Ticks / entry.Period.Ticks;
        return entry.DueAt + TimeSpan.FromTicks(entry.Period.Ticks * (missed + 1));
    }

    private async Task OnTimerAsync()
    {
        if (_stopped)
        {
            return;
        }

        lock (_scheduleLock)
        {
            _wakeAt = DateTimeOffset.MaxValue;
        }

        try
        {
            await DeliverDueAsync();
            var next = await store.NextDueAsync();
            var poll = silo.TimeProvider.GetUtcNow() + silo.Options.ReminderPollInterval;
            Reschedule(next is { } due && due < poll ? due : poll, onlyEarlier: true);
        }
        catch (Exception exception)
        {
            silo.Logger.LogWarning(exception, "Reminder delivery failed; retrying after the poll interval");
            Reschedule(silo.TimeProvider.GetUtcNow() + silo.Options.ReminderPollInterval, onlyEarlier: true);
        }
    }

    /// <summary>Moves the wake-up earlier (never later: a sooner reminder may already be waiting).</summary>
    private void Reschedule(DateTimeOffset at, bool onlyEarlier)
    {
        lock (_scheduleLock)
        {
            if (_stopped || (onlyEarlier && at >= _wakeAt))
            {
                return;
            }

            _wakeAt = at;
            var delay = at - silo.TimeProvider.GetUtcNow();
            _timer?.Change(delay > TimeSpan.Zero ? delay : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
    }
}
