namespace Orleans.LiveSim.Abstractions.Feeds;

/// <summary>A feed as <c>GET /live-sim/feeds/{feedId}</c> shows it.</summary>
/// <param name="FeedId">Feed id.</param>
/// <param name="Provider">Kind of its source; null for a feed that is not configured.</param>
/// <param name="State">Health of its source.</param>
/// <param name="Running">Whether the adapter is running its source.</param>
/// <param name="LastSeq">Highest seq journaled and published.</param>
/// <param name="LastTickAt">When the newest entry was received.</param>
/// <param name="GameId">Round of the newest entry.</param>
/// <param name="Counters">Integrity counters.</param>
[GenerateSerializer]
[Alias("livesim.FeedView")]
public sealed record FeedView(
    [property: Id(0)] string FeedId,
    [property: Id(1)] ProviderKind? Provider,
    [property: Id(2)] FeedConnectionState State,
    [property: Id(3)] bool Running,
    [property: Id(4)] long LastSeq,
    [property: Id(5)] DateTimeOffset? LastTickAt,
    [property: Id(6)] string? GameId,
    [property: Id(7)] FeedCounters Counters);
