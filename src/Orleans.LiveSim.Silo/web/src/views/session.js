// One session: its wallet and stats, equity curve, the current round's price with the bets on it, the open bets with
// ticks left, feed health, its bets from the ledger, P&L by period and the live event list, live over SSE; pause,
// resume, stop and fork while it runs, CSV exports. Everything lives in this mount: opening another session destroys
// it (stream, timers, charts, reads) and starts from an empty model.
import { api } from '../api.js';
import { byId, el, fromTemplate, setText } from '../dom.js';
import { notes } from '../notes.js';
import { describeEvent, SessionModel, wholeSessionCurve } from '../session/model.js';
import { openStream } from '../session/stream.js';
import { sessionAccess, sessionStore } from '../session-store.js';
import { loadSources } from '../sources.js';
import { createEquityChart } from '../charts/equity-chart.js';
import { createPriceChart } from '../charts/price-chart.js';
import { renderActiveBets, renderFeedHealth, renderHeader, renderLive, renderStats } from './session-panels.js';
import { mountActions, renderActions } from './session-actions.js';
import { createLedgerList } from './session-ledger.js';
import { createPnlTable } from './session-pnl.js';

const refreshMs = 5000;
const refreshAtMostEveryMs = 1000;
const maxListedEvents = 500;

export function mountSession(root, id) {
  const node = fromTemplate('session-template');
  root.append(node);
  const $ = (name) => byId(node, name);
  setText($('session-id'), id);

  const saved = sessionAccess(id);
  if (!saved) {
    for (const section of node.querySelectorAll('section:not(.session-head)')) { section.hidden = true; }
    setText($('session-error'), `This browser holds no access token for session ${id}: open sessions from the board of the browser that started them.`);
    return { destroy() {} };
  }

  const model = new SessionModel(id);
  const equityChart = createEquityChart($('equity-chart'));
  const priceChart = createPriceChart($('price-chart'));
  const curveSelect = $('equity-curve-select');
  let curveChosen = false;
  let stream = null;
  let streamState = 'connecting…';
  let refreshTimer = 0;
  let throttleTimer = 0;
  let lastRefresh = 0;
  let frame = 0;
  let destroyed = false;
  let firstSnapshot = true;
  const dirty = new Set();
  const abort = new AbortController();
  const ledger = createLedgerList($, id, saved.token, (rows) => { model.addLedgerRows(rows); schedule('live'); });
  const pnl = createPnlTable($, id, saved.token);
  const canControl = true;

  function schedule(part) {
    dirty.add(part);
    if (!frame) { frame = requestAnimationFrame(flush); }
  }

  // Ticks can arrive hundreds a second (a replay): state changes at once, the page redraws once per frame.
  function flush() {
    frame = 0;
    if (destroyed) { return; }
    if (model.view) {
      if (dirty.has('view')) { renderView(); }
      renderLive($, model, streamState);
      renderActions($, model, canControl);
    }
    renderActiveBets($, model.activeBets());
    priceChart.show(model.round);
    dirty.clear();
  }

  function renderView() {
    const v = model.view;
    renderHeader($, v);
    renderStats($, v);
    renderFeedHealth($, v);
    // The per-bet curve holds the last 500 settlements; past that, the per-round curve is the whole session.
    const s = v.stats;
    if (!curveChosen) { curveSelect.value = wholeSessionCurve(s) === s.gameEquityCurve ? 'rounds' : 'bets'; }
    const points = curveSelect.value === 'rounds' ? s.gameEquityCurve : s.equityCurve;
    equityChart.show(points, v.wallet.startingBalance);
    $('equity-empty').hidden = points.length > 0;
  }

  function logEvent(envelope) {
    const line = describeEvent(envelope);
    if (!line) { return; }
    const list = $('events');
    list.prepend(el('li', { class: line.kind, text: `#${envelope.eventSeq} ${line.text}` }));
    while (list.children.length > maxListedEvents) { list.lastChild.remove(); }
  }

  function end() {
    stream?.close();
    stream = null;
    clearTimeout(refreshTimer);
    schedule('view');
    // The last bets settled as the session ended: read them and the P&L once more.
    ledger.tail();
    pnl.load();
  }

  async function refresh() {
    clearTimeout(throttleTimer);
    throttleTimer = 0;
    lastRefresh = Date.now();
    try {
      const view = await api.session(id, saved.token, abort.signal);
      if (destroyed) { return; }
      model.applyRefresh(view);
      schedule('view');
      ledger.tail();
      if (model.ended) { end(); }
    } catch (e) {
      if (e.name === 'AbortError' || destroyed) { return; }
      if (e.status === 404) {
        sessionStore.forget(id);
        notes.add(`Session ${id} no longer exists on the silo (an in-memory silo forgets its sessions when it restarts): removed from this list.`);
        location.hash = '#/';
        return;
      }
      setText($('session-error'), e.status === 401 ? 'The silo refused this browser\'s access token for the session.' : e.message);
    }
  }

  // Stats beyond the tick summary (streaks, drawdown, equity curve, feed health) come with the full view: read it
  // after settlements, at most once a second, and every few seconds while the session runs.
  function refreshSoon() {
    if (throttleTimer || destroyed) { return; }
    throttleTimer = setTimeout(refresh, Math.max(0, lastRefresh + refreshAtMostEveryMs - Date.now()));
  }

  function poll() {
    refreshTimer = setTimeout(async () => {
      await refresh();
      if (!destroyed && !model.ended) { poll(); }
    }, refreshMs);
  }

  function onEvent(envelope) {
    if (destroyed) { return; }
    const change = model.apply(envelope);
    if (change === 'view' && firstSnapshot) {
      firstSnapshot = false;
      if (envelope.eventSeq > 0) {
        $('events-note').hidden = false;
        setText($('events-note'), `Events up to #${envelope.eventSeq} happened before this page connected: the stats and the bets above include them.`);
      }
    }
    logEvent(envelope);
    schedule(change === 'view' || change === 'status' ? 'view' : 'live');
    if (envelope.type === 'bet_settled' || envelope.type === 'game_ended') {
      refreshSoon();
      pnl.soon();
    }
    if (envelope.type === 'bet_placed' || envelope.type === 'bet_settled' || envelope.type === 'bet_skipped') { ledger.tail(); }
    if (model.ended) {
      end();
      refresh();
    }
  }

  function onStreamState(state) {
    streamState = { open: 'live', reconnecting: 'reconnecting… (resumes from the last event)', closed: 'disconnected' }[state];
    schedule('live');
    // A stream the server refused (404, 401) closes for good: the view says why.
    if (state === 'closed') { refresh(); }
  }

  mountActions($, {
    id,
    token: saved.token,
    model,
    onView: (view) => { model.applyRefresh(view); schedule('view'); },
    onStopped: end,
  });
  curveSelect.addEventListener('change', () => { curveChosen = true; schedule('view'); });

  loadSources().then(() => schedule('view')).catch(() => {});
  stream = openStream(id, saved.token, { onEvent, onState: onStreamState });
  ledger.start();
  pnl.load();
  poll();
  return {
    destroy() {
      destroyed = true;
      abort.abort();
      stream?.close();
      clearTimeout(refreshTimer);
      clearTimeout(throttleTimer);
      cancelAnimationFrame(frame);
      ledger.destroy();
      pnl.destroy();
      equityChart.destroy();
      priceChart.destroy();
    },
  };
}
