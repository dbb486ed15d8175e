namespace CoFundMarket.Runtime.Testing;

/// <summary>Waiting, in real time and bounded, for a condition that background work (a timer, a reminder, a probe) makes true.</summary>
public static class Eventually
{
    /// <summary>How long <see cref="TrueAsync"/> waits when not told.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Checks <paramref name="condition"/> every 10 ms until it holds.</summary>
    /// <exception cref="TimeoutException">It did not hold within <paramref name="timeout"/>; the message names <paramref name="what"/>.</exception>
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var deadline = DateTime.UtcNow + limit;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not true after {limit.TotalSeconds:0.#} s: {what}");
            }

            await Task.Delay(10);
        }
    }
}
