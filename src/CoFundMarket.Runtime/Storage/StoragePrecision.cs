namespace CoFundMarket.Runtime.Storage;

/// <summary>The time precision storage keeps: whole microseconds in UTC, what both SQLite's text and PostgreSQL's timestamptz hold.</summary>
public static class StoragePrecision
{
    /// <summary><paramref name="time"/> in UTC, truncated to whole microseconds, so it reads back exactly as written.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset time)
    {
        var ticks = time.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % 10), TimeSpan.Zero);
    }
}
