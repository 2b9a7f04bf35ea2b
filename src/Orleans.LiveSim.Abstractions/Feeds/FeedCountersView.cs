namespace Orleans.LiveSim.Abstractions.Feeds;

/// <summary>Integrity counters of a feed, as the API shows them.</summary>
[GenerateSerializer]
[Alias("livesim.FeedCountersView")]
public sealed record FeedCountersView(
    [property: Id(0)] long Messages,
    [property: Id(1)] long Ticks,
    [property: Id(2)] long Gaps,
    [property: Id(3)] long GapsRepaired,
    [property: Id(4)] long Duplicates,
    [property: Id(5)] long OutOfOrder,
    [property: Id(6)] long Malformed,
    [property: Id(7)] long Reconciled,
    [property: Id(8)] long Stale,
    [property: Id(9)] long Reconnects,
    [property: Id(10)] long Unreconciled = 0,
    [property: Id(11)] long PartialUpdates = 0,
    [property: Id(12)] long ListPayloads = 0,
    [property: Id(13)] long Ignored = 0,
    [property: Id(14)] long Dropped = 0)
{
    public static FeedCountersView Empty { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
