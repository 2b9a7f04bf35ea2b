using Orleans.LiveSim.Abstractions.Feeds;
using Orleans.LiveSim.Engine.Ticks;
using Orleans.LiveSim.Feeds.Sources;

namespace Orleans.LiveSim.Feeds.Synthetic;

/// <summary>The synthetic game as a live source: emits each tick once its due time has come.</summary>
public sealed class SyntheticFeedSource(string feedId, SyntheticGameOptions options, DateTimeOffset start, FeedTick? resumeAfter = null) : IFeedSource
{
    // A timer that fires late (a paused process) catches up at most this much, then skips ahead.
    private static readonly TimeSpan MaxCatchUp = TimeSpan.FromSeconds(30);
    private readonly SyntheticGame _game = new(feedId, options, start, resumeAfter);
    private long _ticks;

    public ProviderKind Provider => ProviderKind.Synthetic;

    public FeedConnectionState State => FeedConnectionState.Connected;

    public FeedCounters Counters => new() { Messages = _ticks, Ticks = _ticks };

    public bool Completed => false;

    public DateTimeOffset? NextDueAt => _game.NextDue;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Drain(DateTimeOffset now, List<FeedTick> into)
    {
        while (_game.NextDue <= now)
        {
            var tick = _game.Next();
            if (now - tick.ReceivedAt <= MaxCatchUp)
            {
                into.Add(tick);
                _ticks++;
            }
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
