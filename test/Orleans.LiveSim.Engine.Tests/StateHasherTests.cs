using Orleans.LiveSim.Engine.Sessions;
using Orleans.LiveSim.Engine.Ticks;

namespace Orleans.LiveSim.Engine.Tests;

/// <summary>
/// The state hash's building blocks. Their values are pinned: a stored session mixes on from its stored hash, and
/// replays are compared by hash, so the same words must give the same value on every platform and in every release.
/// </summary>
public sealed class StateHasherTests
{
    private static readonly FeedTick Tick = new("p", 7, "20251207-e8186dbf38e046d1", 129, 1.061531247396796m, GamePhase.Active, true, false, DateTimeOffset.UnixEpoch);

    [Fact]
    public void The_hash_functions_give_the_same_values_on_every_platform()
    {
        Assert.Equal("d022ee5c3b04521e", StateHasher.ToHex(StateHasher.Mix(StateHasher.Seed, 0L)));
        Assert.Equal("b2dd404ed1b3eac5", StateHasher.ToHex(StateHasher.Mix(StateHasher.Seed, -1L)));
        Assert.Equal("295ac3daf5326d16", StateHasher.ToHex(StateHasher.Mix(StateHasher.Seed, 1.061531247396796m)));
        Assert.Equal("a69dd6f10f12c2dc", StateHasher.ToHex(StateHasher.Mix(StateHasher.Seed, "20251207-e8186dbf38e046d1")));
        Assert.Equal("3be461ef83f445db", StateHasher.ToHex(StateHasher.MixTick(StateHasher.Seed, Tick)));
        Assert.Equal("4fa8d3e0a94eaa96", StateHasher.ToHex(StateHasher.Finish(StateHasher.Seed)));
    }

    [Theory]
    [InlineData("1", "1.0")]
    [InlineData("1", "1.0000000000000000000000000000")]
    [InlineData("0", "-0.000")]
    [InlineData("-2.5", "-2.500000")]
    [InlineData("1.061531247396796", "1.0615312473967960000")]
    [InlineData("12345678901234567890.5", "12345678901234567890.50")]
    [InlineData("1844674407370955161.6", "1844674407370955161.600000")]
    public void Equal_decimals_hash_alike_however_they_are_written(string a, string b)
    {
        var (x, y) = (decimal.Parse(a, System.Globalization.CultureInfo.InvariantCulture), decimal.Parse(b, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(x, y);
        Assert.Equal(StateHasher.Mix(StateHasher.Seed, x), StateHasher.Mix(StateHasher.Seed, y));
        Assert.Equal(StateHasher.MixTick(StateHasher.Seed, Tick with { Price = x }), StateHasher.MixTick(StateHasher.Seed, Tick with { Price = y }));
    }

    [Fact]
    public void Different_decimals_hash_differently()
    {
        decimal[] values =
        [
            0m, 1m, -1m, 10m, 0.1m, 1.5m, 1.05m, 15m, 0.15m, -1.5m, 1.061531247396796m, 1.061531247396797m, 0.0000000001m,
            18446744073709551615m, 18446744073709551616m, 79228162514264337593543950335m, 79228162514264337593543950334m,
            7922816251426433759354395033.5m, -79228162514264337593543950335m,
        ];

        Assert.Equal(values.Length, values.Select(v => StateHasher.Mix(StateHasher.Seed, v)).Distinct().Count());
        Assert.Equal(values.Length, values.Select(v => StateHasher.MixTick(StateHasher.Seed, Tick with { Price = v })).Distinct().Count());
    }

    [Fact]
    public void Strings_hash_by_length_and_content_and_null_is_not_empty()
    {
        string?[] values = [null, "", "a", "a\0", "\0a", "abcd", "abce", "abcde", "abcd\0", "bcda", "20251207-e8186dbf38e046d1", "20251207-e8186dbf38e046d2"];

        Assert.Equal(values.Length, values.Select(v => StateHasher.Mix(StateHasher.Seed, v)).Distinct().Count());
    }

    [Fact]
    public void Every_field_of_a_tick_but_its_feed_seq_round_and_time_changes_the_tick_hash()
    {
        FeedTick[] changed =
        [
            Tick,
            Tick with { Tick = 130 },
            Tick with { Price = 1.061531247396797m },
            Tick with { Phase = GamePhase.Rugged },
            Tick with { Active = false },
            Tick with { Rugged = true },
            Tick with { Kind = FeedTickKind.Gap },
            Tick with { GapTicks = 1 },
            Tick with { Tick = 1, GapTicks = 129 },
        ];
        FeedTick[] same = [Tick with { FeedId = "q" }, Tick with { Seq = 8 }, Tick with { GameId = "other" }, Tick with { ReceivedAt = DateTimeOffset.MaxValue }];

        Assert.Equal(changed.Length, changed.Select(t => StateHasher.MixTick(StateHasher.Seed, t)).Distinct().Count());
        Assert.All(same, t => Assert.Equal(StateHasher.MixTick(StateHasher.Seed, Tick), StateHasher.MixTick(StateHasher.Seed, t)));
    }
}
