using System.Collections.Concurrent;
using Orleans.LiveSim.Abstractions.Feeds;

namespace Orleans.LiveSim.Grains.Feeds;

/// <summary>
/// A silo's recent copy of each feed's status, for session views: without it every session read or creation
/// would call the feed's single adapter grain (which also runs the feed), and reading 100k sessions would
/// queue 100k calls there. A view may show counters up to <see cref="MaxAge"/> old.
/// </summary>
public sealed class FeedStatusCache(IGrainFactory grains, TimeProvider time)
{
    /// <summary>How old a cached status may be. 1 s.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, (DateTimeOffset At, Task<FeedView> View)> _feeds = new(StringComparer.Ordinal);

    public Task<FeedView> GetAsync(string feedId)
    {
        var now = time.GetUtcNow();
        if (_feeds.TryGetValue(feedId, out var entry) && now - entry.At < MaxAge && !entry.View.IsFaulted)
        {
            return entry.View;
        }

        var view = grains.GetGrain<IFeedAdapterGrain>(feedId).GetViewAsync();
        _feeds[feedId] = (now, view);
        return view;
    }
}
