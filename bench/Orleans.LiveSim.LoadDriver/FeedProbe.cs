using Orleans.LiveSim.Abstractions.Feeds;
using Orleans.LiveSim.Abstractions.Sessions;

namespace Orleans.LiveSim.LoadDriver;

/// <summary>
/// Counts what reaches the sessions: an incoming call filter sees every <c>OnFeedAsync(FeedBatch)</c> after the
/// session handled it, adds its ticks to a process-wide counter and records the delivery latency (from the tick's
/// <c>ReceivedAt</c>, the time the synthetic feed made it due, to the end of the session's handler) in 1 ms buckets.
/// </summary>
public sealed class FeedProbe
{
    /// <summary>Latency buckets: 1 ms each up to this many ms; the last bucket holds everything slower.</summary>
    public const int Buckets = 30_000;

    private readonly long[] _latency = new long[Buckets + 1];
    private long _sessionTicks;
    private long _calls;

    public long SessionTicks => Interlocked.Read(ref _sessionTicks);

    public long Calls => Interlocked.Read(ref _calls);

    public void Record(FeedBatch batch)
    {
        Interlocked.Add(ref _sessionTicks, batch.Ticks.Count);
        Interlocked.Increment(ref _calls);
        if (batch.Ticks.Count > 0)
        {
            var ms = (long)(DateTimeOffset.UtcNow - batch.Ticks[0].ReceivedAt).TotalMilliseconds;
            Interlocked.Increment(ref _latency[Math.Clamp(ms, 0, Buckets)]);
        }
    }

    public long[] SnapshotLatency()
    {
        var copy = new long[_latency.Length];
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = Interlocked.Read(ref _latency[i]);
        }

        return copy;
    }

    /// <summary>Percentile (0..1) in ms of the latencies recorded between two snapshots; null when none.</summary>
    public static long? Percentile(long[] before, long[] after, double p)
    {
        long total = 0;
        for (var i = 0; i < after.Length; i++)
        {
            total += after[i] - before[i];
        }

        if (total == 0)
        {
            return null;
        }

        var rank = (long)Math.Ceiling(p * total);
        long seen = 0;
        for (var i = 0; i < after.Length; i++)
        {
            seen += after[i] - before[i];
            if (seen >= rank)
            {
                return i;
            }
        }

        return after.Length - 1;
    }
}

/// <summary>The silo-side hook of <see cref="FeedProbe"/>; other calls pass straight through.</summary>
public sealed class FeedProbeFilter(FeedProbe probe) : IIncomingGrainCallFilter
{
    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.Request.GetArgumentCount() == 1 && context.Request.GetArgument(0) is FeedBatch batch && context.Grain is ISessionGrain)
        {
            return InvokeAndRecord(context, batch);
        }

        return context.Invoke();
    }

    private async Task InvokeAndRecord(IIncomingGrainCallContext context, FeedBatch batch)
    {
        await context.Invoke();
        probe.Record(batch);
    }
}
