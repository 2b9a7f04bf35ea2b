using Orleans.LiveSim.Abstractions.Feeds;
using Orleans.LiveSim.Feeds.Sources;

namespace Orleans.LiveSim.Grains.Feeds;

/// <summary>Maps the feed adapter's counters to their wire form.</summary>
public static class FeedCountersMapping
{
    public static FeedCountersView ToView(this FeedCounters c) => new(
        c.Messages, c.Ticks, c.Gaps, c.GapsRepaired, c.Duplicates, c.OutOfOrder, c.Malformed, c.Reconciled, c.Stale, c.Reconnects,
        c.Unreconciled, c.PartialUpdates, c.ListPayloads, c.Ignored, c.Dropped);
}
