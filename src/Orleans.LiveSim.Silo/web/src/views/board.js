// The board: the sessions this browser started (session-store), each with its status, source, equity sparkline and
// headline stats, refreshed every few seconds; sortable by column; a row opens its session. A session the silo no
// longer has (404) drops out with a note. An account key's session listing (issue 9) will feed the same table.
import { api } from '../api.js';
import { byId, el, fromTemplate, setText } from '../dom.js';
import * as fmt from '../format.js';
import { notes } from '../notes.js';
import { finalStatuses, wholeSessionCurve } from '../session/model.js';
import { sessionStore } from '../session-store.js';
import { describeSource, describeStrategy, loadSources } from '../sources.js';
import { createSparkline } from '../charts/sparkline.js';
import { mountNewSession } from './new-session.js';

const refreshMs = 3000;

// The sort outlives the view, so coming back from a session keeps it.
const sort = { key: 'createdAt', descending: true };

const textKeys = new Set(['id', 'status', 'mode', 'source']);

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

function createRow(saved) {
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
    remove: el('button', { type: 'button', class: 'link-button', 'aria-label': `Remove session ${fmt.shortId(saved.id)} from this list`, text: 'Remove' }),
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

function renderRow(row) {
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

export function mountBoard(root) {
  const node = fromTemplate('board-template');
  root.append(node);
  const form = mountNewSession(node);
  const body = byId(node, 'sessions-body');
  const rows = new Map();
  let timer = 0;
  let destroyed = false;
  const abort = new AbortController();

  function renderNotes() {
    byId(node, 'board-notes').replaceChildren(...notes.all().map((note) => el('li', { class: 'note' },
      el('span', { text: note.text }),
      el('button', { type: 'button', class: 'link-button', text: 'Dismiss', onclick: () => notes.dismiss(note) }))));
  }

  function render() {
    const ordered = [...rows.values()].sort((a, b) => compareRows(a, b, sort.key, sort.descending));
    ordered.forEach((row) => renderRow(row));
    // Re-appending moves existing rows (their sparklines stay), so only the order changes.
    body.append(...ordered.map((r) => r.tr));
    byId(node, 'sessions-empty').hidden = rows.size > 0;
    const running = ordered.filter((r) => r.view && !finalStatuses.has(r.view.status)).length;
    setText(byId(node, 'board-summary'), rows.size ? `${rows.size} session${rows.size === 1 ? '' : 's'}, ${running} running` : '');
    for (const th of node.querySelectorAll('th[data-sort]')) {
      const active = th.dataset.sort === sort.key;
      th.setAttribute('aria-sort', active ? (sort.descending ? 'descending' : 'ascending') : 'none');
    }
  }

  function drop(row) {
    row.sparkline.destroy();
    row.tr.remove();
    rows.delete(row.saved.id);
  }

  async function load(row) {
    // A finished session does not change any more: read it once.
    if (row.view && finalStatuses.has(row.view.status)) { return; }
    try {
      row.view = await api.session(row.saved.id, row.saved.token, abort.signal);
      row.problem = null;
    } catch (e) {
      if (e.name === 'AbortError') { return; }
      if (e.status === 404) {
        sessionStore.forget(row.saved.id);
        drop(row);
        notes.add(`Session ${row.saved.id} no longer exists on the silo (an in-memory silo forgets its sessions when it restarts): removed from this list.`);
        return;
      }
      row.problem = e.status === 401 ? 'access refused' : 'unreachable';
    }
  }

  async function refresh() {
    const saved = sessionStore.list();
    const ids = new Set(saved.map((s) => s.id));
    for (const row of [...rows.values()]) { if (!ids.has(row.saved.id)) { drop(row); } }
    for (const s of saved) { if (!rows.has(s.id)) { rows.set(s.id, createRow(s)); } }
    render();
    await loadSources().catch(() => {});
    await Promise.all([...rows.values()].map(load));
    if (destroyed) { return; }
    render();
    node.dataset.loaded = 'true';
    timer = setTimeout(refresh, refreshMs);
  }

  body.addEventListener('click', (e) => {
    const tr = e.target.closest('tr');
    if (!tr) { return; }
    const row = rows.get(tr.dataset.id);
    if (e.target.closest('button')) {
      sessionStore.forget(row.saved.id);
      drop(row);
      render();
      return;
    }
    if (!e.target.closest('a')) { location.hash = `#/sessions/${encodeURIComponent(row.saved.id)}`; }
  });

  for (const th of node.querySelectorAll('th[data-sort]')) {
    th.querySelector('button').addEventListener('click', () => {
      // A first click sorts text A to Z, numbers and dates highest first; a second click reverses.
      sort.descending = sort.key === th.dataset.sort ? !sort.descending : !textKeys.has(th.dataset.sort);
      sort.key = th.dataset.sort;
      render();
    });
  }

  const unsubscribe = notes.subscribe(renderNotes);
  renderNotes();
  refresh();
  return {
    destroy() {
      destroyed = true;
      abort.abort();
      clearTimeout(timer);
      unsubscribe();
      form.destroy();
      for (const row of rows.values()) { row.sparkline.destroy(); }
    },
  };
}
