namespace Orleans.LiveSim.Abstractions.Feeds;

/// <summary>Stream ids and fan-out keys of feeds.</summary>
public static class FeedKeys
{
    public static StreamId Stream(string feedId) => StreamId.Create(LiveSimConstants.FeedStreamNamespace, feedId);

    public static string Shard(string feedId, int shard) => $"{feedId}/{shard}";

    /// <summary>
    /// Key of a feed's fan-out shard on one silo, <c>{silo}|{feedId}|{shard}</c>: the grain is placed on the silo its
    /// key names (a silo address's parsable form holds no <c>|</c>), and the silo's generation makes a restarted silo's
    /// shards new grains.
    /// </summary>
    public static string Hub(SiloAddress silo, string feedId, int shard) => $"{silo.ToParsableString()}|{feedId}|{shard}";

    /// <summary>The silo, feed and shard of a <see cref="Hub"/> key.</summary>
    public static (SiloAddress Silo, string FeedId, int Shard) ParseHub(string key)
    {
        var first = key.IndexOf('|', StringComparison.Ordinal);
        var last = key.LastIndexOf('|');
        return (SiloAddress.FromParsableString(key[..first]), key[(first + 1)..last], int.Parse(key[(last + 1)..], System.Globalization.CultureInfo.InvariantCulture));
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
