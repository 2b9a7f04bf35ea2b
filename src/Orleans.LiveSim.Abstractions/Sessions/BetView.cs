using Orleans.LiveSim.Engine.Wallet;

namespace Orleans.LiveSim.Abstractions.Sessions;

/// <summary>An open sidebet as a session view shows it (<c>activeBets</c>) and a session stores it: wins iff the round rugs in <c>[StartTick, EndTick)</c>.</summary>
/// <param name="BetId">Session-local id (1, 2, 3, ...).</param>
/// <param name="GameId">Round the bet belongs to.</param>
/// <param name="StartTick">Tick it was placed on.</param>
/// <param name="EndTick"><c>StartTick + window</c>, exclusive.</param>
/// <param name="Stake">Paper money locked in it.</param>
/// <param name="EntryPrice">Price of the tick it was placed on.</param>
/// <param name="PlacedAtSeq">Feed seq of that tick.</param>
/// <param name="ScheduleIndex">Which bet of the round's schedule it is.</param>
[GenerateSerializer]
[Alias("livesim.BetView")]
public sealed record BetView(
    [property: Id(0)] long BetId,
    [property: Id(1)] string GameId,
    [property: Id(2)] int StartTick,
    [property: Id(3)] int EndTick,
    [property: Id(4)] decimal Stake,
    [property: Id(5)] decimal EntryPrice,
    [property: Id(6)] long PlacedAtSeq,
    [property: Id(7)] int ScheduleIndex)
{
    public static BetView From(Sidebet b) => new(b.BetId, b.GameId, b.StartTick, b.EndTick, b.Stake, b.EntryPrice, b.PlacedAtSeq, b.ScheduleIndex);

    public Sidebet ToSidebet() => new(BetId, GameId, StartTick, EndTick, Stake, EntryPrice, PlacedAtSeq, ScheduleIndex);
}
