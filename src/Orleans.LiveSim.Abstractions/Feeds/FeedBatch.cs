using Orleans.LiveSim.Engine.Ticks;

namespace Orleans.LiveSim.Abstractions.Feeds;

/// <summary>
/// Consecutive entries of one feed (<c>Ticks[i].Seq == FirstSeq + i</c>), as published on <c>feed/{feedId}</c> and
/// fanned out to sessions. Immutable, so in-silo calls pass it without a copy.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("livesim.FeedBatch")]
public sealed record FeedBatch([property: Id(0)] string FeedId, [property: Id(1)] IReadOnlyList<FeedTick> Ticks)
{
    /// <summary>
    /// When the adapter's source had the batch's first entry (a pushed source's arrival, a scheduled entry's due time),
    /// for measuring the fan-out's delay; null on batches the fan-out gathered itself.
    /// </summary>
    [Id(2)]
    public DateTimeOffset? ReceivedAt { get; init; }

    public long FirstSeq => Ticks.Count == 0 ? 0 : Ticks[0].Seq;

    public long LastSeq => Ticks.Count == 0 ? 0 : Ticks[^1].Seq;
}
