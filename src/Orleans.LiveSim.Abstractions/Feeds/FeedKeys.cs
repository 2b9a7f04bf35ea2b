namespace Orleans.LiveSim.Abstractions.Feeds;

/// <summary>Stream ids and shard keys of feeds.</summary>
public static class FeedKeys
{
    public static StreamId Stream(string feedId) => StreamId.Create(LiveSimConstants.FeedStreamNamespace, feedId);

    public static string Shard(string feedId, int shard) => $"{feedId}/{shard}";

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
