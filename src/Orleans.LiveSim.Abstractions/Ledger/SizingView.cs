using System.Text.Json.Serialization;
using Orleans.LiveSim.Abstractions.Serialization;
using Orleans.LiveSim.Engine.Strategies;

namespace Orleans.LiveSim.Abstractions.Ledger;

/// <summary>
/// How a bet's stake was chosen, as its ledger row (and a delayed bet in the stored state) shows it: see
/// <see cref="SizingTrace"/> for each input. <see cref="Profile"/> is <c>standard</c> or <c>legacy</c>; <see cref="Mode"/> the
/// sizing mode's name (<c>fixed</c>, <c>kelly</c>, ...).
/// </summary>
[GenerateSerializer]
[Alias("livesim.SizingView")]
public sealed record SizingView(
    [property: Id(0), JsonConverter(typeof(CamelCaseEnumConverter<SizingProfile>))] SizingProfile Profile,
    [property: Id(1)] string Mode,
    [property: Id(2)] decimal BaseStake,
    [property: Id(3)] decimal? Bankroll,
    [property: Id(4)] int? Streak,
    [property: Id(5)] decimal ModeStake,
    [property: Id(6)] decimal? Confidence,
    [property: Id(7)] decimal DynamicFactor,
    [property: Id(8)] decimal? Drawdown,
    [property: Id(9)] decimal DrawdownFactor,
    [property: Id(10)] decimal Wanted)
{
    public static SizingView From(SizingTrace t) =>
        new(t.Profile, SizingModeNames.Name(t.Mode), t.BaseStake, t.Bankroll, t.Streak, t.ModeStake, t.Confidence, t.DynamicFactor, t.Drawdown, t.DrawdownFactor, t.Wanted);

    public SizingTrace ToTrace() =>
        new(Profile, SizingModeNames.TryParse(Mode, out var mode) ? mode : SizingMode.Fixed, BaseStake, Bankroll, Streak, ModeStake, Confidence, DynamicFactor, Drawdown, DrawdownFactor, Wanted);
}
