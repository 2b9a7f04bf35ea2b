using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Orleans.LiveSim.Abstractions.Serialization;
using Orleans.LiveSim.Engine.Wallet;

namespace Orleans.LiveSim.Abstractions.Events;

/// <summary>Body of <c>bet_placed</c>: the bet, and the balance after its stake left it.</summary>
public sealed record BetPlacedBody(PlacedBet Bet, decimal Balance);

/// <summary>Body of <c>bet_settled</c>: what came back (<see cref="Returned"/>, 0 when lost) and the balance after it.</summary>
public sealed record BetSettledBody(
    PlacedBet Bet,
    [property: JsonConverter(typeof(CamelCaseEnumConverter<BetOutcome>))] BetOutcome Outcome,
    decimal Returned,
    int? RugTick,
    decimal Balance);

/// <summary>Body of <c>bet_skipped</c>: the scheduled bet that was not placed, and why (<c>window_missed</c>, <c>no_edge</c>, ...).</summary>
public sealed record BetSkippedBody(
    string GameId,
    [property: Range(0, int.MaxValue)] int ScheduleIndex,
    int TargetTick,
    string Reason);

/// <summary>A sidebet as events show it: wins iff the round rugs in <c>[StartTick, EndTick)</c>.</summary>
public sealed record PlacedBet(
    [property: Range(1, long.MaxValue)] long BetId,
    string GameId,
    [property: Range(0, int.MaxValue)] int StartTick,
    int EndTick,
    [property: Range(0d, double.MaxValue, MinimumIsExclusive = true)] decimal Stake,
    decimal EntryPrice,
    [property: Range(1, long.MaxValue)] long PlacedAtSeq)
{
    public static PlacedBet From(Sidebet b) => new(b.BetId, b.GameId, b.StartTick, b.EndTick, b.Stake, b.EntryPrice, b.PlacedAtSeq);
}
