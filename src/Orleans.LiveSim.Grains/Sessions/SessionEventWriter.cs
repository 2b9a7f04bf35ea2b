using Orleans.LiveSim.Abstractions.Events;
using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Engine.Sessions;
using Orleans.LiveSim.Engine.Ticks;

namespace Orleans.LiveSim.Grains.Sessions;

/// <summary>Turns what the engine reports into the published event records, written once by <see cref="SessionEventJson"/>.</summary>
public sealed class SessionEventWriter(string sessionId)
{
    public SessionEventEnvelope Domain(long eventSeq, EngineEvent e) => e switch
    {
        GameStarted g => Write(eventSeq, SessionEventTypes.GameStarted, g.FeedSeq, new GameStartedBody(g.GameId)),
        GameEnded g => Write(eventSeq, SessionEventTypes.GameEnded, g.FeedSeq, new GameEndedBody(g.GameId, g.RugTick, g.RugPrice)),
        BetPlaced p => Write(eventSeq, SessionEventTypes.BetPlaced, p.FeedSeq, new BetPlacedBody(PlacedBet.From(p.Bet), p.BalanceAfter)),
        BetSettled s => Write(eventSeq, SessionEventTypes.BetSettled, s.FeedSeq, new BetSettledBody(PlacedBet.From(s.Bet), s.Outcome, s.Returned, s.RugTick, s.BalanceAfter)),
        BetSkipped k => Write(eventSeq, SessionEventTypes.BetSkipped, k.FeedSeq, new BetSkippedBody(k.GameId, k.ScheduleIndex, k.TargetTick, k.Reason)),
        FeedGapSeen f => Write(eventSeq, SessionEventTypes.FeedGap, f.FeedSeq, new FeedGapBody(f.GameId, f.FromTick, f.Ticks)),
        SessionEnded n => Write(eventSeq, SessionEventTypes.SessionStopped, n.FeedSeq, new SessionStoppedBody(n.Status, n.Reason)),
        SessionPaused p => Write(eventSeq, SessionEventTypes.SessionPaused, p.FeedSeq, new SessionPausedBody(p.FeedSeq + 1)),
        SessionResumed r => Write(eventSeq, SessionEventTypes.SessionResumed, r.FeedSeq, new SessionResumedBody(r.FeedSeq + 1)),
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "Unknown engine event."),
    };

    /// <summary>The published type of an engine event, known before it is serialized (so only wanted types are).</summary>
    public static string TypeOf(EngineEvent e) => e switch
    {
        GameStarted => SessionEventTypes.GameStarted,
        GameEnded => SessionEventTypes.GameEnded,
        BetPlaced => SessionEventTypes.BetPlaced,
        BetSettled => SessionEventTypes.BetSettled,
        BetSkipped => SessionEventTypes.BetSkipped,
        FeedGapSeen => SessionEventTypes.FeedGap,
        SessionEnded => SessionEventTypes.SessionStopped,
        SessionPaused => SessionEventTypes.SessionPaused,
        SessionResumed => SessionEventTypes.SessionResumed,
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "Unknown engine event."),
    };

    public SessionEventEnvelope LiveTick(long eventSeq, FeedTick tick, SessionState state) =>
        Write(eventSeq, SessionEventTypes.LiveTick, tick.Seq, new LiveTickBody(Abstractions.Events.LiveTick.From(tick), SessionSummary.From(state)));

    private SessionEventEnvelope Write<TBody>(long eventSeq, string type, long feedSeq, TBody body)
        where TBody : class =>
        SessionEventJson.Event(type, sessionId, eventSeq, feedSeq, body);
}
