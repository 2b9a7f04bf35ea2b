namespace Orleans.LiveSim.Engine.Wallet;

/// <summary>An open sidebet: wins iff the round rugs at a tick in <c>[StartTick, EndTick)</c>.</summary>
/// <param name="BetId">Session-local id (1, 2, 3, ...).</param>
/// <param name="GameId">Round the bet belongs to.</param>
/// <param name="StartTick">Tick the bet was placed on.</param>
/// <param name="EndTick"><c>StartTick + Window</c>, exclusive.</param>
/// <param name="Stake">Paper money locked in the bet.</param>
/// <param name="EntryPrice">Price of the tick the bet was placed on.</param>
/// <param name="PlacedAtSeq">Feed sequence number of that tick.</param>
/// <param name="ScheduleIndex">k: which bet of the round's schedule this is.</param>
public sealed record Sidebet(
    long BetId,
    string GameId,
    int StartTick,
    int EndTick,
    decimal Stake,
    decimal EntryPrice,
    long PlacedAtSeq,
    int ScheduleIndex);
