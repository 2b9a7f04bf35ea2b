namespace Orleans.LiveSim.Abstractions.Feeds;

/// <summary>Stream ids and fan-out keys of feeds.</summary>
public static class FeedKeys
{
    public static StreamId Stream(string feedId) => StreamId.Create(LiveSimConstants.FeedStreamNamespace, feedId);

    public static string Shard(string feedId, int shard) => $"{feedId}/{shard}";

    /// <summary>
    /// Key of a feed's fan-out on one silo, <c>{silo}|{feedId}</c>: the grain is placed on the silo its key names (a silo
    /// address's parsable form holds no <c>|</c>), and the silo's generation makes a restarted silo's fan-out a new grain.
    /// </summary>
    public static string Hub(SiloAddress silo, string feedId) => $"{silo.ToParsableString()}|{feedId}";

    /// <summary>The silo and feed of a <see cref="Hub"/> key.</summary>
    public static (SiloAddress Silo, string FeedId) ParseHub(string key)
    {
        var bar = key.IndexOf('|', StringComparison.Ordinal);
        return (SiloAddress.FromParsableString(key[..bar]), key[(bar + 1)..]);
    }

    /// <summary>Shard of a session: a stable hash (FNV-1a) of its id, so every silo computes the same shard.</summary>
    public static int ShardOf(string sessionId, int shards)
    {
        var hash = 2166136261u;
        foreach (var c in sessionId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % (uint)shards);
    }
}
