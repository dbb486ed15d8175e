using System.Threading.Channels;
using CoFundMarket.Runtime.Storage;

namespace CoFundMarket.Runtime.AdoNet.Writing;

/// <summary>
/// Group commit: concurrent writes (grain states with their events, and reminder changes) wait in a queue, and each writer loop takes everything queued
/// (up to the batch limit) into one transaction, so many writes share one durable commit. With more
/// than one loop (PostgreSQL) the next batch is built and sent while the previous one commits.
/// </summary>
internal sealed class GroupCommitWriter : IAsyncDisposable
{
    private readonly Channel<PendingOperation> _queue = Channel.CreateUnbounded<PendingOperation>();
    private readonly BatchCommitter _committer;
    private readonly Func<WriterConnection> _openWriterConnection;
    private readonly int _maxBatchSize;
    private readonly Task[] _loops;

    public GroupCommitWriter(BatchCommitter committer, Func<WriterConnection> openWriterConnection, int writerCount, int maxBatchSize)
    {
        _committer = committer;
        _openWriterConnection = openWriterConnection;
        _maxBatchSize = maxBatchSize;
        _loops = Enumerable.Range(0, writerCount).Select(_ => Task.Run(RunLoopAsync)).ToArray();
    }

    /// <summary>Queues <paramref name="write"/>; the task completes after the transaction holding it has committed.</summary>
    public Task<StateWriteResult> WriteAsync(StateWrite write, CancellationToken cancellationToken)
    {
        var pending = new PendingWrite(write, cancellationToken);
        Enqueue(pending);
        return pending.Completion;
    }

    /// <summary>Queues a reminder change; the task completes after the transaction holding it has committed.</summary>
    public Task<TResult> ChangeReminderAsync<TResult>(PendingReminderChange<TResult> change)
    {
        Enqueue(change);
        return change.Completion;
    }

    /// <summary>Takes no more writes, commits everything already queued, then stops the loops.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_loops);
    }

    private void Enqueue(PendingOperation operation)
    {
        if (!_queue.Writer.TryWrite(operation))
        {
            throw new ObjectDisposedException(nameof(AdoNetStorage), "The storage is shut down and takes no more writes.");
        }
    }

    private async Task RunLoopAsync()
    {
        await using var connection = _openWriterConnection();
        var batch = new List<PendingOperation>(_maxBatchSize);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < _maxBatchSize && _queue.Reader.TryRead(out var pending))
            {
                if (pending.TryTake())
                {
                    batch.Add(pending);
                }
            }

            if (batch.Count > 0)
            {
                try
                {
                    await _committer.CommitAsync(batch, connection);
                }
                catch (Exception exception)
                {
                    // CommitAsync completes every write itself; this only keeps the loop alive if that ever breaks.
                    foreach (var pending in batch)
                    {
                        pending.Fail(new GrainStorageException($"{pending.Description} failed unexpectedly; it may or may not have been committed.", exception));
                    }
                }

                batch.Clear();
            }
        }
    }
}
