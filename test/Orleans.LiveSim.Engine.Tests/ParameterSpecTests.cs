using Orleans.LiveSim.Engine.Configuration;
using Orleans.LiveSim.Engine.Rules;
using Orleans.LiveSim.Engine.Sessions;
using Orleans.LiveSim.Engine.Strategies;

namespace Orleans.LiveSim.Engine.Tests;

public sealed class ParameterSpecTests
{
    [Fact]
    public void Default_config_keeps_every_rule()
    {
        Assert.Empty(SessionConfigRules.Validate(SessionConfig.Default));
    }

    [Fact]
    public void Every_parameter_reads_back_what_it_sets()
    {
        var p = new StrategyParameters();
        foreach (var spec in TickScheduleParameterSpecs.All)
        {
            Assert.Equal(spec.Get(p), spec.Get(spec.Set(p, spec.Get(p))!));
        }
    }

    [Fact]
    public void Catalogue_lists_every_parameter_with_its_bounds_and_default()
    {
        var info = Assert.Single(StrategyCatalog.All).Parameters;

        Assert.Equal(TickScheduleParameterSpecs.All.Select(s => s.Name), info.Select(p => p.Name));
        Assert.Equal("200", info.Single(p => p.Name == "entryTick").Default);
        Assert.Equal("[0.001,0.001,0.001,0.001]", info.Single(p => p.Name == "betSizes").Default);
        Assert.Equal("\"fixed\"", info.Single(p => p.Name == "sizing").Default);
        Assert.Equal("null", info.Single(p => p.Name == "dailyLossLimit").Default);
        Assert.All(info.Where(p => p.Type is "number" or "integer" or "number[]"), p => Assert.True(p.Min is not null && p.Max is not null, p.Name));
    }

    [Theory]
    [InlineData("entryTick", 5001, "must be between 0 and 5000.")]
    [InlineData("numBets", 0, "must be between 1 and 100.")]
    [InlineData("winRate", 1.0, "must be between 0.0001 and 0.9999.")]
    [InlineData("dailyLossLimit", 0.0, "must be between 0.0001 and 1.")]
    public void A_parameter_out_of_its_bounds_is_named(string name, double value, string message)
    {
        var spec = TickScheduleParameterSpecs.Find(name)!;
        var boxed = spec.Type == "integer" ? (object)(int)value : (decimal)value;

        var errors = TickScheduleParameterSpecs.Validate(spec.Set(new StrategyParameters(), boxed)!, SidebetRules.Default);

        Assert.Equal([new ConfigError(name, message)], errors);
    }

    [Fact]
    public void Stakes_must_be_one_to_a_hundred_inside_the_rules_and_theta_base_at_most_theta_max()
    {
        var rules = SidebetRules.Default;

        Assert.Equal([new ConfigError("betSizes", "must have 1 to 100 stakes.")], TickScheduleParameterSpecs.Validate(new StrategyParameters { BetSizes = [] }, rules));
        Assert.Equal([new ConfigError("betSizes", "must have 1 to 100 stakes.")], TickScheduleParameterSpecs.Validate(new StrategyParameters { BetSizes = [.. Enumerable.Repeat(0.001m, 101)] }, rules));
        Assert.Equal([new ConfigError("betSizes[1]", "must be between 0.001 and 1.0.")], TickScheduleParameterSpecs.Validate(new StrategyParameters { BetSizes = [0.001m, 2m, 3m] }, rules));
        Assert.Equal(
            [new ConfigError("thetaMax", "must be at least thetaBase (3).")],
            TickScheduleParameterSpecs.Validate(new StrategyParameters { Sizing = new SizingParameters { ThetaBase = 3m, ThetaMax = 2m } }, rules));
    }

    [Fact]
    public void Starting_balance_must_be_positive_and_at_most_a_million_and_the_strategy_known()
    {
        var errors = SessionConfigRules.Validate(SessionConfig.Default with { StartingBalance = 0m, StrategyId = "nope" });

        Assert.Equal(["startingBalance", "strategyId"], errors.Select(e => e.Field));
    }

    [Fact]
    public void A_choice_outside_its_list_sets_nothing()
    {
        Assert.Null(TickScheduleParameterSpecs.Find("sizing")!.Set(new StrategyParameters(), "yolo"));
        Assert.Null(TickScheduleParameterSpecs.Find("kellyNoEdge")!.Set(new StrategyParameters(), "maybe"));
    }
}
