using Orleans.LiveSim.Abstractions.Feeds;
using Orleans.LiveSim.Abstractions.Sessions;

namespace Orleans.LiveSim.LoadDriver;

/// <summary>
/// Counts what reaches the sessions: an incoming call filter sees every <c>OnFeedAsync(FeedBatch)</c> after the
/// session handled it, adds its ticks to a process-wide counter and records the delivery latency (from the tick's
/// <c>ReceivedAt</c>, the time the synthetic feed made it due, to the end of the session's handler).
/// </summary>
public sealed class FeedProbe
{
    private long _sessionTicks;
    private long _calls;

    public long SessionTicks => Interlocked.Read(ref _sessionTicks);

    public long Calls => Interlocked.Read(ref _calls);

    /// <summary>Tick's <c>ReceivedAt</c> to the end of the session's handler.</summary>
    public LatencyHistogram Latency { get; } = new();

    /// <summary>A batch's arrival at the feed adapter to the start of the stream's delivery to its consumer (the router).</summary>
    public LatencyHistogram StreamHop { get; } = new();

    public void Record(FeedBatch batch)
    {
        Interlocked.Add(ref _sessionTicks, batch.Ticks.Count);
        Interlocked.Increment(ref _calls);
        if (batch.Ticks.Count > 0)
        {
            Latency.RecordMs((DateTimeOffset.UtcNow - batch.Ticks[0].ReceivedAt).TotalMilliseconds);
        }
    }
}

/// <summary>The silo-side hook of <see cref="FeedProbe"/>; other calls pass straight through.</summary>
public sealed class FeedProbeFilter(FeedProbe probe) : IIncomingGrainCallFilter
{
    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.Grain is IFeedRouterGrain)
        {
            RecordStreamHop(context.Request);
        }

        if (context.Request.GetArgumentCount() == 1 && context.Request.GetArgument(0) is FeedBatch batch && context.Grain is ISessionGrain)
        {
            return InvokeAndRecord(context, batch);
        }

        return context.Invoke();
    }

    // The pulling agent delivers the event itself (DeliverImmutable) or its batch container (DeliverBatch).
    private void RecordStreamHop(Orleans.Serialization.Invocation.IInvokable request)
    {
        for (var i = 0; i < request.GetArgumentCount(); i++)
        {
            var batch = request.GetArgument(i) switch
            {
                FeedBatch b => b,
                Orleans.Streams.IBatchContainer c => c.GetEvents<FeedBatch>().Select(e => e.Item1).FirstOrDefault(),
                _ => null,
            };
            if (batch?.ReceivedAt is { } receivedAt)
            {
                probe.StreamHop.RecordMs((DateTimeOffset.UtcNow - receivedAt).TotalMilliseconds);
                return;
            }
        }
    }

    private async Task InvokeAndRecord(IIncomingGrainCallContext context, FeedBatch batch)
    {
        await context.Invoke();
        probe.Record(batch);
    }
}
