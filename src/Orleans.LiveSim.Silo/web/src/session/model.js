// What the session view knows about one session, built from its view (GET or snapshot) and its events. No DOM here:
// the view renders it. A new session gets a new model, so nothing of the previous session can leak into it.

/** Session statuses after which nothing changes any more. */
export const finalStatuses = new Set(['stopped', 'completed', 'failed']);

const chartedPhases = new Set(['active', 'rugged']);

/** Rounds whose ledger rows the model keeps for the price chart's markers. */
const keptLedgerRounds = 4;

/** The current round as the price chart draws it: its ticks and prices, its bets (with outcomes) and its rug tick. */
export class Round {
  constructor(gameId = null) {
    this.gameId = gameId;
    this.ticks = [];
    this.prices = [];
    this.bets = new Map();
    this.rugTick = null;
  }

  /** Adds a tick of this round; a repeated tick replaces its price, an older one is ignored. */
  addTick(tick) {
    if (tick.rugged) { this.rugTick = tick.tick; }
    if (!chartedPhases.has(tick.phase) || tick.price === null || tick.price === undefined) { return; }
    const last = this.ticks.length ? this.ticks[this.ticks.length - 1] : -1;
    if (tick.tick > last) {
      this.ticks.push(tick.tick);
      this.prices.push(Number(tick.price));
    } else if (tick.tick === last) {
      this.prices[this.prices.length - 1] = Number(tick.price);
    }
  }

  addBet(bet, outcome = null) {
    if (bet.gameId === this.gameId) { this.bets.set(bet.betId, { ...bet, outcome }); }
  }

  settle(bet, outcome, rugTick) {
    if (bet.gameId !== this.gameId) { return; }
    this.bets.set(bet.betId, { ...(this.bets.get(bet.betId) ?? bet), outcome });
    if (rugTick !== null && rugTick !== undefined) { this.rugTick = rugTick; }
  }
}

export class SessionModel {
  constructor(id) {
    this.id = id;
    this.view = null;
    this.summary = null;
    this.round = new Round();
    this.openBets = new Map();
    this.lastTick = null;
    this.lastEventSeq = 0;
    this.ledgerBets = new Map();
  }

  get status() { return this.summary?.status ?? this.view?.status ?? null; }

  get ended() { return finalStatuses.has(this.status); }

  /** A full view (GET, stop reply, snapshot, resync): it replaces what the events built, except the round's ticks. */
  applyView(view) {
    this.view = view;
    this.summary = null;
    this.lastEventSeq = Math.max(this.lastEventSeq, view.eventSeq ?? 0);
    this.openBets = new Map((view.activeBets ?? []).map((b) => [b.betId, b]));
    if (view.lastTick) { this.applyTick(view.lastTick); }
    for (const bet of this.openBets.values()) { this.round.addBet(bet); }
  }

  /**
   * A view read while events stream in. One at least as new as the events applied replaces their state; an older one
   * (its GET crossed newer events) only brings its stats, curves and feed health.
   */
  applyRefresh(view) {
    if ((view.eventSeq ?? 0) >= this.lastEventSeq) {
      this.applyView(view);
    } else {
      this.view = view;
    }
  }

  applyTick(tick) {
    if (tick.gameId !== this.round.gameId) {
      this.round = new Round(tick.gameId);
      for (const bet of this.openBets.values()) { this.round.addBet(bet); }
      this.markLedgerBets();
    }
    this.round.addTick(tick);
    this.lastTick = tick;
  }

  /** Applies one event envelope; returns what changed: 'view', 'tick', 'bets', 'status' or null. */
  apply(envelope) {
    const body = envelope.body;
    if (typeof envelope.eventSeq === 'number') { this.lastEventSeq = Math.max(this.lastEventSeq, envelope.eventSeq); }
    switch (envelope.type) {
      case 'snapshot':
      case 'resync':
        this.applyView(body);
        return 'view';
      case 'live_tick':
        this.applyTick(body.tick);
        this.summary = body.summary;
        return 'tick';
      case 'bet_placed':
        this.openBets.set(body.bet.betId, body.bet);
        this.round.addBet(body.bet);
        return 'bets';
      case 'bet_settled':
        this.openBets.delete(body.bet.betId);
        this.round.settle(body.bet, body.outcome, body.rugTick);
        return 'bets';
      case 'game_started':
        if (body.gameId !== this.round.gameId) {
          this.round = new Round(body.gameId);
          this.markLedgerBets();
        }
        return 'tick';
      case 'game_ended':
        if (body.gameId === this.round.gameId && body.rugTick !== null && body.rugTick !== undefined) { this.round.rugTick = body.rugTick; }
        return 'tick';
      case 'session_paused':
      case 'session_resumed':
        if (this.view) { this.view = { ...this.view, paused: envelope.type === 'session_paused' }; }
        return 'status';
      case 'session_stopped':
        this.summary = { ...(this.summary ?? {}), status: body.status };
        if (this.view) { this.view = { ...this.view, status: body.status, statusReason: body.reason }; }
        return 'status';
      default:
        return null;
    }
  }

  /**
   * Rows of the bet ledger (GET /bets): the bets of the round on the chart get their markers and outcomes, also those
   * placed and settled before the page connected. Rows of the last few rounds are kept, since they can arrive before
   * the view or tick that starts their round. A bet's outcome from the stream is not overwritten by an older row.
   */
  addLedgerRows(rows) {
    for (const row of rows) {
      if (row.betId === null || row.betId === undefined) { continue; }
      const game = this.ledgerBets.get(row.gameId) ?? new Map();
      game.set(row.betId, row);
      this.ledgerBets.delete(row.gameId);
      this.ledgerBets.set(row.gameId, game);
      if (this.ledgerBets.size > keptLedgerRounds) { this.ledgerBets.delete(this.ledgerBets.keys().next().value); }
    }
    this.markLedgerBets();
  }

  markLedgerBets() {
    for (const row of this.ledgerBets.get(this.round.gameId)?.values() ?? []) {
      const known = this.round.bets.get(row.betId);
      if (!known || !known.outcome) { this.round.addBet(row, row.outcome === 'open' ? null : row.outcome); }
    }
  }

  /** Open bets with the ticks left in their window (null when the round they bet on is not the one running). */
  activeBets() {
    const tick = this.lastTick;
    return [...this.openBets.values()]
      .sort((a, b) => a.betId - b.betId)
      .map((bet) => ({ ...bet, ticksLeft: tick && tick.gameId === bet.gameId ? Math.max(0, bet.endTick - tick.tick) : null }));
  }
}

/**
 * The equity curve that shows the whole session: the per-bet curve (stats.equityCurve) while it holds every settlement,
 * else the per-round curve (stats.gameEquityCurve), which thins itself out instead of dropping the start.
 */
export function wholeSessionCurve(stats) {
  const settled = Number(stats.betsWon) + Number(stats.betsLost) + Number(stats.betsVoided);
  return settled > stats.equityCurve.length && stats.gameEquityCurve.length > 1 ? stats.gameEquityCurve : stats.equityCurve;
}

/** One line of the event list for an event, or null for events that are not listed (ticks, snapshots). */
export function describeEvent(e) {
  const b = e.body;
  switch (e.type) {
    case 'game_started': return { text: `round ${b.gameId} started`, kind: 'round' };
    case 'game_ended': return { text: `round ${b.gameId} ended${b.rugTick === null || b.rugTick === undefined ? ' (end not seen)' : ` at tick ${b.rugTick}`}`, kind: 'round' };
    case 'bet_placed': return { text: `bet #${b.bet.betId} placed at tick ${b.bet.startTick} (window to ${b.bet.endTick}): stake ${b.bet.stake}`, kind: 'placed' };
    case 'bet_settled': return { text: `bet #${b.bet.betId} ${b.outcome}: returned ${b.returned}${b.rugTick === null || b.rugTick === undefined ? '' : `, rug at ${b.rugTick}`}`, kind: b.outcome };
    case 'bet_skipped': return { text: `bet ${b.scheduleIndex} skipped (${b.reason})`, kind: 'skipped' };
    case 'feed_gap': return { text: `feed gap: ${b.ticks} ticks missing from ${b.fromTick}`, kind: 'gap' };
    case 'session_paused': return { text: `betting paused from seq ${b.fromSeq}`, kind: 'status' };
    case 'session_resumed': return { text: `betting resumed from seq ${b.fromSeq}`, kind: 'status' };
    case 'session_stopped': return { text: `session ${b.status} (${b.reason})`, kind: 'status' };
    default: return null;
  }
}
