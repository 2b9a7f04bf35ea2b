namespace Orleans.LiveSim.Grains.Sessions;

/// <summary>Names and version of the outbound event types (the published schema).</summary>
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
}
