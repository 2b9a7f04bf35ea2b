using Orleans.LiveSim.Engine.Stats;
using Orleans.LiveSim.Engine.Strategies;
using Orleans.LiveSim.Engine.Ticks;
using Orleans.LiveSim.Engine.Wallet;

namespace Orleans.LiveSim.Engine.Sessions;

/// <summary>
/// The simulation of one session: applies feed entries in <c>seq</c> order to a paper wallet and reports
/// what changed. Deterministic: the same config and the same entries give the same events and state.
/// </summary>
public sealed class SessionEngine
{
    private readonly IStrategy _strategy;
    private readonly Sizer _sizer;
    private readonly bool _hasRiskControls;
    private long _riskCheckedAt = -1;

    public SessionEngine(SessionConfig config, SessionState? state = null)
    {
        Config = config;
        State = state ?? NewState(config);
        _strategy = StrategyCatalog.Create(config);
        _sizer = new Sizer(config.Parameters.Sizing, config.Rules, config.Parameters.Risk);
        var risk = config.Parameters.Risk;
        _hasRiskControls = risk.MaxDrawdownPct is not null || risk.TakeProfitTarget is not null || risk.DailyLossLimit is not null;
    }

    public SessionConfig Config { get; }

    public SessionState State { get; }

    /// <summary>
    /// Stable hash (16 hex digits) of every tick applied, every decision and settlement, and the resulting wallet.
    /// It hashes content, not numbering or lifecycle: the feed id, seq numbers and why the session ended are left
    /// out, so a replay (of a journal range or of a recording) hashes exactly like the live session that saw the
    /// same ticks.
    /// </summary>
    public string StateHash
    {
        get
        {
            var s = State;
            var h = StateHasher.Mix(s.Hash, s.Balance);
            h = StateHasher.Mix(h, s.InBets);
            return StateHasher.ToHex(StateHasher.Finish(h));
        }
    }

    /// <summary>
    /// A new session's state: the config's starting balance, before the entry after <paramref name="lastSeq"/>; betting
    /// <paramref name="paused"/> (a fork of a session that was paused there).
    /// </summary>
    public static SessionState NewState(SessionConfig config, long lastSeq = 0, bool paused = false) => new()
    {
        Paused = paused,
        StartingBalance = config.StartingBalance,
        Balance = config.StartingBalance,
        PeakEquity = config.StartingBalance,
        PeakBalance = config.StartingBalance,
        LastSeq = lastSeq,
    };

    /// <summary>
    /// Applies one feed entry. Entries at or below <see cref="SessionState.LastSeq"/> are ignored (returns false),
    /// so redelivery is harmless. The caller must supply entries without holes in <c>seq</c>.
    /// </summary>
    public bool Apply(FeedTick tick, List<EngineEvent> events)
    {
        var s = State;
        if (tick.Seq <= s.LastSeq || s.Status != SessionStatus.Running)
        {
            return false;
        }

        s.Advance(tick.Seq);
        s.Rehash(StateHasher.MixTick(s.Hash, tick));
        var first = events.Count;
        TrackDay(tick);

        if (tick.GameId != s.GameId)
        {
            BeginGame(tick, events);
        }

        if (tick.Kind == FeedTickKind.Gap)
        {
            s.Stats.CountGap();
            events.Add(new FeedGapSeen(tick.Seq, tick.GameId, tick.Tick, tick.GapTicks));
        }
        else
        {
            s.ApplyTick(tick);
            if (!s.GameEnded)
            {
                if (tick.Rugged)
                {
                    EndGame(tick, events);
                }
                else
                {
                    ExpireBets(tick, events);

                    // Risk controls see the settlement before the strategy may bet again on the same tick.
                    CheckRisk(tick.Seq, events);
                    if (tick.IsBettable && s.Status == SessionStatus.Running)
                    {
                        Bet(tick, events);
                    }
                }
            }
        }

        CheckRisk(tick.Seq, events);
        HashEvents(events, first);
        return true;
    }

    /// <summary>
    /// Pauses betting after the last applied entry (its owner's command): the strategy's bets are skipped (reason
    /// <c>paused</c>) until <see cref="Resume"/>, while ticks are applied and open bets settle. False when already paused or ended.
    /// </summary>
    public bool Pause(List<EngineEvent> events) => Toggle(paused: true, events);

    /// <summary>Resumes betting after the last applied entry. False when not paused or ended.</summary>
    public bool Resume(List<EngineEvent> events) => Toggle(paused: false, events);

    private bool Toggle(bool paused, List<EngineEvent> events)
    {
        var s = State;
        if (s.Status != SessionStatus.Running || s.Paused == paused)
        {
            return false;
        }

        var first = events.Count;
        s.SetPaused(paused);
        events.Add(paused ? new SessionPaused(s.LastSeq) : new SessionResumed(s.LastSeq));
        HashEvents(events, first);
        return true;
    }

    /// <summary>Ends the session on its owner's request; open bets stay open in the state but are returned (voided).</summary>
    public void Stop(string reason, List<EngineEvent> events) => EndAndHash(SessionStatus.Stopped, reason, events);

    /// <summary>Ends the session by itself (e.g. a replay reached its end).</summary>
    public void Complete(string reason, List<EngineEvent> events) => EndAndHash(SessionStatus.Completed, reason, events);

    private void EndAndHash(SessionStatus status, string reason, List<EngineEvent> events)
    {
        var first = events.Count;
        End(status, reason, State.LastSeq, events);
        HashEvents(events, first);
    }

    private void HashEvents(List<EngineEvent> events, int first)
    {
        if (first == events.Count)
        {
            return;
        }

        var h = State.Hash;
        for (var i = first; i < events.Count; i++)
        {
            h = StateHasher.MixEvent(h, events[i]);
        }

        State.Rehash(h);
    }

    private void BeginGame(FeedTick tick, List<EngineEvent> events)
    {
        var s = State;
        if (s.GameId is not null && !s.GameEnded)
        {
            // The previous round's rug was never applied: its outcome is unknowable, so its bets are returned.
            VoidBets(tick.Seq, events);
            s.CloseRoundStats(tick.Seq);
            events.Add(new GameEnded(tick.Seq, s.GameId, null, null));
        }

        DropPending(tick.Seq, "round_ended", events);

        s.BeginRound(tick.GameId);
        events.Add(new GameStarted(tick.Seq, tick.GameId));
    }

    private void EndGame(FeedTick tick, List<EngineEvent> events)
    {
        var s = State;
        for (var i = 0; i < s.OpenBets.Count; i++)
        {
            var bet = s.OpenBets[i];
            var won = Config.Rules.Wins(bet.StartTick, tick.Tick);
            Settle(bet, won ? BetOutcome.Won : BetOutcome.Lost, tick.Tick, tick.Seq, events);
        }

        s.ClearBets();
        s.TrackPeakBalance();
        DropPending(tick.Seq, "round_ended", events);
        s.EndRound();
        // Only dynamic sizing reads the rug history: other sessions (most of 100k) need not carry it.
        if (Config.Parameters.Sizing.UsesDynamic)
        {
            s.RecordRugTick(tick.Tick);
        }

        s.CloseRoundStats(tick.Seq);
        events.Add(new GameEnded(tick.Seq, tick.GameId, tick.Tick, tick.Price));
    }

    private void ExpireBets(FeedTick tick, List<EngineEvent> events)
    {
        var bets = State.OpenBets;
        for (var i = bets.Count - 1; i >= 0; i--)
        {
            // The round is still running at EndTick, so the rug cannot fall inside [StartTick, EndTick).
            if (tick.Tick >= bets[i].EndTick)
            {
                var bet = bets[i];
                State.RemoveBetAt(i);
                Settle(bet, BetOutcome.Lost, null, tick.Seq, events);
            }
        }
    }

    private void VoidBets(long seq, List<EngineEvent> events)
    {
        var bets = State.OpenBets;
        for (var i = 0; i < bets.Count; i++)
        {
            Settle(bets[i], BetOutcome.Voided, null, seq, events);
        }

        State.ClearBets();
    }

    private void Bet(FeedTick tick, List<EngineEvent> events)
    {
        var s = State;
        var rules = Config.Rules;
        if (s.PendingBet is { } pending)
        {
            if (s.Paused)
            {
                DropPending(tick.Seq, "paused", events);
            }
            else if (!pending.DueOn(tick))
            {
                // It holds the bet's place until then.
                return;
            }
            else
            {
                s.SetPending(null);
                Place(tick, pending.ScheduleIndex, pending.TargetTick, pending.Sizing, pending.DecidedAtSeq, pending.DecisionTick, events);
            }
        }

        while (s.OpenBets.Count < rules.MaxActiveBets)
        {
            var decision = _strategy.Decide(s, tick);
            if (decision.Action == ScheduleAction.Wait)
            {
                return;
            }

            var k = decision.ScheduleIndex;
            s.Scheduled(k);
            var reason = decision.Action == ScheduleAction.Skip ? "window_missed"
                : s.Paused ? "paused"
                // Reported through the existing BetSkipped event, so consumers need no new event type.
                : s.DailyLimitHit ? "daily_loss_limit"
                : null;
            if (reason is not null)
            {
                Skip(tick.Seq, tick.GameId, k, decision.TargetTick, reason, events);
                continue;
            }

            if (_sizer.Trace(s, tick.Tick, k, decision.WantedStake) is not { } sizing)
            {
                Skip(tick.Seq, tick.GameId, k, decision.TargetTick, "no_edge", events);
                continue;
            }

            var latency = Config.Parameters.Latency;
            var delay = latency.IsZero ? 0m : latency.For(tick.GameId, k);
            if (delay == 0m)
            {
                Place(tick, k, decision.TargetTick, sizing, tick.Seq, tick.Tick, events);
                continue;
            }

            s.SetPending(latency.Unit == LatencyUnit.Ticks
                ? new PendingBet(tick.GameId, k, decision.TargetTick, tick.Seq, tick.Tick, tick.Tick + (int)delay, null, sizing)
                : new PendingBet(tick.GameId, k, decision.TargetTick, tick.Seq, tick.Tick, tick.Tick, tick.ReceivedAt.AddTicks((long)(delay * TimeSpan.TicksPerMillisecond)), sizing));
            return;
        }
    }

    private void Place(FeedTick tick, int scheduleIndex, int targetTick, SizingTrace sizing, long decidedAtSeq, int decisionTick, List<EngineEvent> events)
    {
        var s = State;
        var rules = Config.Rules;
        var stake = rules.ClampStake(sizing.Wanted, s.Balance);
        if (stake == 0m)
        {
            Skip(tick.Seq, tick.GameId, scheduleIndex, targetTick, "insufficient_balance", events);
            return;
        }

        var bet = s.PlaceBet(tick, rules.Window, stake, scheduleIndex);
        events.Add(new BetPlaced(tick.Seq, bet, s.Balance, sizing, targetTick, decidedAtSeq, decisionTick));
    }

    /// <summary>A decided bet that will not be placed after all (its round ended, a pause, the session ended) is skipped.</summary>
    private void DropPending(long seq, string reason, List<EngineEvent> events)
    {
        if (State.PendingBet is { } pending)
        {
            State.SetPending(null);
            Skip(seq, pending.GameId, pending.ScheduleIndex, pending.TargetTick, reason, events);
        }
    }

    private void Skip(long seq, string gameId, int scheduleIndex, int targetTick, string reason, List<EngineEvent> events)
    {
        State.Stats.CountSkip();
        events.Add(new BetSkipped(seq, gameId, scheduleIndex, targetTick, reason));
    }

    private void Settle(Sidebet bet, BetOutcome outcome, int? rugTick, long seq, List<EngineEvent> events)
    {
        var returned = outcome switch
        {
            BetOutcome.Won => bet.Stake * Config.Rules.Payout,
            BetOutcome.Voided => bet.Stake,
            _ => 0m,
        };
        State.Settle(bet, outcome, returned, seq);
        events.Add(new BetSettled(seq, bet, outcome, returned, rugTick, State.Balance, State.Equity));
    }

    private void CheckRisk(long seq, List<EngineEvent> events)
    {
        var s = State;
        // The checks below read only wallet fields: while they are unchanged the answer is the last one (nothing),
        // so an ordinary tick pays no decimal division for them.
        if (!_hasRiskControls || s.WalletVersion == _riskCheckedAt)
        {
            return;
        }

        Check(s, seq, events);
        _riskCheckedAt = s.WalletVersion;
    }

    private void Check(SessionState s, long seq, List<EngineEvent> events)
    {
        var risk = Config.Parameters.Risk;
        if (s.Status != SessionStatus.Running || s.PeakEquity == 0m)
        {
            return;
        }

        if (risk.MaxDrawdownPct is { } maxDd && (s.PeakEquity - s.Equity) / s.PeakEquity >= maxDd)
        {
            End(SessionStatus.Completed, "max_drawdown", seq, events);
        }
        else if (risk.TakeProfitTarget is { } target && s.Equity >= s.StartingBalance * target)
        {
            End(SessionStatus.Completed, "take_profit", seq, events);
        }
        else if (risk.DailyLossLimit is { } limit && !s.DailyLimitHit && s.DayStartEquity > 0m
            && s.DayStartEquity - s.Equity >= limit * s.DayStartEquity)
        {
            s.HitDailyLimit();
        }
    }

    private void TrackDay(FeedTick tick)
    {
        var day = DateOnly.FromDateTime(tick.ReceivedAt.UtcDateTime);
        if (day != State.Day)
        {
            // The day's loss is measured from the equity before the first tick of the (UTC) day is applied.
            State.BeginDay(day);
        }
    }

    private void End(SessionStatus status, string reason, long seq, List<EngineEvent> events)
    {
        var s = State;
        if (s.Status != SessionStatus.Running)
        {
            return;
        }

        // A session that ends mid-window cannot learn its bets' outcome any more: return their stakes.
        VoidBets(seq, events);
        DropPending(seq, "session_ended", events);
        s.CloseRoundStats(seq);
        s.End(status, reason);
        events.Add(new SessionEnded(seq, status, reason));
    }
}
