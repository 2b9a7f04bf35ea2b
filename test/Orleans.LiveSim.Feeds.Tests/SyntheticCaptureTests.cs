using Orleans.LiveSim.Engine.Ticks;
using Orleans.LiveSim.Feeds.Recording;
using Orleans.LiveSim.Feeds.Synthetic;

namespace Orleans.LiveSim.Feeds.Tests;

public sealed class SyntheticCaptureTests
{
    private static readonly SyntheticGameOptions Options = new();

    private static byte[] Record(TimeSpan duration)
    {
        using var buffer = new MemoryStream();
        using (var writer = new RecordingWriter(buffer, leaveOpen: true))
        {
            SyntheticCapture.Write("demo", Options, SyntheticCapture.DefaultStart, duration, writer);
        }

        return buffer.ToArray();
    }

    [Fact]
    public async Task A_recorded_synthetic_game_replays_to_the_same_rounds_tick_for_tick()
    {
        var duration = TimeSpan.FromMinutes(10);
        var game = new SyntheticGame("demo", Options, SyntheticCapture.DefaultStart);
        var played = new List<FeedTick>();
        while (game.NextDue < SyntheticCapture.DefaultStart + duration)
        {
            played.Add(game.Next());
        }

        var replayed = new List<FeedTick>();
        await using var source = new RecordingFeedSource("demo", new MemoryStream(Record(duration)));
        while (!source.Completed)
        {
            source.Drain(DateTimeOffset.MaxValue, replayed);
        }

        static IEnumerable<(string, int, decimal, bool, DateTimeOffset)> Rounds(IEnumerable<FeedTick> ticks) =>
            ticks.Where(t => t.Kind == FeedTickKind.Tick && t.Phase is GamePhase.Active or GamePhase.Rugged)
                .Select(t => (t.GameId, t.Tick, t.Price, t.Rugged, t.ReceivedAt));
        Assert.Equal(2400, played.Count);
        Assert.True(played.Count(t => t.Rugged) >= 3, "ten minutes hold several rounds");
        Assert.Equal(Rounds(played), Rounds(replayed));
        Assert.Equal(2400, source.Counters.Messages);
        Assert.Equal(0, source.Counters.Malformed);
    }

    [Fact]
    public void The_same_options_and_start_give_the_same_bytes() =>
        Assert.Equal(Record(TimeSpan.FromSeconds(120)), Record(TimeSpan.FromSeconds(120)));
}
