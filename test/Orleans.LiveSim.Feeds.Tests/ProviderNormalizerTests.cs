using System.Text.Json;
using Orleans.LiveSim.Engine.Ticks;
using Orleans.LiveSim.Feeds.Provider;

namespace Orleans.LiveSim.Feeds.Tests;

public sealed class ProviderNormalizerTests
{
    private const string GameId = "20260206-003482fbeaae4ad5";
    private static readonly DateTimeOffset At = new(2026, 2, 6, 8, 4, 19, TimeSpan.Zero);

    private static (string EventType, string Data) Sample(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(SharedData.PhaseSamplesPath));
        var sample = document.RootElement.GetProperty(name);
        return (sample.GetProperty("event_type").GetString()!, sample.GetProperty("data").GetRawText());
    }

    private static (List<ProviderObservation> Observations, ProviderNormalizer Normalizer) Normalize(string name)
    {
        var (eventType, data) = Sample(name);
        var normalizer = new ProviderNormalizer();
        var observations = new List<ProviderObservation>();
        Assert.True(normalizer.Normalize(eventType, data, At, observations));
        Assert.Equal(0, normalizer.Malformed);
        return (observations, normalizer);
    }

    [SharedDataFact]
    public void Phase_samples_file_holds_the_eleven_documented_samples()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(SharedData.PhaseSamplesPath));
        Assert.Equal(11, document.RootElement.EnumerateObject().Count());
    }

    [SharedDataFact]
    public void Minimal_cooldown_message_is_a_partial_update_in_cooldown()
    {
        var (observations, normalizer) = Normalize("01_cooldown_early_minimal");
        var partial = Assert.IsType<PartialUpdateObservation>(Assert.Single(observations));
        Assert.Equal(new PartialUpdateObservation(GameId, GamePhase.Cooldown, 14900, At), partial);
        Assert.Equal(1, normalizer.PartialUpdates);
    }

    [SharedDataFact]
    public void Full_cooldown_message_is_a_cooldown_tick_and_history_without_prices_is_skipped()
    {
        var (observations, _) = Normalize("02_cooldown_early_full");
        Assert.Collection(
            observations,
            o => Assert.Equal((0, 0, 1m), AsPartial(o)),
            o => Assert.Equal(new TickObservation(GameId, 0, 1m, false, false, GamePhase.Cooldown, 15000, At), o));
    }

    [SharedDataFact]
    public void Pre_round_buys_map_to_presale()
    {
        var (observations, _) = Normalize("03_presale_transition");
        Assert.Equal(new TickObservation(GameId, 0, 1m, false, false, GamePhase.Presale, 10000, At), observations[^1]);
    }

    [SharedDataFact]
    public void Game_start_is_active_tick_zero_at_price_one()
    {
        var (observations, _) = Normalize("04_game_start_tick0");
        Assert.Equal(new TickObservation(GameId, 0, 1m, true, false, GamePhase.Active, 0, At), observations[^1]);
    }

    [SharedDataFact]
    public void Midgame_price_is_the_exact_decimal_of_the_json_number_text()
    {
        var (observations, _) = Normalize("05_active_midgame");
        Assert.Equal(new TickObservation(GameId, 103, 0.45273518739708896m, true, false, GamePhase.Active, 0, At), observations[^1]);
        var partial = Assert.IsType<PartialPricesObservation>(observations[0]);
        Assert.Equal((99, 103), (partial.StartTick, partial.EndTick));
        Assert.Equal(0.42755024139653963m, partial.Values[99]);
        Assert.Equal(5, partial.Values.Count);
    }

    [SharedDataTheory]
    [InlineData("06_trade_buy")]
    [InlineData("07_trade_sell")]
    [InlineData("08_trade_short_close")]
    [InlineData("09_trade_short_open")]
    public void Trades_are_ignored_without_being_malformed(string name)
    {
        var (observations, normalizer) = Normalize(name);
        Assert.Empty(observations);
        Assert.Equal((1, 1, 0), (normalizer.Messages, normalizer.Ignored, normalizer.Malformed));
    }

    [SharedDataFact]
    public void Rug_message_is_rugged_even_though_active_is_still_true()
    {
        var (observations, _) = Normalize("10_rug_event");
        Assert.Equal(new TickObservation(GameId, 255, 0.0017842710071060424m, true, true, GamePhase.Rugged, 0, At), observations[^1]);
        Assert.Equal((251, 255, 0.0017842710071060424m), AsPartialEnd(observations[0]));
    }

    [SharedDataFact]
    public void Post_rug_message_repeats_the_rug_tick()
    {
        var (observations, _) = Normalize("11_postrug_final");
        Assert.Equal(2, observations.Count);
        Assert.Equal(new TickObservation(GameId, 255, 0.0017842710071060424m, true, true, GamePhase.Rugged, 0, At), observations[1]);
    }

    [Fact]
    public void Trace_object_before_the_payload_is_skipped()
    {
        var normalizer = new ProviderNormalizer();
        var observations = new List<ProviderObservation>();
        var payload = """[{"__trace":true,"traceparent":"00-1"},{"gameId":"g","tickCount":7,"price":1.5,"active":true,"rugged":false,"extra":{"x":[1]}}]""";
        Assert.True(normalizer.Normalize("gameStateUpdate", payload, At, observations));
        Assert.Equal(new TickObservation("g", 7, 1.5m, true, false, GamePhase.Active, null, At), Assert.Single(observations));
        Assert.Equal(1, normalizer.ListPayloads);
    }

    [Fact]
    public void A_list_of_updates_yields_each_update_in_order()
    {
        var normalizer = new ProviderNormalizer();
        var observations = new List<ProviderObservation>();
        var payload = """[{"gameId":"g","tickCount":1,"price":1.1,"active":true},{"gameId":"g","tickCount":2,"price":1.2,"active":true}]""";
        Assert.True(normalizer.Normalize("gameStateUpdate", payload, At, observations));
        Assert.Equal([1, 2], observations.Cast<TickObservation>().Select(o => o.Tick));
    }

    [Theory]
    [InlineData("""{"gameId":"g","tickCount":1,"price":1.1""", "truncated JSON")]
    [InlineData("""{"gameId":"g","tickCount":"1","price":1.1}""", "tickCount as string")]
    [InlineData("""{"gameId":"g","tickCount":1,"price":"1.1"}""", "price as string")]
    [InlineData("""{"gameId":"g","tickCount":1.5,"price":1.1}""", "fractional tickCount")]
    [InlineData("""{"gameId":"g","tickCount":1,"price":1.1,"active":"yes"}""", "active as string")]
    [InlineData("""{"gameId":42,"tickCount":1,"price":1.1}""", "gameId as number")]
    [InlineData("""{"tickCount":1,"price":1.1,"active":true}""", "tick without gameId")]
    [InlineData("""{"gameId":"g","tickCount":1,"price":NaN}""", "NaN literal")]
    [InlineData("""{"gameId":"g","tickCount":1,"price":"NaN"}""", "NaN string")]
    [InlineData("""{"gameId":"g","tickCount":1,"price":-0.5}""", "negative price")]
    [InlineData("""{"gameId":"g","tickCount":1,"price":0}""", "zero price")]
    [InlineData("""{"gameId":"g","tickCount":1,"price":1e400}""", "price out of range")]
    [InlineData("""{"gameId":"g","tickCount":-3,"price":1.1}""", "negative tick")]
    [InlineData("""{"gameId":"g","tickCount":1}""", "tick without price")]
    [InlineData("""[{"gameId":"g","tickCount":1,"price":1.1},42]""", "list with a number")]
    [InlineData("""{"gameId":"g","tickCount":1,"price":1.1,"partialPrices":{"startTick":0,"endTick":1,"values":{"0":0}}}""", "zero partial price")]
    [InlineData("""{"gameId":"g","tickCount":1,"price":1.1,"gameHistory":{"id":"x"}}""", "gameHistory not a list")]
    [InlineData("\"just a string\"", "string payload")]
    [InlineData("", "empty payload")]
    public void Bad_message_is_counted_quarantined_and_yields_nothing(string payload, string because)
    {
        var normalizer = new ProviderNormalizer();
        var observations = new List<ProviderObservation>();
        Assert.False(normalizer.Normalize("gameStateUpdate", payload, At, observations), because);
        Assert.Empty(observations);
        Assert.Equal(1, normalizer.Malformed);
        var quarantined = Assert.Single(normalizer.Quarantine);
        Assert.Equal(payload, quarantined.Raw);
        Assert.False(string.IsNullOrEmpty(quarantined.Reason));
    }

    [Fact]
    public void Message_with_a_backwards_timestamp_is_malformed()
    {
        var normalizer = new ProviderNormalizer();
        var observations = new List<ProviderObservation>();
        Assert.True(normalizer.Normalize("gameStateUpdate", """{"gameId":"g","tickCount":1,"price":1.1,"active":true}""", At, observations));
        Assert.False(normalizer.Normalize("gameStateUpdate", """{"gameId":"g","tickCount":2,"price":1.2,"active":true}""", At.AddMilliseconds(-1), observations));
        Assert.Single(observations);
        Assert.Equal(1, normalizer.Malformed);
    }

    [Fact]
    public void Quarantine_keeps_only_the_newest_messages()
    {
        var normalizer = new ProviderNormalizer(new ProviderNormalizerOptions { QuarantineCapacity = 2 });
        var observations = new List<ProviderObservation>();
        foreach (var raw in new[] { "{1", "{2", "{3" })
        {
            normalizer.Normalize("gameStateUpdate", raw, At, observations);
        }

        Assert.Equal(3, normalizer.Malformed);
        Assert.Equal(["{2", "{3"], normalizer.Quarantine.Select(q => q.Raw));
    }

    private static (int, int, decimal) AsPartial(ProviderObservation o)
    {
        var p = Assert.IsType<PartialPricesObservation>(o);
        return (p.StartTick, p.EndTick, p.Values[p.StartTick]);
    }

    private static (int, int, decimal) AsPartialEnd(ProviderObservation o)
    {
        var p = Assert.IsType<PartialPricesObservation>(o);
        return (p.StartTick, p.EndTick, p.Values[p.EndTick]);
    }
}
