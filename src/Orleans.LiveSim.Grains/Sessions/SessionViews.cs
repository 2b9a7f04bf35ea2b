using Orleans.LiveSim.Abstractions.Feeds;
using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Abstractions.Storage;
using Orleans.LiveSim.Engine.Sessions;

namespace Orleans.LiveSim.Grains.Sessions;

/// <summary>Builds the session view from the stored state, the engine and the feed's status.</summary>
public static class SessionViews
{
    public static SessionView Build(string id, StoredSession stored, SessionRunner runner, FeedView? feed, DateTimeOffset now, string? host = null, SessionMode? mode = null)
    {
        var engine = runner.Engine;
        var s = engine.State;
        var source = stored.Source!;
        var lastTickAt = s.LastTickReceivedAt;
        var connection = new ConnectionView(
            // A replay reads the journal: connected while it runs, disconnected once it has ended.
            feed?.State ?? (s.Status == SessionStatus.Running ? FeedConnectionState.Connected : FeedConnectionState.Disconnected),
            s.LastSeq,
            lastTickAt,
            lastTickAt is { } at && source.IsLive ? (long)(now - at).TotalMilliseconds : null,
            feed?.LastSeq ?? 0,
            feed?.Counters ?? FeedCounters.Empty);
        return new SessionView(
            id,
            s.Status,
            s.EndReason,
            stored.CreatedAt,
            new StrategyView(engine.Config.StrategyId, engine.Config.Parameters, engine.Config.Name, engine.Config.LegacyFormat),
            mode ?? source.Mode,
            new WalletView(s.StartingBalance, s.Balance, s.InBets, s.Equity, s.PeakEquity),
            [.. s.ActiveBets.Select(BetView.From)],
            StatsView.From(s.Stats),
            connection,
            source,
            s.LastTick is { } last ? TickView.From(last) : null,
            engine.StateHash,
            runner.EventSeq,
            host,
            s.Paused,
            stored.ForkOf);
    }
}
