using Orleans.LiveSim.Engine.Sessions;
using Orleans.LiveSim.Engine.Strategies;
using Orleans.LiveSim.Engine.Ticks;

namespace Orleans.LiveSim.Api.Tests.Contracts;

public sealed class LegacyStrategyFileTests
{
    /// <summary>
    /// What a legacy file must map to (fields not listed keep their defaults), and the first stake the legacy live simulator
    /// staked with it, by its formulas as Python evaluates them (float arithmetic, round half to even):
    /// fixed 0.003 with dynamic x2.5: round(0.0075, 3) = 0.007 (the float is 0.00749999...); 0.0027 x 2.5 = 0.00675000...08 -> 0.007;
    /// Kelly on 0.26: 0.26 * 0.52 * 0.25 / 4 = 0.00845 x 3 -> 0.025; Kelly on 0.1: 0.00325 x 2 = 0.0065000...1 -> 0.007;
    /// theta (no Kelly, no dynamic in the legacy live simulator): 0.001.
    /// </summary>
    public sealed record Expected(
        string Format, decimal Balance, int EntryTick, decimal Stake, SizingMode Mode, bool Dynamic, decimal Threshold, decimal Multiplier,
        bool ReduceOnDrawdown, decimal MaxDrawdown, decimal TakeProfit, decimal LegacyFirstStake);

    private static readonly Dictionary<string, Expected> Files = new()
    {
        ["20850p.json"] = new("1", 0.1m, 208, 0.003m, SizingMode.Fixed, true, 51m, 2.5m, true, 0.5m, 1.5m, 0.007m),
        ["219.json"] = new("1", 0.26m, 219, 0.001m, SizingMode.Kelly, true, 60m, 3m, true, 0.5m, 1.8m, 0.025m),
        ["TestStrategy-Kelly25.json"] = new("1", 0.1m, 219, 0.001m, SizingMode.Kelly, true, 55m, 2m, true, 0.15m, 1.5m, 0.007m),
        ["beta-2.json"] = new("1", 0.1m, 219, 0.0027m, SizingMode.Fixed, true, 53m, 2.5m, true, 0.5m, 1.8m, 0.007m),
        ["beta-strat-01.json"] = new("1", 0.1m, 219, 0.003m, SizingMode.Fixed, true, 52m, 2.5m, true, 0.5m, 1.85m, 0.007m),
        ["beta-strat-03.json"] = new("1", 0.1m, 219, 0.0027m, SizingMode.Fixed, true, 52m, 2.5m, true, 0.5m, 1.85m, 0.007m),
        ["theta_bayesian_conservative.json"] = new("2.0.0", 0.1m, 219, 0.001m, SizingMode.ThetaBayesian, false, 55m, 2m, false, 0.1m, 1.3m, 0.001m),
    };

    private readonly CreateRequests _requests = new();

    public static TheoryData<string> FileNames => [.. Files.Keys];

    private static string Load(string name) => File.ReadAllText(Path.Combine(SharedData.LegacyStrategies, name));

    [SharedDataTheory]
    [MemberData(nameof(FileNames))]
    public async Task Legacy_file_maps_to_the_expected_parameters(string name)
    {
        var expected = Files[name];

        var check = await _requests.CheckAsync($$"""{"legacyStrategy": {{Load(name)}}}""");

        Assert.Empty(check.Errors);
        var config = check.Config!;
        var p = config.Parameters;
        Assert.Equal(Path.GetFileNameWithoutExtension(name), config.Name);
        Assert.Equal(expected.Format, config.LegacyFormat);
        Assert.Equal(expected.Balance, config.StartingBalance);
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
    public async Task Theta_profile_maps_its_scaling_block()
    {
        var check = await _requests.CheckAsync($$"""{"legacyStrategy": {{Load("theta_bayesian_conservative.json")}}}""");

        Assert.Empty(check.Errors);
        var sizing = check.Config!.Parameters.Sizing;
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
    public async Task Legacy_file_as_the_request_body_or_in_legacyStrategy_starts_a_session_that_bets(string name)
    {
        var fileJson = Load(name);
        var asBody = await _requests.CheckAsync(fileJson.TrimEnd().TrimEnd('}') + ", \"feedId\": \"demo\"}");
        var wrapped = await _requests.CheckAsync($"{{\"feedId\": \"demo\", \"legacyStrategy\": {fileJson}}}");

        Assert.Empty(asBody.Errors);
        Assert.Empty(wrapped.Errors);
        var a = asBody.Config!;
        Assert.Equal(Files[name].Balance, a.StartingBalance);
        Assert.Equal(Path.GetFileNameWithoutExtension(name), a.Name);
        Assert.Equal(Files[name].Format, a.LegacyFormat);
        Assert.Equal(a.Parameters with { BetSizes = [] }, wrapped.Config!.Parameters with { BetSizes = [] });
        Assert.Equal(a.Parameters.BetSizes, wrapped.Config.Parameters.BetSizes);

        var engine = new SessionEngine(a);
        var events = new List<EngineEvent>();
        for (var tick = 0; tick <= 230; tick++)
        {
            engine.Apply(new FeedTick("test", tick + 1, "g1", tick, 1.5m, GamePhase.Active, true, false, DateTimeOffset.UnixEpoch), events);
        }

        var placed = Assert.Single(events.OfType<BetPlaced>());
        Assert.Equal(Files[name].EntryTick, placed.Bet.StartTick);
        Assert.Equal(Files[name].LegacyFirstStake, placed.Bet.Stake);
        Assert.Equal(SizingProfile.Legacy, a.Parameters.Sizing.Profile);
        Assert.Equal(SessionStatus.Running, engine.State.Status);
    }
}
