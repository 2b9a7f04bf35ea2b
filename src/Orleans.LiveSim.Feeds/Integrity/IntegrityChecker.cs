using Orleans.LiveSim.Abstractions.Feeds;
using Orleans.LiveSim.Engine.Ticks;
using Orleans.LiveSim.Feeds.Provider;

namespace Orleans.LiveSim.Feeds.Integrity;

/// <summary>
/// Sequence integrity of one feed: turns observations (in arrival order) into accepted feed entries with
/// <c>Seq = 0</c>. Drops duplicates and out-of-order ticks, repairs gaps from <c>partialPrices</c> or marks them,
/// emits exactly one rugged tick per round, and reconciles a round whose rug message was missed from
/// <c>gameHistory</c> before the next round's first tick, so the engine settles instead of voiding.
/// Pure: no clock, no I/O; time comes in with the observations and <see cref="Evaluate"/>. Not thread-safe.
/// </summary>
public sealed class IntegrityChecker(string feedId, IntegrityOptions? options = null)
{
    private readonly IntegrityOptions _options = options ?? new IntegrityOptions();
    private readonly Dictionary<string, IReadOnlyList<decimal>> _history = new(StringComparer.Ordinal);
    private readonly Queue<string> _historyOrder = new();
    private readonly Queue<string> _closedRounds = new();
    private readonly SortedDictionary<int, decimal> _partialPrices = [];
    private string? _partialPricesGameId;
    private Round? _round;
    private DateTimeOffset _lastTickAt;
    private bool _stale;

    /// <summary>Feed id stamped on every entry.</summary>
    public string FeedId { get; } = feedId;

    /// <summary>Entries of kind <see cref="FeedTickKind.Tick"/> emitted (received, repaired and reconciled).</summary>
    public long Ticks { get; private set; }

    /// <summary>Gaps detected, repaired or not.</summary>
    public long Gaps { get; private set; }

    /// <summary>Gaps filled from <c>partialPrices</c> (or from <c>gameHistory</c> while reconciling).</summary>
    public long GapsRepaired { get; private set; }

    /// <summary>Ticks dropped because that tick of the round was already accepted (incl. a second rug message).</summary>
    public long Duplicates { get; private set; }

    /// <summary>Ticks dropped because a later tick of the same round was already accepted.</summary>
    public long OutOfOrder { get; private set; }

    /// <summary>Rounds ended from <c>gameHistory</c> because no rug message was seen.</summary>
    public long Reconciled { get; private set; }

    /// <summary>Rounds ended without rug message and without <c>gameHistory</c> to reconcile them.</summary>
    public long Unreconciled { get; private set; }

    /// <summary>Times the feed went stale.</summary>
    public long Stale { get; private set; }

    /// <summary>Distinct rounds that produced at least one entry.</summary>
    public long Rounds { get; private set; }

    /// <summary>Applies one observation, appending the accepted entries to <paramref name="into"/>.</summary>
    public void Apply(ProviderObservation observation, List<FeedTick> into)
    {
        switch (observation)
        {
            case TickObservation tick:
                ApplyTick(tick, into);
                break;
            case PartialPricesObservation partial:
                RememberPartialPrices(partial);
                break;
            case GameHistoryObservation history:
                RememberHistory(history);
                break;
            default:
                // Partial (cooldown) updates carry nothing a session can act on; the next full update carries the phase.
                break;
        }
    }

    /// <summary>
    /// Health of the data at <paramref name="now"/>: <see cref="FeedConnectionState.Degraded"/> when a round is active
    /// and no tick came within <see cref="IntegrityOptions.StaleTimeout"/>; counts each stale episode once.
    /// </summary>
    public FeedConnectionState Evaluate(DateTimeOffset now)
    {
        var roundOpen = _round is { LastTick: >= 0, Rugged: false };
        if (roundOpen && now - _lastTickAt > _options.StaleTimeout)
        {
            if (!_stale)
            {
                _stale = true;
                Stale++;
            }

            return FeedConnectionState.Degraded;
        }

        return FeedConnectionState.Connected;
    }

    private void ApplyTick(TickObservation t, List<FeedTick> into)
    {
        if (_round is null || !string.Equals(_round.GameId, t.GameId, StringComparison.Ordinal))
        {
            if (_closedRounds.Contains(t.GameId))
            {
                // A late message of a round that is already over.
                if (t.Rugged)
                {
                    Duplicates++;
                }
                else
                {
                    OutOfOrder++;
                }

                return;
            }

            CloseRound(t, into);
            _round = new Round(t.GameId);
            Rounds++;
        }

        var round = _round;
        if (round.Rugged)
        {
            // The provider sends the rug twice (the second time with an advanced tickCount): one rug per round.
            if (t.Rugged)
            {
                Duplicates++;
            }
            else
            {
                OutOfOrder++;
            }

            return;
        }

        if (t.Phase is GamePhase.Cooldown or GamePhase.Presale)
        {
            if (round.LastTick >= 0)
            {
                OutOfOrder++;
            }
            else if (round.PreRoundPhase != t.Phase)
            {
                // Cooldown messages repeat ten times a second: only a phase change becomes an entry.
                round.PreRoundPhase = t.Phase;
                Emit(into, new FeedTick(FeedId, 0, t.GameId, t.Tick, t.Price, t.Phase, t.Active, false, t.ReceivedAt));
            }

            return;
        }

        var tickNo = RugTickOf(t);
        if (tickNo < round.LastTick)
        {
            OutOfOrder++;
            return;
        }

        if (tickNo == round.LastTick && !t.Rugged)
        {
            Duplicates++;
            return;
        }

        // A jump inside a round we watched from its start (or from the first tick we saw) is a gap.
        var expected = round.LastTick >= 0 ? round.LastTick + 1 : round.PreRoundPhase is null ? tickNo : 0;
        if (tickNo > expected)
        {
            FillGap(round, expected, tickNo - expected, t.ReceivedAt, into);
        }

        round.LastTick = tickNo;
        round.Rugged = t.Rugged;
        _lastTickAt = t.ReceivedAt;
        _stale = false;
        Emit(into, new FeedTick(FeedId, 0, t.GameId, tickNo, t.Price, t.Phase, t.Active, t.Rugged, t.ReceivedAt));
    }

    private int RugTickOf(TickObservation t)
    {
        // A trailing rug message can carry an advanced tickCount with the rug price: partialPrices names the real tick.
        if (t.Rugged
            && string.Equals(_partialPricesGameId, t.GameId, StringComparison.Ordinal)
            && _partialPrices.Count > 0)
        {
            var last = _partialPrices.Keys.Max();
            if (last < t.Tick && _partialPrices[last] == t.Price && (_round is null || last > _round.LastTick))
            {
                return last;
            }
        }

        return t.Tick;
    }

    private void FillGap(Round round, int from, int count, DateTimeOffset at, List<FeedTick> into)
    {
        Gaps++;
        if (string.Equals(_partialPricesGameId, round.GameId, StringComparison.Ordinal)
            && Enumerable.Range(from, count).All(_partialPrices.ContainsKey))
        {
            GapsRepaired++;
            for (var tick = from; tick < from + count; tick++)
            {
                Emit(into, new FeedTick(FeedId, 0, round.GameId, tick, _partialPrices[tick], GamePhase.Active, true, false, at));
            }

            return;
        }

        var price = round.LastPrice ?? 0m;
        into.Add(new FeedTick(FeedId, 0, round.GameId, from, price, GamePhase.Active, true, false, at, FeedTickKind.Gap, count));
    }

    private void CloseRound(TickObservation next, List<FeedTick> into)
    {
        var round = _round;
        if (round is null)
        {
            return;
        }

        Remember(_closedRounds, round.GameId, 16);
        if (round.Rugged || round.LastTick < 0)
        {
            return;
        }

        // The round was active and its rug message never came. The engine voids open bets when the next round
        // starts, so the authoritative end from gameHistory has to go out before the next round's first entry.
        if (!_history.TryGetValue(round.GameId, out var prices))
        {
            Unreconciled++;
            return;
        }

        var rugTick = prices.Count - 1;
        if (rugTick > round.LastTick + 1)
        {
            Gaps++;
            GapsRepaired++;
            for (var tick = round.LastTick + 1; tick < rugTick; tick++)
            {
                Emit(into, new FeedTick(FeedId, 0, round.GameId, tick, prices[tick], GamePhase.Active, true, false, next.ReceivedAt));
            }
        }

        Reconciled++;
        round.Rugged = true;
        round.LastTick = Math.Max(rugTick, round.LastTick);
        Emit(into, new FeedTick(FeedId, 0, round.GameId, rugTick, prices[rugTick], GamePhase.Rugged, true, true, next.ReceivedAt));
    }

    private void Emit(List<FeedTick> into, FeedTick tick)
    {
        Ticks++;
        if (_round is not null && string.Equals(_round.GameId, tick.GameId, StringComparison.Ordinal))
        {
            _round.LastPrice = tick.Price;
        }

        into.Add(tick);
    }

    private void RememberPartialPrices(PartialPricesObservation partial)
    {
        if (!string.Equals(_partialPricesGameId, partial.GameId, StringComparison.Ordinal))
        {
            _partialPricesGameId = partial.GameId;
            _partialPrices.Clear();
        }

        foreach (var (tick, price) in partial.Values)
        {
            _partialPrices[tick] = price;
        }

        while (_partialPrices.Count > _options.PartialPricesWindow)
        {
            _partialPrices.Remove(_partialPrices.Keys.First());
        }
    }

    private void RememberHistory(GameHistoryObservation history)
    {
        foreach (var round in history.Rounds)
        {
            if (_history.TryAdd(round.GameId, round.Prices))
            {
                _historyOrder.Enqueue(round.GameId);
                while (_historyOrder.Count > _options.HistoryRounds)
                {
                    _history.Remove(_historyOrder.Dequeue());
                }
            }
        }
    }

    private static void Remember(Queue<string> queue, string id, int capacity)
    {
        queue.Enqueue(id);
        while (queue.Count > capacity)
        {
            queue.Dequeue();
        }
    }

    private sealed class Round(string gameId)
    {
        public string GameId { get; } = gameId;

        public int LastTick { get; set; } = -1;

        public bool Rugged { get; set; }

        public GamePhase? PreRoundPhase { get; set; }

        public decimal? LastPrice { get; set; }
    }
}
