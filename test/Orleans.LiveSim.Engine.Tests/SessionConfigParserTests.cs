using System.Text.Json;
using Orleans.LiveSim.Engine.Configuration;
using Orleans.LiveSim.Engine.Strategies;

namespace Orleans.LiveSim.Engine.Tests;

public sealed class SessionConfigParserTests
{
    private static (Sessions.SessionConfig? Config, IReadOnlyList<ConfigError> Errors) Parse(string json) =>
        SessionConfigParser.Parse(JsonDocument.Parse(json).RootElement);

    private static string SingleErrorField(string json)
    {
        var (config, errors) = Parse(json);
        Assert.Null(config);
        return Assert.Single(errors).Field;
    }

    [Fact]
    public void Empty_body_gives_the_defaults()
    {
        var (config, errors) = Parse("{}");

        Assert.Empty(errors);
        Assert.Equal(0.1m, config!.StartingBalance);
        Assert.Equal(SizingMode.Fixed, config.Parameters.Sizing.Mode);
        Assert.Null(config.Name);
    }

    [Fact]
    public void Strategy_params_carry_every_sizing_and_risk_parameter()
    {
        var (config, errors) = Parse("""
            {"startingBalance": 0.5, "strategy": {"id": "tick-schedule", "params": {
              "entryTick": 219, "numBets": 3, "cooldown": 2, "betSizes": [0.0027, 0.003], "sizing": "theta-bayesian",
              "kellyFraction": 0.5, "winRate": 0.2, "kellyNoEdge": "skip", "dynamicSizing": true, "dynamicThreshold": 52,
              "dynamicMultiplier": 2.5, "dynamicMinSamples": 30, "reduceOnDrawdown": true, "drawdownThreshold": 0.05,
              "drawdownFloor": 0.3, "lossStreakMultiplier": 1.5, "maxLossMultiplier": 4, "winStreakMultiplier": 1.2,
              "maxStreakMultiplier": 3, "thetaBase": 0.6, "thetaMax": 1.8, "thetaPriorWeight": 40, "volatilityScaling": true,
              "maxDrawdownPct": 0.3, "takeProfitTarget": 2, "dailyLossLimit": 0.1}}}
            """);

        Assert.Empty(errors);
        var p = config!.Parameters;
        var s = p.Sizing;
        Assert.Equal(0.5m, config.StartingBalance);
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
    [InlineData("""{"strategy": {"id": "tick-schedule"}, "legacyStrategy": {"entry_tick": 10}}""", "strategy")]
    [InlineData("""{"strategy": {"id": "tick-schedule"}, "entry_tick": 10}""", "strategy")]
    [InlineData("""{"legacyStrategy": {"params": {"entry_tick": 10, "num_betz": 2}}}""", "legacyStrategy.params.num_betz")]
    [InlineData("""{"legacyStrategy": {"entry_tick": 10, "params": {"entry_tick": 12}}}""", "legacyStrategy.params.entry_tick")]
    [InlineData("""{"legacyStrategy": {"params": {"max_drawdown_pct": 50}}}""", "legacyStrategy.params.max_drawdown_pct")]
    [InlineData("""{"legacyStrategy": {"params": {"use_kelly_sizing": "yes"}}}""", "legacyStrategy.params.use_kelly_sizing")]
    [InlineData("""{"legacyStrategy": {"schema_version": "2.0.0", "scaling": {"mode": "fixed", "use_kelly_sizing": true}}}""", "legacyStrategy.scaling.use_kelly_sizing")]
    [InlineData("""{"legacyStrategy": {"schema_version": "2.0.0", "scaling": {"mode": "moon"}}}""", "legacyStrategy.scaling.mode")]
    [InlineData("""{"legacyStrategy": {"schema_version": "2.0.0", "execution": {"entry_tick": 10, "extra": 1}}}""", "legacyStrategy.execution.extra")]
    [InlineData("""{"legacyStrategy": {"schema_version": "2.0.0", "scaling": {"theta_base": 3, "theta_max": 2}}}""", "legacyStrategy.scaling.theta_max")]
    [InlineData("""{"legacyStrategy": {"schema_version": "3.0.0"}}""", "legacyStrategy.schema_version")]
    [InlineData("""{"legacyStrategy": {"schema_version": "2.0.0", "params": {}}}""", "legacyStrategy.params")]
    [InlineData("""{"schema_version": "2.0.0", "risk_controls": {"daily_loss_limit": 2}}""", "risk_controls.daily_loss_limit")]
    [InlineData("""{"feedId": "demo", "initial_balance": 0.1, "entry_tik": 5}""", "entry_tik")]
    [InlineData("""{"initial_balance": -1}""", "initial_balance")]
    public void Invalid_or_contradictory_field_is_named_in_the_error(string body, string field)
    {
        Assert.Equal(field, SingleErrorField(body));
    }

    [Fact]
    public void Legacy_file_as_body_leaves_the_request_fields_to_the_api()
    {
        var (config, errors) = Parse("""{"feedId": "demo", "mode": "live", "initial_balance": 0.2, "entry_tick": 150, "bet_sizes": [0.002]}""");

        Assert.Empty(errors);
        Assert.Equal(0.2m, config!.StartingBalance);
        Assert.Equal(150, config.Parameters.EntryTick);
        Assert.Equal([0.002m], config.Parameters.BetSizes);
        Assert.Equal("1", config.LegacyFormat);
    }

    [Fact]
    public void Request_starting_balance_overrides_the_file_initial_balance()
    {
        var (config, errors) = Parse("""{"startingBalance": 0.7, "legacyStrategy": {"initial_balance": 0.2, "params": {"entry_tick": 150}}}""");

        Assert.Empty(errors);
        Assert.Equal(0.7m, config!.StartingBalance);
    }

    [Fact]
    public void V2_use_kelly_sizing_agreeing_with_the_mode_is_accepted()
    {
        var (config, errors) = Parse("""{"legacyStrategy": {"schema_version": "2.0.0", "scaling": {"mode": "kelly", "use_kelly_sizing": true}, "monte_carlo_metrics": {"win_rate_assumption": 0.3, "sharpe_ratio": 1.2}}}""");

        Assert.Empty(errors);
        Assert.Equal(SizingMode.Kelly, config!.Parameters.Sizing.Mode);
        Assert.Equal(0.3m, config.Parameters.Sizing.WinRate);
    }

    [Theory]
    [InlineData("progressive", SizingMode.Martingale)]
    [InlineData("anti_martingale", SizingMode.AntiMartingale)]
    [InlineData("theta_bayesian", SizingMode.ThetaBayesian)]
    [InlineData("drawdown", SizingMode.DrawdownReduced)]
    [InlineData("dynamic", SizingMode.Dynamic)]
    public void V2_scaling_modes_map_to_sizing_modes(string legacyMode, SizingMode mode)
    {
        var (config, errors) = Parse("{\"schema_version\": \"2.0.0\", \"scaling\": {\"mode\": \"" + legacyMode + "\"}}");

        Assert.Empty(errors);
        Assert.Equal(mode, config!.Parameters.Sizing.Mode);
    }

    [Fact]
    public void Params_shown_in_a_view_parse_back_to_the_same_parameters()
    {
        var (config, _) = Parse("""{"strategy": {"params": {"sizing": "kelly", "winRate": 0.3, "betSizes": [0.0027], "maxDrawdownPct": 0.2}}}""");
        var shown = SessionConfigParser.ToParamsJson(config!.Parameters).ToJsonString();

        var (again, errors) = Parse("{\"strategy\": {\"id\": \"tick-schedule\", \"params\": " + shown + "}}");

        Assert.Empty(errors);
        Assert.Equal(shown, SessionConfigParser.ToParamsJson(again!.Parameters).ToJsonString());
        Assert.Contains("\"sizing\":\"kelly\"", shown);
        Assert.Contains("\"dailyLossLimit\":null", shown);
    }

    [Fact]
    public void Catalogue_describes_every_parameter_with_a_default_that_parses()
    {
        var info = Assert.Single(StrategyCatalog.All);
        var shown = SessionConfigParser.ToParamsJson(new StrategyParameters());

        Assert.Equal(shown.Select(kv => kv.Key), info.Parameters.Select(p => p.Name));
        var defaults = string.Join(", ", info.Parameters.Select(p => $"\"{p.Name}\": {p.Default}"));
        var (config, errors) = Parse("{\"strategy\": {\"id\": \"tick-schedule\", \"params\": {" + defaults + "}}}");
        Assert.Empty(errors);
        Assert.Equal(shown.ToJsonString(), SessionConfigParser.ToParamsJson(config!.Parameters).ToJsonString());
        Assert.Equal(SizingModeNames.All, info.Parameters.Single(p => p.Name == "sizing").Choices);
        Assert.All(info.Parameters.Where(p => p.Type is "number" or "integer"), p => Assert.True(p.Min is not null && p.Max is not null, p.Name));
    }
}
