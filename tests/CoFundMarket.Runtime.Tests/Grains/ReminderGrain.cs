using CoFundMarket.Runtime.Grains;
using CoFundMarket.Runtime.Persistence;
using CoFundMarket.Runtime.Reminders;

namespace CoFundMarket.Runtime.Tests.Grains;

public sealed record ReminderLog
{
    public int Ticks { get; init; }

    public string LastReminder { get; init; } = "";
}

public interface IReminderGrain : IGrainWithStringKey
{
    Task Remind(string name, TimeSpan dueTime, TimeSpan period);

    Task<bool> Forget(string name);

    Task<ReminderLog> Log();
}

/// <summary>Counts reminder ticks durably, so a restarted silo can show what was delivered.</summary>
[GrainType("reminder")]
public sealed class ReminderGrain([PersistentState("log")] IPersistentState<ReminderLog> log) : Grain, IReminderGrain, IRemindable
{
    public Task Remind(string name, TimeSpan dueTime, TimeSpan period) => RegisterOrUpdateReminder(name, dueTime, period);

    public Task<bool> Forget(string name) => UnregisterReminder(name);

    public Task<ReminderLog> Log() => Task.FromResult(log.State);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        log.State = log.State with { Ticks = log.State.Ticks + 1, LastReminder = reminderName };
        await log.WriteStateAsync();
    }
}
