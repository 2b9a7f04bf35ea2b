using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.LiveSim.Engine.Configuration;
using Orleans.LiveSim.Abstractions.Feeds;
using Orleans.LiveSim.Engine.Ticks;
using Orleans.LiveSim.Feeds.Integrity;
using Orleans.LiveSim.Feeds.Provider;
using Orleans.LiveSim.Feeds.Recording;
using Orleans.LiveSim.Feeds.SocketIo;
using Orleans.LiveSim.Feeds.Sources;
using Orleans.LiveSim.Feeds.Synthetic;
using Orleans.LiveSim.Grains.Hosting;

namespace Orleans.LiveSim.Grains.Feeds;

/// <summary>Builds the source of a configured feed from its <see cref="FeedDefinition"/>.</summary>
public sealed class FeedSourceFactory(IOptions<LiveSimOptions> options, TimeProvider time, ILoggerFactory loggers)
{
    /// <summary>The definition of a feed, or null when no such feed is configured.</summary>
    public FeedDefinition? Find(string feedId) => options.Value.Feeds.GetValueOrDefault(feedId);

    /// <summary>
    /// Creates the feed's source. <paramref name="lastTick"/> is where its journal ends: the synthetic game mixes its
    /// seq into its seed (a restarted feed plays new rounds instead of repeating old ones) and goes on with a round
    /// that was running.
    /// </summary>
    public IFeedSource Create(string feedId, FeedDefinition definition, FeedTick? lastTick, DateTimeOffset now)
    {
        var lastSeq = lastTick?.Seq ?? 0;
        var integrity = new IntegrityOptions { StaleTimeout = TimeSpan.FromSeconds(definition.StaleSeconds) };
        var normalizer = definition.GameStateEvents.Count > 0
            ? new ProviderNormalizerOptions { GameStateEvents = definition.GameStateEvents }
            : new ProviderNormalizerOptions();
        return definition.Provider switch
        {
            ProviderKind.Synthetic => new SyntheticFeedSource(
                feedId,
                new SyntheticGameOptions
                {
                    Seed = definition.Seed ^ ((ulong)lastSeq * 0x9E3779B97F4A7C15UL),
                    TickInterval = TimeSpan.FromMilliseconds(definition.TickIntervalMs),
                    Cooldown = TimeSpan.FromSeconds(definition.CooldownSeconds),
                },
                now,
                lastTick),
            ProviderKind.SocketIo => new SocketIoFeedSource(
                feedId,
                new SocketIoFeedOptions
                {
                    Url = Uri.TryCreate(definition.Url, UriKind.Absolute, out var url)
                        ? url
                        : throw new InvalidOperationException($"LiveSim:Feeds:{feedId}:Url must be an absolute URL for a socketio feed (got '{definition.Url}')."),
                    Path = definition.SocketIoPath,
                    ExtraHeaders = definition.Headers,
                    Normalizer = normalizer,
                    Integrity = integrity,
                },
                time,
                loggers.CreateLogger<SocketIoFeedSource>(),
                definition.RecordTo is { Length: > 0 } path ? RecordingWriter.Append(path) : null),
            ProviderKind.Recording => RecordingFeedSource.Open(
                feedId,
                definition.File is { Length: > 0 } file && System.IO.File.Exists(file)
                    ? file
                    : throw new InvalidOperationException($"LiveSim:Feeds:{feedId}:File must name an existing capture file for a recording feed (got '{definition.File}')."),
                new RecordingSourceOptions
                {
                    Speed = ReplaySpeed.TryParse(definition.Speed, out var speed)
                        ? speed
                        : throw new InvalidOperationException($"LiveSim:Feeds:{feedId}:Speed must be {ReplaySpeed.Expected} (got '{definition.Speed}')."),
                    Normalizer = normalizer,
                    Integrity = integrity,
                }),
            _ => throw new InvalidOperationException($"LiveSim:Feeds:{feedId}:Provider '{definition.Provider}' is not a known provider (synthetic, socketio, recording)."),
        };
    }
}
