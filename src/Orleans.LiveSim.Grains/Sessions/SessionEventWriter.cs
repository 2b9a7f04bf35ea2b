using System.Buffers;
using System.Text;
using System.Text.Json;
using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Engine.Sessions;
using Orleans.LiveSim.Engine.Ticks;
using Orleans.LiveSim.Engine.Wallet;

namespace Orleans.LiveSim.Grains.Sessions;

/// <summary>Writes outbound events as JSON once, in the published shape (camelCase, decimals as JSON numbers).</summary>
public sealed class SessionEventWriter(string sessionId)
{
    // One buffer per thread, not per session: writing is synchronous, and 100k sessions need not hold 100k buffers.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _threadBuffer;

    public SessionEventEnvelope Domain(long eventSeq, EngineEvent e) => e switch
    {
        GameStarted g => Write(eventSeq, SessionEventTypes.GameStarted, g.FeedSeq, w => w.WriteString("gameId", g.GameId)),
        GameEnded g => Write(eventSeq, SessionEventTypes.GameEnded, g.FeedSeq, w =>
        {
            w.WriteString("gameId", g.GameId);
            WriteNullable(w, "rugTick", g.RugTick);
            WriteNullable(w, "rugPrice", g.RugPrice);
        }),
        BetPlaced p => Write(eventSeq, SessionEventTypes.BetPlaced, p.FeedSeq, w =>
        {
            WriteBet(w, p.Bet);
            w.WriteNumber("balance", p.BalanceAfter);
        }),
        BetSettled s => Write(eventSeq, SessionEventTypes.BetSettled, s.FeedSeq, w =>
        {
            WriteBet(w, s.Bet);
            w.WriteString("outcome", s.Outcome switch { BetOutcome.Won => "won", BetOutcome.Lost => "lost", _ => "voided" });
            w.WriteNumber("returned", s.Returned);
            WriteNullable(w, "rugTick", s.RugTick);
            w.WriteNumber("balance", s.BalanceAfter);
        }),
        BetSkipped k => Write(eventSeq, SessionEventTypes.BetSkipped, k.FeedSeq, w =>
        {
            w.WriteString("gameId", k.GameId);
            w.WriteNumber("scheduleIndex", k.ScheduleIndex);
            w.WriteNumber("targetTick", k.TargetTick);
            w.WriteString("reason", k.Reason);
        }),
        FeedGapSeen f => Write(eventSeq, SessionEventTypes.FeedGap, f.FeedSeq, w =>
        {
            w.WriteString("gameId", f.GameId);
            w.WriteNumber("fromTick", f.FromTick);
            w.WriteNumber("ticks", f.Ticks);
        }),
        SessionEnded n => Write(eventSeq, SessionEventTypes.SessionStopped, n.FeedSeq, w =>
        {
            w.WriteString("status", SessionViews.Status(n.Status));
            w.WriteString("reason", n.Reason);
        }),
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "Unknown engine event."),
    };

    public SessionEventEnvelope LiveTick(long eventSeq, FeedTick tick, SessionState s) =>
        Write(eventSeq, SessionEventTypes.LiveTick, tick.Seq, w =>
        {
            w.WriteStartObject("tick");
            w.WriteString("feedId", tick.FeedId);
            w.WriteNumber("seq", tick.Seq);
            w.WriteString("gameId", tick.GameId);
            w.WriteNumber("tick", tick.Tick);
            w.WriteNumber("price", tick.Price);
            w.WriteString("phase", tick.Phase.ToString().ToLowerInvariant());
            w.WriteBoolean("active", tick.Active);
            w.WriteBoolean("rugged", tick.Rugged);
            w.WriteString("kind", tick.Kind == FeedTickKind.Gap ? "gap" : "tick");
            w.WriteString("receivedAt", tick.ReceivedAt);
            w.WriteEndObject();
            w.WriteStartObject("summary");
            w.WriteString("status", SessionViews.Status(s.Status));
            w.WriteNumber("balance", s.Balance);
            w.WriteNumber("inBets", s.InBets);
            w.WriteNumber("equity", s.Equity);
            w.WriteNumber("activeBets", s.ActiveBets.Count);
            w.WriteNumber("ticksProcessed", s.Stats.TicksProcessed);
            w.WriteNumber("betsPlaced", s.Stats.BetsPlaced);
            w.WriteNumber("betsWon", s.Stats.BetsWon);
            w.WriteNumber("betsLost", s.Stats.BetsLost);
            w.WriteNumber("netPnl", s.Stats.NetPnl);
            w.WriteEndObject();
        });

    private static void WriteBet(Utf8JsonWriter w, Sidebet bet)
    {
        w.WriteStartObject("bet");
        w.WriteNumber("betId", bet.BetId);
        w.WriteString("gameId", bet.GameId);
        w.WriteNumber("startTick", bet.StartTick);
        w.WriteNumber("endTick", bet.EndTick);
        w.WriteNumber("stake", bet.Stake);
        w.WriteNumber("entryPrice", bet.EntryPrice);
        w.WriteNumber("placedAtSeq", bet.PlacedAtSeq);
        w.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, int? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, decimal? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private SessionEventEnvelope Write(long eventSeq, string type, long feedSeq, Action<Utf8JsonWriter> body)
    {
        var buffer = _threadBuffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("type", type);
            w.WriteNumber("schemaVersion", SessionEventTypes.SchemaVersion);
            w.WriteString("sessionId", sessionId);
            w.WriteNumber("eventSeq", eventSeq);
            w.WriteNumber("feedSeq", feedSeq);
            w.WriteStartObject("body");
            body(w);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return new SessionEventEnvelope(eventSeq, type, Encoding.UTF8.GetString(buffer.WrittenSpan));
    }
}
