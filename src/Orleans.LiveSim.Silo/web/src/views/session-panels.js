// The session view's panels as functions of the data: header, stats, feed health, wallet line and open bets.
// $ finds an element of the mounted view by id. Text only, set when it changed.
import { el, setText } from '../dom.js';
import * as fmt from '../format.js';
import { describeSource, describeStrategy } from '../sources.js';

export function renderHeader($, v) {
  setText($('session-source'), describeSource(v.source));
  setText($('session-strategy'), describeStrategy(v.strategy));
  setText($('session-created'), fmt.time(v.createdAt));
}

/** Stats only the full view carries (the live tick's summary has the wallet and counters). */
export function renderStats($, v) {
  const s = v.stats;
  setText($('pnl-pct'), fmt.signedPercent(fmt.pnlPercent(s.netPnl, v.wallet.startingBalance)));
  setText($('roi'), fmt.signedPercent(s.roiPct));
  setText($('win-rate'), fmt.percent(s.winRatePct, 1));
  setText($('game-win-rate'), `${fmt.percent(s.gameWinRatePct, 1)} (${s.gamesWon}/${s.gamesWon + s.gamesLost})`);
  setText($('max-drawdown'), `${fmt.percent(s.maxDrawdownPct)} (${fmt.amount(s.maxDrawdownAmount)})`);
  setText($('streak'), s.currentWinStreak > 0 ? `${s.currentWinStreak} won` : s.currentLoseStreak > 0 ? `${s.currentLoseStreak} lost` : '–');
  setText($('longest-streaks'), `${s.longestWinningStreak} won, ${s.longestLosingStreak} lost`);
  setText($('profit-factor'), fmt.ratio(s.profitFactor));
  setText($('sharpe'), fmt.ratio(s.sharpeRatio));
  setText($('wagered'), `${fmt.amount(s.totalWagered)} / ${fmt.amount(s.totalReturned)}`);
  setText($('bets-count'), `${fmt.count(s.betsPlaced)} / ${fmt.count(s.betsSkipped)} / ${fmt.count(s.betsVoided)}`);
  setText($('rounds'), `${fmt.count(s.gamesSeen)} / ${fmt.count(s.gamesBet)}`);
}

/** The feed as the session sees it (the view's connection), and the silo hosting the session. */
export function renderFeedHealth($, v) {
  const c = v.connection;
  setText($('feed-state'), c.state);
  $('feed-state').className = `state-${c.state}`;
  setText($('feed-lag'), c.lagMs === null || c.lagMs === undefined ? '–' : `${fmt.count(c.lagMs)} ms`);
  setText($('feed-seq'), `${fmt.count(c.lastSeq)} / ${fmt.count(c.feedLastSeq)}`);
  setText($('feed-gaps'), fmt.count(c.gaps));
  setText($('feed-repaired'), fmt.count(c.gapsRepaired));
  setText($('feed-duplicates'), fmt.count(c.duplicates));
  setText($('feed-out-of-order'), fmt.count(c.outOfOrder));
  setText($('feed-malformed'), fmt.count(c.malformed));
  setText($('feed-reconnects'), fmt.count(c.reconnects));
  setText($('session-host'), v.host ?? '–');
}

/**
 * Status, stream state, wallet, counters and the round line: from the latest live tick's summary when there is one,
 * else from the view. A session that ended never shows "live" again.
 */
export function renderLive($, model, streamState) {
  const v = model.view;
  const sum = model.summary;
  const wallet = sum ?? v.wallet;
  const stats = sum ?? v.stats;
  const status = model.status;
  setText($('session-status'), status + (v.statusReason && status === v.status ? ` (${v.statusReason})` : ''));
  $('session-status').className = `pill ${status}`;
  setText($('stream-state'), model.ended ? 'ended' : streamState);
  $('stream-state').className = `pill stream ${model.ended ? 'ended' : streamState === 'live' ? 'live' : 'waiting'}`;
  setText($('balance'), fmt.amount(wallet.balance));
  setText($('in-bets'), fmt.amount(wallet.inBets));
  setText($('equity'), fmt.amount(wallet.equity));
  setText($('net-pnl'), fmt.signedAmount(stats.netPnl));
  $('net-pnl').className = fmt.trend(stats.netPnl);
  setText($('won-lost'), `${stats.betsWon} / ${stats.betsLost}`);
  setText($('ticks'), stats.ticksProcessed);
  const tick = model.lastTick;
  setText($('round'), tick ? `${tick.gameId} #${tick.tick} (${tick.phase})` : 'no tick yet');
  setText($('price'), tick ? fmt.price(tick.price) : '–');
}

/** bets: model.activeBets() (with ticksLeft). */
export function renderActiveBets($, bets) {
  $('active-bets').replaceChildren(...bets.map((b) => el('tr', { title: `round ${b.gameId}` },
    el('td', { text: `#${b.betId}` }),
    el('td', { class: 'num', text: `${b.startTick}–${b.endTick}` }),
    el('td', { class: 'num', text: fmt.amount(b.stake, 3) }),
    el('td', { class: 'num', text: fmt.price(b.entryPrice) }),
    el('td', { class: 'num', text: b.ticksLeft === null ? '–' : String(b.ticksLeft) }))));
  $('active-empty').hidden = bets.length > 0;
}
