using System.Text.Json;
using Orleans.LiveSim.Engine.Configuration;
using Orleans.LiveSim.Engine.Sessions;
using Orleans.LiveSim.Engine.Strategies;

namespace Orleans.LiveSim.Engine.Tests;

public sealed class LegacyStrategyFileTests
{
    /// <summary>What a legacy file must map to (fields not listed keep their defaults).</summary>
    public sealed record Expected(
        string Format, decimal Balance, int EntryTick, decimal Stake, SizingMode Mode, bool Dynamic, decimal Threshold, decimal Multiplier,
        bool ReduceOnDrawdown, decimal MaxDrawdown, decimal TakeProfit);

    private static readonly Dictionary<string, Expected> Files = new()
    {
        ["20850p.json"] = new("1", 0.1m, 208, 0.003m, SizingMode.Fixed, true, 51m, 2.5m, true, 0.5m, 1.5m),
        ["219.json"] = new("1", 0.26m, 219, 0.001m, SizingMode.Kelly, true, 60m, 3m, true, 0.5m, 1.8m),
        ["TestStrategy-Kelly25.json"] = new("1", 0.1m, 219, 0.001m, SizingMode.Kelly, true, 55m, 2m, true, 0.15m, 1.5m),
        ["beta-2.json"] = new("1", 0.1m, 219, 0.0027m, SizingMode.Fixed, true, 53m, 2.5m, true, 0.5m, 1.8m),
        ["beta-strat-01.json"] = new("1", 0.1m, 219, 0.003m, SizingMode.Fixed, true, 52m, 2.5m, true, 0.5m, 1.85m),
        ["beta-strat-03.json"] = new("1", 0.1m, 219, 0.0027m, SizingMode.Fixed, true, 52m, 2.5m, true, 0.5m, 1.85m),
        ["theta_bayesian_conservative.json"] = new("2.0.0", 0.1m, 219, 0.001m, SizingMode.ThetaBayesian, false, 55m, 2m, false, 0.1m, 1.3m),
    };

    public static TheoryData<string> FileNames => [.. Files.Keys];

    private static JsonElement Load(string name) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(SharedData.LegacyStrategies, name))).RootElement.Clone();

    [SharedDataTheory]
    [MemberData(nameof(FileNames))]
    public void Legacy_file_maps_to_the_expected_parameters(string name)
    {
        var expected = Files[name];

        var (file, errors) = LegacyStrategyFile.Parse(Load(name));

        Assert.Empty(errors);
        Assert.NotNull(file);
        var p = file.Parameters;
        Assert.Equal(Path.GetFileNameWithoutExtension(name), file.Name);
        Assert.Equal(expected.Format, file.Format);
        Assert.Equal(expected.Balance, file.InitialBalance);
        Assert.Equal(expected.EntryTick, p.EntryTick);
        Assert.Equal(4, p.NumBets);
        Assert.Equal(5, p.Cooldown);
        Assert.Equal([expected.Stake, expected.Stake, expected.Stake, expected.Stake], p.BetSizes);
        Assert.Equal(expected.Mode, p.Sizing.Mode);
        Assert.Equal(0.25m, p.Sizing.KellyFraction);
        Assert.Equal(0.185m, p.Sizing.WinRate);
        Assert.Equal(expected.Dynamic, p.Sizing.DynamicSizing);
        Assert.Equal(expected.Threshold, p.Sizing.DynamicThreshold);
        Assert.Equal(expected.Multiplier, p.Sizing.DynamicMultiplier);
        Assert.Equal(expected.ReduceOnDrawdown, p.Sizing.ReduceOnDrawdown);
        Assert.Equal(expected.MaxDrawdown, p.Risk.MaxDrawdownPct);
        Assert.Equal(expected.TakeProfit, p.Risk.TakeProfitTarget);
        Assert.Null(p.Risk.DailyLossLimit);
    }

    [SharedDataFact]
    public void Theta_profile_maps_its_scaling_block()
    {
        var (file, errors) = LegacyStrategyFile.Parse(Load("theta_bayesian_conservative.json"));

        Assert.Empty(errors);
        var sizing = file!.Parameters.Sizing;
        Assert.Equal(1.3m, sizing.WinStreakMultiplier);
        Assert.Equal(2.0m, sizing.MaxStreakMultiplier);
        Assert.Equal(0.5m, sizing.ThetaBase);
        Assert.Equal(2.0m, sizing.ThetaMax);
        Assert.True(sizing.VolatilityScaling);
    }

    [SharedDataFact]
    public void Every_legacy_file_in_the_shared_folder_is_known_to_these_tests()
    {
        var names = Directory.GetFiles(SharedData.LegacyStrategies, "*.json").Select(Path.GetFileName).Order();

        Assert.Equal(Files.Keys.Order(), names);
    }

    [SharedDataTheory]
    [MemberData(nameof(FileNames))]
    public void Legacy_file_as_the_request_body_or_in_legacyStrategy_starts_a_session_that_bets(string name)
    {
        var fileJson = File.ReadAllText(Path.Combine(SharedData.LegacyStrategies, name));
        var asBody = JsonDocument.Parse(fileJson.TrimEnd().TrimEnd('}') + ", \"feedId\": \"demo\"}").RootElement;
        var wrapped = JsonDocument.Parse($"{{\"feedId\": \"demo\", \"legacyStrategy\": {fileJson}}}").RootElement;

        var (a, errorsA) = SessionConfigParser.Parse(asBody);
        var (b, errorsB) = SessionConfigParser.Parse(wrapped);

        Assert.Empty(errorsA);
        Assert.Empty(errorsB);
        Assert.Equal(Files[name].Balance, a!.StartingBalance);
        Assert.Equal(Path.GetFileNameWithoutExtension(name), a.Name);
        Assert.Equal(Files[name].Format, a.LegacyFormat);
        Assert.Equal(SessionConfigParser.ToParamsJson(a.Parameters).ToJsonString(), SessionConfigParser.ToParamsJson(b!.Parameters).ToJsonString());

        var feed = new Feed().Run("g1", 0, 230);
        var (engine, events) = Feed.Apply(a, feed.Ticks);
        var placed = Assert.Single(events.OfType<BetPlaced>());
        Assert.Equal(Files[name].EntryTick, placed.Bet.StartTick);
        Assert.Equal(Math.Floor(Files[name].Stake * 1000m) / 1000m, placed.Bet.Stake);
        Assert.Equal(SessionStatus.Running, engine.State.Status);
    }
}
