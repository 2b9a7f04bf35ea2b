using Microsoft.Extensions.Options;
using Orleans.LiveSim.Feeds.Sources;
using Orleans.LiveSim.Feeds.Synthetic;
using Orleans.LiveSim.Grains.Hosting;

namespace Orleans.LiveSim.Grains.Feeds;

/// <summary>Builds the source of a configured feed.</summary>
public sealed class FeedSourceFactory(IOptions<LiveSimOptions> options)
{
    /// <summary>The definition of a feed, or null when no such feed is configured.</summary>
    public FeedDefinition? Find(string feedId) => options.Value.Feeds.GetValueOrDefault(feedId);

    /// <summary>
    /// Creates the feed's source. <paramref name="lastSeq"/> is where its journal ends: the synthetic game
    /// mixes it into its seed so a restarted feed plays new rounds instead of repeating old ones.
    /// </summary>
    public IFeedSource Create(string feedId, FeedDefinition definition, long lastSeq, DateTimeOffset now) =>
        definition.Provider switch
        {
            "synthetic" => new SyntheticFeedSource(
                feedId,
                new SyntheticGameOptions
                {
                    Seed = definition.Seed ^ ((ulong)lastSeq * 0x9E3779B97F4A7C15UL),
                    TickInterval = TimeSpan.FromMilliseconds(definition.TickIntervalMs),
                    Cooldown = TimeSpan.FromSeconds(definition.CooldownSeconds),
                },
                now),
            _ => throw new InvalidOperationException($"LiveSim:Feeds:{feedId}:Provider '{definition.Provider}' is not a known provider (synthetic)."),
        };
}
