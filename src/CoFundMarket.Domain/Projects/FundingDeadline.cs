namespace CoFundMarket.Domain.Projects;

/// <summary>A funding deadline is a date; it ends at the end of that day in Europe/London.</summary>
public static class FundingDeadline
{
    private static readonly TimeZoneInfo s_london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    /// <summary>The instant the deadline passes: midnight after the date, London time.</summary>
    public static DateTimeOffset EndOf(DateOnly deadline)
    {
        var midnight = deadline.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(midnight, s_london.GetUtcOffset(midnight));
    }

    /// <summary>Today's date in London.</summary>
    public static DateOnly TodayInLondon(DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, s_london).DateTime);
}
