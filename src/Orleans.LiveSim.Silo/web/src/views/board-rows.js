// A board row per session: its cells, how they read from the session's view, and the column sort.
import { el, setText } from '../dom.js';
import * as fmt from '../format.js';
import { wholeSessionCurve } from '../session/model.js';
import { describeSource, describeStrategy } from '../sources.js';
import { createSparkline } from '../charts/sparkline.js';

/** Columns whose first click sorts A to Z (the others: highest first). */
export const textKeys = new Set(['id', 'status', 'mode', 'source']);

const sortValue = {
  id: (v) => v.id,
  status: (v) => v.status,
  mode: (v) => v.mode,
  source: (v) => describeSource(v.source),
  netPnl: (v) => Number(v.stats.netPnl),
  roiPct: (v) => Number(v.stats.roiPct),
  winRatePct: (v) => Number(v.stats.winRatePct),
  maxDrawdownPct: (v) => Number(v.stats.maxDrawdownPct),
  createdAt: (v) => v.createdAt,
};

export function compareRows(a, b, key, descending) {
  // Rows without a view (unreachable, refused) sort last either way.
  if (!a.view || !b.view) { return (a.view ? 0 : 1) - (b.view ? 0 : 1); }
  const x = sortValue[key](a.view);
  const y = sortValue[key](b.view);
  const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
  return (descending ? -order : order) || a.view.id.localeCompare(b.view.id);
}

export function createRow(saved) {
  const cells = {
    link: el('a', { href: `#/sessions/${encodeURIComponent(saved.id)}`, class: 'session-link', title: saved.id }),
    strategy: el('span', { class: 'muted small session-strategy' }),
    status: el('span', { class: 'pill' }),
    mode: el('span'),
    source: el('span'),
    spark: el('div', { class: 'sparkline', 'aria-hidden': 'true' }),
    equity: el('span', { class: 'small' }),
    // data-label names a cell where a phone shows each row as a card (app.css).
    netPnl: el('td', { class: 'num', 'data-label': 'Net P&L' }),
    roi: el('td', { class: 'num', 'data-label': 'ROI' }),
    winRate: el('td', { class: 'num', 'data-label': 'Win rate' }),
    drawdown: el('td', { class: 'num', 'data-label': 'Max drawdown' }),
    created: el('td', { class: 'nowrap', 'data-label': 'Started' }),
    // An account's session stays listed while the key is entered: only this browser's own can be removed.
    remove: saved.account ? el('span', { class: 'muted small', text: 'account' })
      : el('button', { type: 'button', class: 'link-button', 'aria-label': `Remove session ${fmt.shortId(saved.id)} from this list`, text: 'Remove' }),
  };
  setText(cells.link, fmt.shortId(saved.id));
  const tr = el('tr', { dataset: { id: saved.id } },
    el('td', {}, cells.link, el('br'), cells.strategy),
    el('td', { 'data-label': 'Status' }, cells.status),
    el('td', { 'data-label': 'Mode' }, cells.mode),
    el('td', { 'data-label': 'Source' }, cells.source),
    el('td', { class: 'equity-cell', 'data-label': 'Equity' }, cells.spark, cells.equity),
    cells.netPnl, cells.roi, cells.winRate, cells.drawdown, cells.created,
    el('td', { class: 'remove-cell' }, cells.remove));
  return { saved, tr, cells, view: null, problem: null, sparkline: createSparkline(cells.spark) };
}

export function renderRow(row) {
  const { cells, view } = row;
  row.tr.classList.toggle('unavailable', !view);
  if (!view) {
    setText(cells.status, row.problem ?? 'loading…');
    cells.status.className = 'pill failed';
    return;
  }
  const s = view.stats;
  setText(cells.strategy, describeStrategy(view.strategy));
  setText(cells.status, view.status);
  cells.status.className = `pill ${view.status}`;
  setText(cells.mode, view.mode);
  setText(cells.source, describeSource(view.source));
  row.sparkline.show(wholeSessionCurve(s), view.wallet.startingBalance);
  setText(cells.equity, fmt.amount(view.wallet.equity));
  setText(cells.netPnl, fmt.signedAmount(s.netPnl));
  cells.netPnl.className = `num ${fmt.trend(s.netPnl)}`;
  setText(cells.roi, fmt.signedPercent(s.roiPct));
  setText(cells.winRate, `${fmt.percent(s.winRatePct, 1)} (${s.betsWon}/${s.betsWon + s.betsLost})`);
  setText(cells.drawdown, fmt.percent(s.maxDrawdownPct));
  setText(cells.created, fmt.time(view.createdAt));
}
