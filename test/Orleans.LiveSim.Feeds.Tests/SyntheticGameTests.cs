using System.Text.RegularExpressions;
using Orleans.LiveSim.Engine.Ticks;
using Orleans.LiveSim.Feeds.Synthetic;

namespace Orleans.LiveSim.Feeds.Tests;

public sealed partial class SyntheticGameTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Same_seed_and_start_give_the_same_rounds_tick_for_tick()
    {
        var a = Play(new SyntheticGameOptions { Seed = 99 }, 20_000);
        var b = Play(new SyntheticGameOptions { Seed = 99 }, 20_000);
        var c = Play(new SyntheticGameOptions { Seed = 100 }, 20_000);

        Assert.Equal(a, b);
        Assert.NotEqual(a.Select(t => t.GameId).Distinct(), c.Select(t => t.GameId).Distinct());
    }

    [Fact]
    public void Rounds_follow_the_documented_shape()
    {
        var ticks = Play(new SyntheticGameOptions { Seed = 7 }, 200_000);
        var rounds = ticks.Where(t => t.Phase is GamePhase.Active or GamePhase.Rugged).GroupBy(t => t.GameId).ToList();

        Assert.True(rounds.Count > 100, $"only {rounds.Count} rounds");
        foreach (var round in rounds)
        {
            var list = round.ToList();
            Assert.Matches(RoundId(), round.Key);
            Assert.Equal(Enumerable.Range(0, list.Count), list.Select(t => t.Tick));
            Assert.Equal(1m, list[0].Price);
            Assert.All(list[..^1], t => Assert.True(t.IsBettable && t.Price > 0m));
            var rug = list[^1];
            Assert.True(rug.Rugged && rug.Active && rug.Phase == GamePhase.Rugged);
            Assert.InRange(rug.Price, 0.001m, 0.02m);
            Assert.InRange(rug.Tick, 1, 5000);
        }

        // Rug probability 0.5 % per tick: the mean round is about 200 ticks.
        var mean = rounds.Average(r => r.Count());
        Assert.InRange(mean, 150, 260);
        Assert.All(ticks.Zip(ticks.Skip(1)), p => Assert.Equal(TimeSpan.FromMilliseconds(250), p.Second.ReceivedAt - p.First.ReceivedAt));
    }

    [Fact]
    public void Cooldown_ticks_count_down_fifteen_seconds_and_carry_the_next_round_id()
    {
        var ticks = Play(new SyntheticGameOptions { Seed = 3 }, 2_000);
        var firstRug = ticks.FindIndex(t => t.Rugged);
        var cooldown = ticks.Skip(firstRug + 1).TakeWhile(t => t.Phase is GamePhase.Cooldown or GamePhase.Presale).ToList();
        var next = ticks[firstRug + 1 + cooldown.Count];

        Assert.Equal(60, cooldown.Count);
        Assert.Equal(4, cooldown.Count(t => t.Phase == GamePhase.Presale));
        Assert.All(cooldown, t => Assert.Equal(next.GameId, t.GameId));
        Assert.NotEqual(ticks[firstRug].GameId, next.GameId);
        Assert.Equal((0, GamePhase.Active), (next.Tick, next.Phase));
    }

    [Fact]
    public void A_restarted_game_goes_on_with_the_round_that_was_running()
    {
        var before = Play(new SyntheticGameOptions { Seed = 5 }, 400);
        var last = before.Last(t => t.Phase == GamePhase.Active) with { Seq = 400 };

        var resumed = new SyntheticGame("demo", new SyntheticGameOptions { Seed = 6 }, Start.AddMinutes(5), last);
        var next = resumed.Next();

        Assert.Equal(last.GameId, next.GameId);
        Assert.Equal(last.Tick + 1, next.Tick);
        Assert.True(next.Phase is GamePhase.Active or GamePhase.Rugged);
        Assert.Equal(Start.AddMinutes(5), next.ReceivedAt);
    }

    [Fact]
    public void A_game_restarted_after_a_rug_begins_with_a_cooldown_for_a_new_round()
    {
        var rug = Play(new SyntheticGameOptions { Seed = 5 }, 2_000).First(t => t.Rugged);

        var next = new SyntheticGame("demo", new SyntheticGameOptions { Seed = 6 }, Start, rug).Next();

        Assert.Equal(GamePhase.Cooldown, next.Phase);
        Assert.NotEqual(rug.GameId, next.GameId);
    }

    private static List<FeedTick> Play(SyntheticGameOptions options, int count)
    {
        var game = new SyntheticGame("demo", options, Start);
        return Enumerable.Range(0, count).Select(_ => game.Next()).ToList();
    }

    [GeneratedRegex("^[0-9]{8}-[0-9a-f]{16}$")]
    private static partial Regex RoundId();
}
