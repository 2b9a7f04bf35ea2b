using Orleans.LiveSim.Abstractions.Feeds;
using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Engine.Configuration;
using Orleans.LiveSim.Engine.Strategies;
using Orleans.LiveSim.Silo.Contracts;

namespace Orleans.LiveSim.Api.Tests.Contracts;

public sealed class CreateSessionRequestTests
{
    private readonly CreateRequests _requests = new();

    [Fact]
    public async Task Empty_body_gives_the_defaults()
    {
        var check = await _requests.CheckAsync("{}");

        Assert.Empty(check.Errors);
        Assert.Equal(0.1m, check.Config!.StartingBalance);
        Assert.Equal(SizingMode.Fixed, check.Config.Parameters.Sizing.Mode);
        Assert.Null(check.Config.Name);
        Assert.Equal(("demo", SessionMode.Live, (ProviderKind?)ProviderKind.Synthetic), (check.Source!.FeedId, check.Source.Mode, check.Source.Provider));
    }

    [Fact]
    public async Task Strategy_params_carry_every_sizing_and_risk_parameter()
    {
        var check = await _requests.CheckAsync("""
            {"startingBalance": 0.5, "strategy": {"id": "tick-schedule", "params": {
              "entryTick": 219, "numBets": 3, "cooldown": 2, "betSizes": [0.0027, 0.003], "sizing": "theta-bayesian",
              "kellyFraction": 0.5, "winRate": 0.2, "kellyNoEdge": "skip", "dynamicSizing": true, "dynamicThreshold": 52,
              "dynamicMultiplier": 2.5, "dynamicMinSamples": 30, "reduceOnDrawdown": true, "drawdownThreshold": 0.05,
              "drawdownFloor": 0.3, "lossStreakMultiplier": 1.5, "maxLossMultiplier": 4, "winStreakMultiplier": 1.2,
              "maxStreakMultiplier": 3, "thetaBase": 0.6, "thetaMax": 1.8, "thetaPriorWeight": 40, "volatilityScaling": true,
              "maxDrawdownPct": 0.3, "takeProfitTarget": 2, "dailyLossLimit": 0.1}}}
            """);

        Assert.Empty(check.Errors);
        var p = check.Config!.Parameters;
        var s = p.Sizing;
        Assert.Equal(0.5m, check.Config.StartingBalance);
        Assert.Equal((219, 3, 2), (p.EntryTick, p.NumBets, p.Cooldown));
        Assert.Equal([0.0027m, 0.003m], p.BetSizes);
        Assert.Equal(SizingMode.ThetaBayesian, s.Mode);
        Assert.Equal((0.5m, 0.2m, KellyNoEdge.Skip), (s.KellyFraction, s.WinRate, s.KellyNoEdge));
        Assert.Equal((true, 52m, 2.5m, 30), (s.DynamicSizing, s.DynamicThreshold, s.DynamicMultiplier, s.DynamicMinSamples));
        Assert.Equal((true, 0.05m, 0.3m), (s.ReduceOnDrawdown, s.DrawdownThreshold, s.DrawdownFloor));
        Assert.Equal((1.5m, 4m, 1.2m, 3m), (s.LossStreakMultiplier, s.MaxLossMultiplier, s.WinStreakMultiplier, s.MaxStreakMultiplier));
        Assert.Equal((0.6m, 1.8m, 40m, true), (s.ThetaBase, s.ThetaMax, s.ThetaPriorWeight, s.VolatilityScaling));
        Assert.Equal((0.3m, 2m, 0.1m), (p.Risk.MaxDrawdownPct, p.Risk.TakeProfitTarget, p.Risk.DailyLossLimit));
    }

    [Theory]
    [InlineData("""{"strategy": {"params": {"numBetz": 3}}}""", "strategy.params.numBetz")]
    [InlineData("""{"strategy": {"params": {"sizing": "yolo"}}}""", "strategy.params.sizing")]
    [InlineData("""{"strategy": {"params": {"thetaBase": 2.5, "thetaMax": 2}}}""", "strategy.params.thetaMax")]
    [InlineData("""{"strategy": {"params": {"winRate": 1}}}""", "strategy.params.winRate")]
    [InlineData("""{"strategy": {"params": {"dailyLossLimit": 0}}}""", "strategy.params.dailyLossLimit")]
    [InlineData("""{"strategy": {"params": {"betSizes": [0.0005]}}}""", "strategy.params.betSizes[0]")]
    [InlineData("""{"strategy": {"params": {"betSizes": [0.001, "x"]}}}""", "strategy.params.betSizes[1]")]
    [InlineData("""{"strategy": {"params": {"betSizes": []}}}""", "strategy.params.betSizes")]
    [InlineData("""{"strategy": {"params": {"numBets": 2.5}}}""", "strategy.params.numBets")]
    [InlineData("""{"strategy": {"params": {"numBets": "3"}}}""", "strategy.params.numBets")]
    [InlineData("""{"strategy": {"id": "no-such"}}""", "strategy.id")]
    [InlineData("""{"strategy": {"id": "tick-schedule", "name": "x"}}""", "strategy.name")]
    [InlineData("""{"strategy": {"id": "tick-schedule"}, "legacyStrategy": {"entry_tick": 10}}""", "strategy")]
    [InlineData("""{"strategy": {"id": "tick-schedule"}, "entry_tick": 10}""", "strategy")]
    [InlineData("""{"legacyStrategy": {"params": {"entry_tick": 10, "num_betz": 2}}}""", "legacyStrategy.params.num_betz")]
    [InlineData("""{"legacyStrategy": {"entry_tick": 10, "params": {"entry_tick": 12}}}""", "legacyStrategy.params.entry_tick")]
    [InlineData("""{"legacyStrategy": {"params": {"max_drawdown_pct": 50}}}""", "legacyStrategy.params.max_drawdown_pct")]
    [InlineData("""{"legacyStrategy": {"params": {"use_kelly_sizing": "yes"}}}""", "legacyStrategy.params.use_kelly_sizing")]
    [InlineData("""{"legacyStrategy": {"params": {"use_kelly_sizing": true}, "use_kelly_sizing": false}}""", "legacyStrategy.params.use_kelly_sizing")]
    [InlineData("""{"legacyStrategy": {"schema_version": "2.0.0", "scaling": {"mode": "fixed", "use_kelly_sizing": true}}}""", "legacyStrategy.scaling.use_kelly_sizing")]
    [InlineData("""{"legacyStrategy": {"schema_version": "2.0.0", "scaling": {"mode": "moon"}}}""", "legacyStrategy.scaling.mode")]
    [InlineData("""{"legacyStrategy": {"schema_version": "2.0.0", "execution": {"entry_tick": 10, "extra": 1}}}""", "legacyStrategy.execution.extra")]
    [InlineData("""{"legacyStrategy": {"schema_version": "2.0.0", "scaling": {"theta_base": 3, "theta_max": 2}}}""", "legacyStrategy.scaling.theta_max")]
    [InlineData("""{"legacyStrategy": {"schema_version": "3.0.0"}}""", "legacyStrategy.schema_version")]
    [InlineData("""{"legacyStrategy": {"schema_version": "2.0.0", "params": {}}}""", "legacyStrategy.params")]
    [InlineData("""{"legacyStrategy": {"schema_version": "2.0.0", "entry_tick": 10}}""", "legacyStrategy.entry_tick")]
    [InlineData("""{"legacyStrategy": {"execution": {"entry_tick": 10}}}""", "legacyStrategy.execution")]
    [InlineData("""{"legacyStrategy": "219.json"}""", "legacyStrategy")]
    [InlineData("""{"schema_version": "2.0.0", "risk_controls": {"daily_loss_limit": 2}}""", "risk_controls.daily_loss_limit")]
    [InlineData("""{"feedId": "demo", "initial_balance": 0.1, "entry_tik": 5}""", "entry_tik")]
    [InlineData("""{"feedId": "demo", "initial_balance": 0.1, "mode": "live"}""", "mode")]
    [InlineData("""{"initial_balance": -1}""", "initial_balance")]
    [InlineData("""{"colour": "red"}""", "colour")]
    [InlineData("""{"feedId": 7}""", "feedId")]
    [InlineData("""{"feedId": " "}""", "feedId")]
    [InlineData("""{"feedId": "no-such-feed"}""", "feedId")]
    [InlineData("""{"source": "monte_carlo"}""", "source")]
    [InlineData("""{"source": {"feedId": "demo", "speed": "fast"}}""", "source.speed")]
    [InlineData("""{"source": {"feedId": "demo", "speed": 0}}""", "source.speed")]
    [InlineData("""{"source": {"feedId": "demo", "fromSeq": 0}}""", "source.fromSeq")]
    [InlineData("""{"source": {"feedId": "demo", "fromSeq": 5, "toSeq": 4}}""", "source.toSeq")]
    [InlineData("""{"source": {"recordingId": "nope"}}""", "source.recordingId")]
    [InlineData("""{"source": {"feedId": "no-such-feed"}}""", "source.feedId")]
    [InlineData("""{"source": {"until": 5}}""", "source.until")]
    [InlineData("""[1, 2]""", "$")]
    [InlineData("""{"feedId": "demo" """, "$")]
    public async Task Invalid_or_contradictory_field_is_named_in_the_error(string body, string field)
    {
        Assert.Equal(field, await _requests.SingleErrorFieldAsync(body));
    }

    [Theory]
    [InlineData("""{"feedId": "\ud800"}""", "feedId")]
    [InlineData("""{"strategy": {"id": "tick-\udc00"}}""", "strategy.id")]
    [InlineData("""{"strategy": {"params": {"sizing": "\ud800kelly"}}}""", "strategy.params.sizing")]
    [InlineData("""{"source": {"recordingId": "\ud800"}}""", "source.recordingId")]
    [InlineData("""{"source": "\ud800"}""", "source")]
    [InlineData("""{"legacyStrategy": {"name": "\ud800"}}""", "legacyStrategy.name")]
    [InlineData("""{"name": "\ud800", "entry_tick": 10}""", "name")]
    [InlineData("""{"schema_version": "2.0.0", "scaling": {"mode": "\ud800"}}""", "scaling.mode")]
    [InlineData("""{"\ud800": 1}""", "$")]
    [InlineData("""{"strategy": {"params": {"\ud800": 1}}}""", "strategy.params")]
    public async Task Lone_surrogates_in_a_string_or_a_property_name_are_400_naming_the_field(string body, string field)
    {
        var check = await _requests.CheckAsync(body);

        Assert.Equal(400, check.Status);
        var error = Assert.Single(check.Errors);
        Assert.Equal(field, error.Key);
        Assert.Equal(RequestJson.InvalidText, Assert.Single(error.Value));
    }

    [Theory]
    [InlineData("""{"startingBalance": 1e308}""", "startingBalance")]
    [InlineData("""{"startingBalance": -1e308}""", "startingBalance")]
    [InlineData("""{"strategy": {"params": {"winRate": 1e29}}}""", "strategy.params.winRate")]
    [InlineData("""{"strategy": {"params": {"entryTick": 1e12}}}""", "strategy.params.entryTick")]
    [InlineData("""{"source": {"feedId": "demo", "toSeq": 1e30}}""", "source.toSeq")]
    [InlineData("""{"legacyStrategy": {"initial_balance": 1e308}}""", "legacyStrategy.initial_balance")]
    public async Task Numbers_too_large_for_their_type_are_400_out_of_range_naming_the_field(string body, string field)
    {
        var check = await _requests.CheckAsync(body);

        var error = Assert.Single(check.Errors);
        Assert.Equal(field, error.Key);
        Assert.StartsWith("is out of range", Assert.Single(error.Value), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bet_sizes_may_have_at_most_one_stake_per_bet_of_a_round()
    {
        var hundred = string.Join(", ", Enumerable.Repeat("0.001", TickScheduleParameterSpecs.MaxBetsPerRound));
        var accepted = await _requests.CheckAsync("{\"strategy\": {\"params\": {\"betSizes\": [" + hundred + "]}}}");
        var refused = await _requests.CheckAsync("{\"strategy\": {\"params\": {\"betSizes\": [" + hundred + ", 0.001]}}}");
        var legacy = await _requests.CheckAsync("{\"legacyStrategy\": {\"params\": {\"bet_sizes\": [" + hundred + ", 0.001]}}}");

        Assert.Empty(accepted.Errors);
        Assert.Equal(["must have 1 to 100 stakes."], refused.Errors["strategy.params.betSizes"]);
        Assert.Equal(["must have 1 to 100 stakes."], legacy.Errors["legacyStrategy.params.bet_sizes"]);
    }

    [Fact]
    public async Task Legacy_file_as_body_sits_beside_the_request_fields()
    {
        var check = await _requests.CheckAsync("""{"feedId": "demo", "initial_balance": 0.2, "entry_tick": 150, "bet_sizes": [0.002]}""");

        Assert.Empty(check.Errors);
        Assert.Equal(0.2m, check.Config!.StartingBalance);
        Assert.Equal(150, check.Config.Parameters.EntryTick);
        Assert.Equal([0.002m], check.Config.Parameters.BetSizes);
        Assert.Equal("1", check.Config.LegacyFormat);
        Assert.Equal("demo", check.Source!.FeedId);
    }

    [Fact]
    public async Task Request_starting_balance_overrides_the_file_initial_balance()
    {
        var check = await _requests.CheckAsync("""{"startingBalance": 0.7, "legacyStrategy": {"initial_balance": 0.2, "params": {"entry_tick": 150}}}""");

        Assert.Empty(check.Errors);
        Assert.Equal(0.7m, check.Config!.StartingBalance);
    }

    [Fact]
    public async Task V2_use_kelly_sizing_agreeing_with_the_mode_is_accepted()
    {
        var check = await _requests.CheckAsync("""{"legacyStrategy": {"schema_version": "2.0.0", "scaling": {"mode": "kelly", "use_kelly_sizing": true}, "monte_carlo_metrics": {"win_rate_assumption": 0.3, "sharpe_ratio": 1.2}}}""");

        Assert.Empty(check.Errors);
        Assert.Equal(SizingMode.Kelly, check.Config!.Parameters.Sizing.Mode);
        Assert.Equal(0.3m, check.Config.Parameters.Sizing.WinRate);
    }

    [Fact]
    public async Task V2_body_keeps_its_provenance_string_in_source_and_a_replay_object_still_works_beside_a_v1_body()
    {
        var v2 = await _requests.CheckAsync("""{"schema_version": "2.0.0", "source": "monte_carlo", "execution": {"entry_tick": 150}}""");
        await _requests.Journal.AppendAsync("demo", [new Engine.Ticks.FeedTick("demo", 1, "g", 0, 1m, Engine.Ticks.GamePhase.Active, true, false, DateTimeOffset.UnixEpoch)]);
        var v1 = await _requests.CheckAsync("""{"entry_tick": 150, "source": {"feedId": "demo", "speed": 2}}""");

        Assert.Empty(v2.Errors);
        Assert.Equal((SessionMode.Live, 150), (v2.Source!.Mode, v2.Config!.Parameters.EntryTick));
        Assert.Empty(v1.Errors);
        Assert.Equal((SessionMode.Replay, 1L, 1L, 2m), (v1.Source!.Mode, v1.Source.FromSeq, v1.Source.ToSeq, v1.Source.Speed!.Value.Multiple));
    }

    [Theory]
    [InlineData("progressive", SizingMode.Martingale)]
    [InlineData("anti_martingale", SizingMode.AntiMartingale)]
    [InlineData("theta_bayesian", SizingMode.ThetaBayesian)]
    [InlineData("drawdown", SizingMode.DrawdownReduced)]
    [InlineData("dynamic", SizingMode.Dynamic)]
    public async Task V2_scaling_modes_map_to_sizing_modes(string legacyMode, SizingMode mode)
    {
        var check = await _requests.CheckAsync("{\"schema_version\": \"2.0.0\", \"scaling\": {\"mode\": \"" + legacyMode + "\"}}");

        Assert.Empty(check.Errors);
        Assert.Equal(mode, check.Config!.Parameters.Sizing.Mode);
    }

    [Fact]
    public async Task Params_shown_in_a_view_parse_back_to_the_same_parameters()
    {
        var check = await _requests.CheckAsync("""{"strategy": {"params": {"sizing": "kelly", "winRate": 0.3, "betSizes": [0.0027], "maxDrawdownPct": 0.2}}}""");
        var shown = System.Text.Json.JsonSerializer.Serialize(check.Config!.Parameters, CreateRequests.Json);

        var again = await _requests.CheckAsync("{\"strategy\": {\"id\": \"tick-schedule\", \"params\": " + shown + "}}");

        Assert.Empty(again.Errors);
        Assert.Equal(shown, System.Text.Json.JsonSerializer.Serialize(again.Config!.Parameters, CreateRequests.Json));
        Assert.Contains("\"sizing\":\"kelly\"", shown);
        Assert.Contains("\"dailyLossLimit\":null", shown);
    }

    [Fact]
    public async Task Catalogue_describes_every_parameter_of_the_request_record_with_a_default_that_parses()
    {
        var info = Assert.Single(StrategyCatalog.All);
        var shown = System.Text.Json.JsonSerializer.SerializeToElement(new StrategyParameters(), CreateRequests.Json);

        Assert.Equal(shown.EnumerateObject().Select(p => p.Name), info.Parameters.Select(p => p.Name));
        Assert.Equal(StrategyParamsMapping.Properties.Select(p => p.Name), info.Parameters.Select(p => p.Name));
        var defaults = string.Join(", ", info.Parameters.Select(p => $"\"{p.Name}\": {p.Default}"));
        var check = await _requests.CheckAsync("{\"strategy\": {\"id\": \"tick-schedule\", \"params\": {" + defaults + "}}}");
        Assert.Empty(check.Errors);
        Assert.Equal(shown.GetRawText(), System.Text.Json.JsonSerializer.Serialize(check.Config!.Parameters, CreateRequests.Json));
        Assert.Equal(SizingModeNames.All, info.Parameters.Single(p => p.Name == "sizing").Choices);
        Assert.All(info.Parameters.Where(p => p.Type is "number" or "integer"), p => Assert.True(p.Min is not null && p.Max is not null, p.Name));
    }
}
