using CoFundMarket.Runtime.Identity;

namespace CoFundMarket.Runtime.Reminders;

/// <summary>A durable reminder row.</summary>
/// <param name="Grain">The grain to wake.</param>
/// <param name="Name">The reminder's name, unique per grain.</param>
/// <param name="DueAt">When it fires next.</param>
/// <param name="Period">The interval between ticks after the first.</param>
/// <param name="Version">Optimistic-concurrency version; claims and updates check it.</param>
/// <param name="LeaseUntil">While in the future, one silo is delivering this tick; others leave it alone.</param>
public sealed record ReminderEntry(GrainId Grain, string Name, DateTimeOffset DueAt, TimeSpan Period, long Version, DateTimeOffset? LeaseUntil);
