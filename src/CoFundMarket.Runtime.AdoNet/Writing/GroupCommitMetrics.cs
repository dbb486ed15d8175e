using System.Diagnostics;
using System.Diagnostics.Metrics;
using CoFundMarket.Runtime.AdoNet.Dialects;

namespace CoFundMarket.Runtime.AdoNet.Writing;

/// <summary>
/// What group commit is doing, on the meter <see cref="AdoNetStorage.MeterName"/>: how many writes
/// share a transaction, how long commits take, how many writes conflict. Tagged with the engine and
/// <see cref="AdoNetStorage.Location"/>.
/// </summary>
internal sealed class GroupCommitMetrics
{
    private static readonly Meter Meter = new(AdoNetStorage.MeterName);

    private static readonly Histogram<int> BatchSize = Meter.CreateHistogram<int>(
        "cofundmarket.storage.batch.size", "{write}", "State writes committed together in one group-commit transaction.");

    private static readonly Histogram<double> CommitDuration = Meter.CreateHistogram<double>(
        "cofundmarket.storage.batch.duration", "s", "Time from opening the connection to the end of COMMIT for one batch.");

    private static readonly Counter<long> Conflicts = Meter.CreateCounter<long>(
        "cofundmarket.storage.write.conflicts", "{write}", "Writes rejected because the stored version differed from the expected one.");

    private static readonly Counter<long> Failures = Meter.CreateCounter<long>(
        "cofundmarket.storage.batch.failures", "{batch}", "Batches whose transaction failed, leaving their writes' outcome unknown.");

    private readonly TagList _tags;

    public GroupCommitMetrics(SqlDialect dialect)
    {
        _tags = new TagList { { "db.system.name", dialect.EngineName.ToLowerInvariant() }, { "db.namespace", dialect.Target } };
    }

    public void Committed(int writes, int conflicts, TimeSpan duration)
    {
        BatchSize.Record(writes, _tags);
        CommitDuration.Record(duration.TotalSeconds, _tags);
        if (conflicts > 0)
        {
            Conflicts.Add(conflicts, _tags);
        }
    }

    public void Failed() => Failures.Add(1, _tags);
}
