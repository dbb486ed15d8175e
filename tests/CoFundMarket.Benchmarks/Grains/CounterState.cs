namespace CoFundMarket.Benchmarks.Grains;

/// <summary>A small state (about 80 bytes of JSON), the size of a pledge or a project summary.</summary>
public sealed record CounterState
{
    /// <summary>How many times the counter was incremented.</summary>
    public long Count { get; init; }

    /// <summary>A label, so the payload carries a string as most states do.</summary>
    public string Label { get; init; } = "";

    /// <summary>When the counter was last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }
}
