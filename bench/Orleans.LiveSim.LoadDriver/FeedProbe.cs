using Orleans.LiveSim.Abstractions.Feeds;
using Orleans.LiveSim.Abstractions.Sessions;

namespace Orleans.LiveSim.LoadDriver;

/// <summary>
/// The feed stream's hop: an incoming call filter on the feed's router records, from the batch's <c>ReceivedAt</c> (the
/// time the synthetic feed made it due), the start of the stream's delivery. What reaches the sessions is read from the
/// silo's own metrics instead (<see cref="SiloMeters"/>): batches reach them through their inboxes, not by calls.
/// </summary>
public sealed class FeedProbe
{
    /// <summary>A batch's arrival at the feed adapter to the start of the stream's delivery to its consumer (the router).</summary>
    public LatencyHistogram StreamHop { get; } = new();
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
}
