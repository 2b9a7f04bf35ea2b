namespace Orleans.LiveSim.Abstractions.Feeds;

/// <summary>
/// A per-silo fan-out shard's counters: <paramref name="Silo"/> is where it runs, <paramref name="OnItsSilo"/> whether
/// that is the silo its key names (else the silo is gone and it delivers nothing), <paramref name="Batches"/> the
/// batches it received, <paramref name="Calls"/> the session calls it made, and <paramref name="Sessions"/> the ids of
/// the feed's sessions registered on its silo (every shard).
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("livesim.FeedHubStats")]
public sealed record FeedHubStats(
    [property: Id(0)] SiloAddress Silo,
    [property: Id(1)] bool OnItsSilo,
    [property: Id(2)] long Batches,
    [property: Id(3)] long Calls,
    [property: Id(4)] IReadOnlyList<string> Sessions);
