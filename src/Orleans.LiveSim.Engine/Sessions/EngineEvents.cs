using Orleans.LiveSim.Engine.Strategies;
using Orleans.LiveSim.Engine.Wallet;

namespace Orleans.LiveSim.Engine.Sessions;

/// <summary>A change the engine made while applying one feed entry. <see cref="FeedSeq"/> is that entry's seq.</summary>
public abstract record EngineEvent(long FeedSeq);

/// <summary>The first entry of a new round was applied.</summary>
public sealed record GameStarted(long FeedSeq, string GameId) : EngineEvent(FeedSeq);

/// <summary>A round ended. <see cref="RugTick"/> is null when its end was never seen (its bets were voided).</summary>
public sealed record GameEnded(long FeedSeq, string GameId, int? RugTick, decimal? RugPrice) : EngineEvent(FeedSeq);

/// <summary>
/// A sidebet was placed; its stake left the balance. <see cref="Sizing"/> says how its stake was chosen for the schedule's
/// <see cref="TargetTick"/>, on the tick
/// <see cref="DecisionTick"/> (seq <see cref="DecidedAtSeq"/>): earlier than the bet's own tick when placement is delayed.
/// </summary>
public sealed record BetPlaced(long FeedSeq, Sidebet Bet, decimal BalanceAfter, SizingTrace Sizing, int TargetTick, long DecidedAtSeq, int DecisionTick) : EngineEvent(FeedSeq);

/// <summary>A sidebet settled. <see cref="Returned"/> is what came back to the balance (0 when lost); equity is balance + open stakes after it.</summary>
public sealed record BetSettled(long FeedSeq, Sidebet Bet, BetOutcome Outcome, decimal Returned, int? RugTick, decimal BalanceAfter, decimal EquityAfter) : EngineEvent(FeedSeq);

/// <summary>A scheduled bet was not placed: its window was missed, no valid stake was left, a risk limit, a pause, or its round ended before a delayed placement.</summary>
public sealed record BetSkipped(long FeedSeq, string GameId, int ScheduleIndex, int TargetTick, string Reason) : EngineEvent(FeedSeq);

/// <summary>The feed reported ticks it never received.</summary>
public sealed record FeedGapSeen(long FeedSeq, string GameId, int FromTick, int Ticks) : EngineEvent(FeedSeq);

/// <summary>The session ended (stopped, completed or failed) and applies no more ticks.</summary>
public sealed record SessionEnded(long FeedSeq, SessionStatus Status, string Reason) : EngineEvent(FeedSeq);

/// <summary>The owner paused the session after the entry <see cref="EngineEvent.FeedSeq"/>: no new bet from the next one on.</summary>
public sealed record SessionPaused(long FeedSeq) : EngineEvent(FeedSeq);

/// <summary>The owner resumed the session after the entry <see cref="EngineEvent.FeedSeq"/>: bets again from the next one on.</summary>
public sealed record SessionResumed(long FeedSeq) : EngineEvent(FeedSeq);
