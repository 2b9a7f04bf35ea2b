using Orleans.LiveSim.Engine.Ticks;
using Orleans.LiveSim.Feeds.Recording;

namespace Orleans.LiveSim.Feeds.Tests;

public sealed class RoundHistoryTests
{
    [SharedDataFact]
    public async Task The_real_capture_lists_eleven_completed_rounds_oldest_first()
    {
        await using var capture = File.OpenRead(SharedData.CapturePath);

        var rounds = await RoundHistory.ReadAsync(capture);

        Assert.Equal(11, rounds.Count);
        Assert.Equal("20251207-67b9664de9e24662", rounds[0].GameId);
        Assert.Equal("20251207-e8186dbf38e046d1", rounds[^1].GameId);
        Assert.Equal(266, rounds[^1].RugTick);
        Assert.Equal([374, 48, 57, 87, 35, 90, 74, 1138, 330, 93, 267], rounds.Select(r => r.Prices.Count));
        Assert.True(rounds.Zip(rounds.Skip(1)).All(p => p.First.EndedAt < p.Second.EndedAt));
    }

    [SharedDataFact]
    public async Task Each_round_becomes_its_ticks_with_the_rug_on_the_last_and_its_recorded_prices()
    {
        await using var capture = File.OpenRead(SharedData.CapturePath);
        var rounds = await RoundHistory.ReadAsync(capture);

        var ticks = RoundHistory.ToTicks("h", rounds).ToList();

        Assert.Equal(2593, ticks.Count);
        Assert.Equal(11, ticks.Count(t => t.Rugged));
        var last = ticks.Where(t => t.GameId == "20251207-e8186dbf38e046d1").ToList();
        Assert.Equal(Enumerable.Range(0, 267), last.Select(t => t.Tick));
        Assert.Equal((266, GamePhase.Rugged, 0.00925864293410624m), (last[^1].Tick, last[^1].Phase, last[^1].Price));
        Assert.All(last[..^1], t => Assert.True(t.IsBettable));
        Assert.Equal(rounds[^1].EndedAt, last[^1].ReceivedAt);
        Assert.True(ticks.Zip(ticks.Skip(1)).All(p => p.First.ReceivedAt < p.Second.ReceivedAt));
    }
}
