using System.Diagnostics;

namespace CoFundMarket.Runtime.Calls;

/// <summary>
/// The call timeouts of one silo. Every call that completes later (queued behind a busy activation,
/// or awaiting inside the grain) waits here until it completes or its deadline passes. Calls wait in
/// deadline order in a few shards, each with one timer armed for its earliest deadline, instead of
/// a timer per call: creating and cancelling a timer per call cost more than the call itself. A call
/// that completes leaves its list at once; a firing timer fails the calls whose deadline has passed
/// and re-arms for the next one. Deadlines are on the real clock, never on a silo's manual one.
/// </summary>
internal sealed class CallTimeouts
{
    private readonly Shard[] _shards = Enumerable.Range(0, Environment.ProcessorCount).Select(_ => new Shard()).ToArray();

    /// <summary>Starts the clock of <paramref name="call"/>: it times out after <paramref name="timeout"/> unless removed first.</summary>
    public void Add(ITimedCall call, TimeSpan timeout)
    {
        // Callers on one core share a shard (and its lock); deadlines within a shard still arrive nearly in order.
        var shard = _shards[(uint)Thread.GetCurrentProcessorId() % (uint)_shards.Length];
        shard.Add(call, Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency));
    }

    /// <summary>Stops the clock of a call that completed; nothing happens if it already timed out.</summary>
    public static void Remove(ITimedCall call) => call.Shard?.Remove(call);

    /// <summary>One list of waiting calls in deadline order, under one lock and one timer.</summary>
    internal sealed class Shard
    {
        private readonly Lock _lock = new();
        private readonly ITimer _timer;
        private ITimedCall? _first;
        private ITimedCall? _last;
        private long _armedFor = long.MaxValue;

        public Shard()
        {
            // The timer outlives whoever happened to create the silo: it must not hold on to their execution context.
            var suppressed = ExecutionContext.IsFlowSuppressed();
            var flow = suppressed ? default : ExecutionContext.SuppressFlow();
            try
            {
                _timer = TimeProvider.System.CreateTimer(static s => ((Shard)s!).Expire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }
            finally
            {
                if (!suppressed)
                {
                    flow.Undo();
                }
            }
        }

        public void Add(ITimedCall call, long deadline)
        {
            lock (_lock)
            {
                call.Deadline = deadline;
                call.Shard = this;

                // With one timeout for every call the new deadline is the latest; walk back only if it is not.
                var before = _last;
                while (before is not null && before.Deadline > deadline)
                {
                    before = before.Previous;
                }

                call.Previous = before;
                call.Next = before is null ? _first : before.Next;
                if (call.Next is null)
                {
                    _last = call;
                }
                else
                {
                    call.Next.Previous = call;
                }

                if (before is null)
                {
                    _first = call;
                }
                else
                {
                    before.Next = call;
                }

                if (deadline < _armedFor)
                {
                    Arm(deadline, Stopwatch.GetTimestamp());
                }
            }
        }

        public void Remove(ITimedCall call)
        {
            lock (_lock)
            {
                if (call.Shard == this)
                {
                    Unlink(call);
                }
            }

            // The timer stays armed; when it fires for a call that is gone it finds nothing due and re-arms for the next.
        }

        private void Expire()
        {
            ITimedCall? expired = null;
            lock (_lock)
            {
                var now = Stopwatch.GetTimestamp();
                _armedFor = long.MaxValue;
                while (_first is { } first && first.Deadline <= now)
                {
                    Unlink(first);
                    first.Next = expired; // a private chain from here on: the call is no longer in the list
                    expired = first;
                }

                if (_first is { } next)
                {
                    Arm(next.Deadline, now);
                }
            }

            while (expired is not null)
            {
                var call = expired;
                expired = call.Next;
                call.Next = null;
                call.TimeOut();
            }
        }

        /// <summary>Arms the timer for <paramref name="deadline"/> (lock held). Timers count whole milliseconds: round up, never fire early.</summary>
        private void Arm(long deadline, long now)
        {
            _armedFor = deadline;
            var due = Math.Ceiling(Math.Max(0, deadline - now) * 1000.0 / Stopwatch.Frequency);
            _timer.Change(TimeSpan.FromMilliseconds(due), Timeout.InfiniteTimeSpan);
        }

        private void Unlink(ITimedCall call)
        {
            if (call.Previous is null)
            {
                _first = call.Next;
            }
            else
            {
                call.Previous.Next = call.Next;
            }

            if (call.Next is null)
            {
                _last = call.Previous;
            }
            else
            {
                call.Next.Previous = call.Previous;
            }

            call.Previous = null;
            call.Next = null;
            call.Shard = null;
        }
    }
}

/// <summary>A call whose clock runs in <see cref="CallTimeouts"/>: the links of the shard list it waits in.</summary>
internal interface ITimedCall
{
    /// <summary>When it times out, in <see cref="Stopwatch"/> ticks.</summary>
    long Deadline { get; set; }

    ITimedCall? Previous { get; set; }

    ITimedCall? Next { get; set; }

    /// <summary>The shard whose list holds the call; null once it left (completed or timed out).</summary>
    CallTimeouts.Shard? Shard { get; set; }

    /// <summary>Fails the call with a <see cref="TimeoutException"/>, unless it completed meanwhile.</summary>
    void TimeOut();
}
