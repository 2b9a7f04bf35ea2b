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
    public long FirstSeq => Ticks.Count == 0 ? 0 : Ticks[0].Seq;

    public long LastSeq => Ticks.Count == 0 ? 0 : Ticks[^1].Seq;
}
