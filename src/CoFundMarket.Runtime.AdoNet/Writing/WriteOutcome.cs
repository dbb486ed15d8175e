using CoFundMarket.Runtime.Storage;

namespace CoFundMarket.Runtime.AdoNet.Writing;

/// <summary>How one write of a committed batch ended: its result, or the version that made it conflict.</summary>
/// <param name="Result">The new version and first feed position; null when the version check failed.</param>
/// <param name="StoredVersion">On a conflict, what storage held (null: no row).</param>
internal readonly record struct WriteOutcome(StateWriteResult? Result, long? StoredVersion)
{
    public static WriteOutcome Success(StateWriteResult result) => new(result, null);

    public static WriteOutcome Conflict(long? storedVersion) => new(null, storedVersion);
}
