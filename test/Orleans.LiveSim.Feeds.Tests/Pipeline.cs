using Orleans.LiveSim.Engine.Ticks;
using Orleans.LiveSim.Feeds.Provider;
using Orleans.LiveSim.Feeds.Recording;

namespace Orleans.LiveSim.Feeds.Tests;

/// <summary>Runs capture lines through the provider pipeline, as the recording source does.</summary>
internal static class Pipeline
{
    public static (List<FeedTick> Ticks, ProviderFeedProcessor Processor) Run(IEnumerable<string> lines)
    {
        var processor = new ProviderFeedProcessor("test");
        var ticks = new List<FeedTick>();
        var last = DateTimeOffset.UnixEpoch;
        foreach (var line in lines)
        {
            last = RecordingFormat.ProcessLine(processor, line, last, ticks) ?? last;
        }

        return (ticks, processor);
    }

    /// <summary>What the engine sees of a tick (everything but the receive time).</summary>
    public static object Shape(FeedTick t) => (t.GameId, t.Tick, t.Price, t.Phase, t.Active, t.Rugged, t.Kind, t.GapTicks);
}
