using System.Buffers;
using System.Text;
using CoFundMarket.Runtime.AdoNet.Dialects;
using CoFundMarket.Runtime.Storage;

namespace CoFundMarket.Runtime.AdoNet.Reading;

/// <summary>
/// The events this storage instance committed last, in a bounded ring keyed by feed position, so that
/// feed readers, who follow right behind the writers, get them without reading them straight back
/// from the database.
/// <para>
/// Serving them is safe because the ring learns of a position only after its transaction committed,
/// and positions are handed out in commit order (see <c>BatchCommitter.TakePositionsStatement</c>): when
/// position P has committed, every position before it has committed and is visible. A run of
/// consecutive positions from the ring is therefore exactly what the database returns for them, now or
/// later. Positions the ring lacks were committed by another process or storage instance, belong to a
/// batch whose completion has not reached the ring yet (PostgreSQL's writer loops complete out of
/// order), or were evicted; those are read from the database.
/// </para>
/// </summary>
internal sealed class RecentEvents
{
    /// <summary>
    /// 4096 events. A follower in this silo reads again after every local commit, so it trails by the
    /// events of a batch or two (at most 256 writes a batch, one to a few events each, two writer loops
    /// on PostgreSQL); 4096 covers that several times over, eight of the feed watcher's 500-event pages,
    /// and a second or so at the few thousand events a second a loaded gateway writes, so a follower
    /// that falls behind for a moment still reads from memory. It is not larger because everything in
    /// it outlives the young-generation collections: it references only strings the writes already
    /// allocated, a few megabytes at payloads of a few hundred bytes. A follower further behind reads
    /// the database, as it always did.
    /// </summary>
    public const int DefaultCapacity = 4096;

    private readonly Lock _lock = new();
    private readonly StoredEvent?[] _ring;
    private long _newestPosition;

    /// <summary>Creates an empty ring.</summary>
    /// <param name="capacity">How many events it keeps.</param>
    public RecentEvents(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _ring = new StoredEvent?[capacity];
    }

    /// <summary>Keeps the events of <paramref name="write"/>, which committed with <paramref name="result"/>, as the feed reads them back.</summary>
    public void Add(StateWrite write, StateWriteResult result)
    {
        var events = write.Events;
        if (events.Count == 0)
        {
            return;
        }

        lock (_lock)
        {
            for (var j = 0; j < events.Count; j++)
            {
                var position = result.FirstPosition + j;
                ref var slot = ref _ring[SlotOf(position)];

                // Writer loops complete out of order: an event arriving late never evicts a newer one.
                if (slot is null || slot.Position < position)
                {
                    slot = AsStored(write, j, position);
                }
            }

            _newestPosition = Math.Max(_newestPosition, result.FirstPosition + events.Count - 1);
        }
    }

    /// <summary>The consecutive events after <paramref name="afterPosition"/> the ring holds, at most <paramref name="limit"/>.</summary>
    public RecentRun ReadAfter(long afterPosition, int limit)
    {
        lock (_lock)
        {
            if (TryGet(afterPosition + 1) is null)
            {
                return RecentRun.None;
            }

            var events = new List<StoredEvent>((int)Math.Min(limit, _newestPosition - afterPosition));
            var position = afterPosition + 1;
            while (events.Count < limit && TryGet(position) is { } stored)
            {
                events.Add(stored);
                position++;
            }

            // Stopping short of the newest position means a hole the database has filled: the caller reads it there.
            return new RecentRun(events, events.Count == limit || position > _newestPosition);
        }
    }

    private StoredEvent? TryGet(long position) =>
        position >= 1 && _ring[SlotOf(position)] is { } stored && stored.Position == position ? stored : null;

    private int SlotOf(long position) => (int)(position % _ring.Length);

    /// <summary>
    /// Event <paramref name="index"/> of <paramref name="write"/> as <see cref="StateReader"/> builds it from
    /// its row, or null when the database would not give it back unchanged.
    /// </summary>
    private static StoredEvent? AsStored(StateWrite write, int index, long position)
    {
        var e = write.Events[index];
        if (!IsWellFormed(write.Key.Grain.Type) || !IsWellFormed(write.Key.Grain.Key) || !IsWellFormed(e.Type) || !IsWellFormed(e.Payload)
            || !IsWellFormed(e.Actor.UserId) || !IsWellFormed(e.Actor.OrganisationCode) || !IsWellFormed(e.Actor.Role) || !IsWellFormed(e.CorrelationId))
        {
            return null;
        }

        return new StoredEvent(
            position,
            write.Key.Grain,
            write.ExpectedVersion + 1 + index,
            e.Type,
            e.Payload,
            SqlDialect.ToStoredPrecision(e.OccurredAt),
            e.Actor,
            e.CorrelationId);
    }

    /// <summary>
    /// False for text with a lone surrogate, which UTF-8 cannot hold: SQLite stores U+FFFD in its place
    /// (PostgreSQL refuses the write), so such an event is left to the database to return as stored.
    /// </summary>
    private static bool IsWellFormed(string? text)
    {
        var rest = text.AsSpan();
        int surrogate;
        while ((surrogate = rest.IndexOfAnyInRange('\uD800', '\uDFFF')) >= 0)
        {
            if (Rune.DecodeFromUtf16(rest[surrogate..], out _, out var length) != OperationStatus.Done)
            {
                return false;
            }

            rest = rest[(surrogate + length)..];
        }

        return true;
    }
}
