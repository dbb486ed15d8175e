using CoFundMarket.Runtime.Grains;

namespace CoFundMarket.Runtime.Reminders;

/// <summary>A grain that receives durable reminders.</summary>
public interface IRemindable : IGrain
{
    /// <summary>A reminder of this grain is due. Delivery is at least once: make the handling idempotent.</summary>
    Task ReceiveReminder(string reminderName, TickStatus status);
}

/// <summary>One reminder tick.</summary>
/// <param name="DueAt">When the tick was due.</param>
/// <param name="Period">The reminder's period.</param>
/// <param name="CurrentTickTime">When it is being delivered.</param>
public readonly record struct TickStatus(DateTimeOffset DueAt, TimeSpan Period, DateTimeOffset CurrentTickTime);
