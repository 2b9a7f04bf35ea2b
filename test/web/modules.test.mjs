// The page's pure modules (no DOM): API field paths to form labels, and the session model the view draws from.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeProblem, labelFor } from '../../src/Orleans.LiveSim.Silo/web/src/field-errors.js';
import { describeEvent, SessionModel, wholeSessionCurve } from '../../src/Orleans.LiveSim.Silo/web/src/session/model.js';

const labels = new Map([['strategy.params.betSizes', 'Stake'], ['strategy.params.numBets', 'Bets per round'], ['legacyStrategy', 'Legacy strategy file'], ['source.feedId', 'Source']]);

test('API field paths read as the form\'s labels, list indices and nested fields included', () => {
  assert.deepEqual(labelFor('strategy.params.betSizes[0]', labels), { label: 'Stake', field: 'strategy.params.betSizes' });
  assert.deepEqual(labelFor('legacyStrategy.sizing.kellyFraction', labels), { label: 'Legacy strategy file, sizing kelly fraction', field: 'legacyStrategy' });
  assert.deepEqual(labelFor('strategy.params.maxLossMultiplier', labels), { label: 'max loss multiplier', field: null });
  assert.deepEqual(describeProblem({ title: 'The session request is invalid.', errors: { 'strategy.params.numBets': ['must be between 1 and 100.'] } }, labels),
    [{ label: 'Bets per round', field: 'strategy.params.numBets', text: 'Bets per round: must be between 1 and 100.' }]);
  assert.deepEqual(describeProblem({ title: 'Session not found.', detail: 'No session \'x\'.' }, labels),
    [{ label: null, field: null, text: 'Session not found. No session \'x\'.' }]);
});

const tick = (gameId, t, price, phase = 'active') => ({ gameId, tick: t, price, phase, rugged: phase === 'rugged' });
const bet = (betId, gameId, startTick) => ({ betId, gameId, startTick, endTick: startTick + 40, stake: 0.001, entryPrice: 1 });

test('a new round starts an empty price series; repeated ticks replace, older ones are ignored', () => {
  const model = new SessionModel('s');
  model.apply({ type: 'live_tick', eventSeq: 1, body: { tick: tick('g1', 0, 1), summary: { status: 'running' } } });
  model.apply({ type: 'live_tick', eventSeq: 2, body: { tick: tick('g1', 1, 1.2), summary: { status: 'running' } } });
  model.apply({ type: 'live_tick', eventSeq: 3, body: { tick: tick('g1', 1, 1.3), summary: { status: 'running' } } });
  model.apply({ type: 'live_tick', eventSeq: 4, body: { tick: tick('g1', 0, 9), summary: { status: 'running' } } });
  assert.deepEqual([model.round.ticks, model.round.prices], [[0, 1], [1, 1.3]]);
  model.apply({ type: 'bet_placed', eventSeq: 5, body: { bet: bet(1, 'g1', 1) } });
  model.apply({ type: 'live_tick', eventSeq: 6, body: { tick: tick('g1', 5, 0.01, 'rugged'), summary: { status: 'running' } } });
  model.apply({ type: 'bet_settled', eventSeq: 7, body: { bet: bet(1, 'g1', 1), outcome: 'won', returned: 0.005, rugTick: 5 } });
  assert.equal(model.round.bets.get(1).outcome, 'won');
  assert.equal(model.round.rugTick, 5);

  model.apply({ type: 'live_tick', eventSeq: 8, body: { tick: tick('g2', 0, 1), summary: { status: 'running' } } });
  assert.deepEqual([model.round.gameId, model.round.ticks, model.round.bets.size, model.round.rugTick], ['g2', [0], 0, null]);
});

test('open bets show the ticks left in their window of the running round', () => {
  const model = new SessionModel('s');
  model.apply({ type: 'live_tick', eventSeq: 1, body: { tick: tick('g1', 10, 1), summary: { status: 'running' } } });
  model.apply({ type: 'bet_placed', eventSeq: 2, body: { bet: bet(3, 'g1', 10) } });
  model.apply({ type: 'live_tick', eventSeq: 3, body: { tick: tick('g1', 25, 1), summary: { status: 'running' } } });
  assert.deepEqual(model.activeBets().map((b) => [b.betId, b.ticksLeft]), [[3, 25]]);
  model.apply({ type: 'bet_settled', eventSeq: 4, body: { bet: bet(3, 'g1', 10), outcome: 'lost', returned: 0, rugTick: null } });
  assert.deepEqual(model.activeBets(), []);
});

test('a view older than the events applied brings its stats but keeps the open bets the events built', () => {
  const model = new SessionModel('s');
  const view = (eventSeq, activeBets) => ({ status: 'running', eventSeq, activeBets, lastTick: null, stats: { netPnl: eventSeq } });
  model.apply({ type: 'snapshot', eventSeq: 10, body: view(10, []) });
  model.apply({ type: 'bet_placed', eventSeq: 11, body: { bet: bet(1, 'g1', 0) } });
  model.applyRefresh(view(10, []));
  assert.deepEqual([...model.openBets.keys()], [1]);
  model.applyRefresh(view(12, []));
  assert.deepEqual([...model.openBets.keys()], []);
  assert.equal(model.view.stats.netPnl, 12);
});

test('a stop or completion ends the session in the model', () => {
  const model = new SessionModel('s');
  model.apply({ type: 'snapshot', eventSeq: 1, body: { status: 'running', eventSeq: 1, activeBets: [], lastTick: null } });
  assert.equal(model.ended, false);
  model.apply({ type: 'session_stopped', eventSeq: 2, body: { status: 'completed', reason: 'replay_finished' } });
  assert.equal(model.ended, true);
  assert.deepEqual(describeEvent({ type: 'session_stopped', body: { status: 'completed', reason: 'replay_finished' } }), { text: 'session completed (replay_finished)', kind: 'status' });
});

test('the whole-session curve is the per-round one once the per-bet curve has dropped its start', () => {
  const points = (n) => Array.from({ length: n }, (_, i) => ({ seq: i, equity: 1 }));
  const stats = (settled, perBet, perRound) => ({ betsWon: settled, betsLost: 0, betsVoided: 0, equityCurve: points(perBet), gameEquityCurve: points(perRound) });
  const full = stats(3, 3, 2);
  assert.equal(wholeSessionCurve(full), full.equityCurve);
  const cut = stats(900, 500, 300);
  assert.equal(wholeSessionCurve(cut), cut.gameEquityCurve);
});

test('ledger rows mark the bets of the round on the chart, also when they arrive before its first tick, without undoing a streamed outcome', () => {
  const model = new SessionModel('s');
  const row = (betId, gameId, outcome) => ({ ...bet(betId, gameId, 10 * betId), outcome });
  model.addLedgerRows([row(1, 'g1', 'won'), row(2, 'g2', 'lost'), row(3, 'g2', 'open'), { eventSeq: 9, betId: null, gameId: 'g2', outcome: 'skipped' }]);
  assert.equal(model.round.bets.size, 0, 'no round yet');
  model.apply({ type: 'live_tick', eventSeq: 10, body: { tick: tick('g2', 50, 1.5), summary: { status: 'running' } } });
  assert.deepEqual([...model.round.bets.values()].map((b) => [b.betId, b.outcome]), [[2, 'lost'], [3, null]]);
  model.apply({ type: 'bet_settled', eventSeq: 11, body: { bet: bet(3, 'g2', 30), outcome: 'won', rugTick: 60 } });
  model.addLedgerRows([row(3, 'g2', 'open')]);
  assert.equal(model.round.bets.get(3).outcome, 'won');
});
