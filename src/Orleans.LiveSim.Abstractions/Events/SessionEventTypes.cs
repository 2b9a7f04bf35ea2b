namespace Orleans.LiveSim.Abstractions.Events;

/// <summary>
/// The outbound event types and their schema version. Every event is one envelope (<see cref="SessionEvent{TBody}"/>,
/// or <see cref="SessionSnapshot"/> for the views) around one body record; <see cref="All"/> lists them for the
/// published schemas. Changing a body or an envelope changes a schema: bump <see cref="SchemaVersion"/> on purpose.
/// </summary>
public static class SessionEventTypes
{
    public const int SchemaVersion = 1;
    public const string LiveTick = "live_tick";
    public const string GameStarted = "game_started";
    public const string GameEnded = "game_ended";
    public const string BetPlaced = "bet_placed";
    public const string BetSettled = "bet_settled";
    public const string BetSkipped = "bet_skipped";
    public const string FeedGap = "feed_gap";
    public const string SessionStopped = "session_stopped";
    public const string SessionPaused = "session_paused";
    public const string SessionResumed = "session_resumed";
    public const string Snapshot = "snapshot";
    public const string Resync = "resync";
    public const string KeepAlive = "keepalive";
    public const string SweepUpdate = "sweep_update";

    /// <summary>Every published event type: its name, the type of the whole event (envelope and body), and what it means.</summary>
    public static IReadOnlyList<SessionEventType> All { get; } =
    [
        new(LiveTick, typeof(SessionEvent<LiveTickBody>), "One applied feed entry and the session's summary after it."),
        new(GameStarted, typeof(SessionEvent<GameStartedBody>), "The first entry of a new round was applied."),
        new(GameEnded, typeof(SessionEvent<GameEndedBody>), "A round ended; rugTick null when its end was never seen (its bets were voided)."),
        new(BetPlaced, typeof(SessionEvent<BetPlacedBody>), "A sidebet was placed; its stake left the balance."),
        new(BetSettled, typeof(SessionEvent<BetSettledBody>), "A sidebet settled: won pays 5x the stake in total, lost pays nothing, voided returns the stake."),
        new(BetSkipped, typeof(SessionEvent<BetSkippedBody>), "A scheduled bet was not placed (window missed, no valid stake, risk limit)."),
        new(FeedGap, typeof(SessionEvent<FeedGapBody>), "The feed reported ticks it never received."),
        new(SessionStopped, typeof(SessionEvent<SessionStoppedBody>), "The session ended and applies no more ticks."),
        new(SessionPaused, typeof(SessionEvent<SessionPausedBody>), "Its owner paused betting: from fromSeq on no new bet is placed (scheduled bets are skipped, reason paused); ticks are still applied and open bets settle."),
        new(SessionResumed, typeof(SessionEvent<SessionResumedBody>), "Its owner resumed betting: bets are placed again from fromSeq on."),
        new(Snapshot, typeof(SessionSnapshot), "The session view, sent first on a new stream; its eventSeq is the last event it includes."),
        new(Resync, typeof(SessionSnapshot), "A fresh session view after the client lagged or events were lost; continue from its eventSeq."),
        new(SweepUpdate, typeof(SweepEvent), "A sweep's view (status, progress, leaderboard) on its stream: at once, then when it changed, at most twice a second."),
    ];
}

/// <summary>One published event type.</summary>
/// <param name="Name">The <c>type</c> of its events, e.g. <c>live_tick</c>.</param>
/// <param name="EventType">The record of the whole event: envelope and body.</param>
/// <param name="Description">What it means, for its schema.</param>
public sealed record SessionEventType(string Name, Type EventType, string Description);
