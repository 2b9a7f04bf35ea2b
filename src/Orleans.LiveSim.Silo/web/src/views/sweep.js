// One sweep, live: status and progress (variants done, ticks, ETA), the leaderboard, and for a grid of two parameters a
// heatmap of the metric (rows: the first parameter, columns: the second); a cell or a leaderboard row opens that
// variant's session. Updates come over SSE (sweep_update, at most twice a second); the heatmap reads every variant
// (GET /variants) at most once a second while the sweep runs, and once more when it ends. Opened from a share link
// (#/watch/sweep/{id}/{viewer token}) it is read-only: no stop, no share, and its variants open read-only with the
// same token (#/watch/{variant}/{token}); nothing is saved in this browser.
import { api } from '../api.js';
import { byId, el, fromTemplate, setText } from '../dom.js';
import * as fmt from '../format.js';
import { sweepStore } from '../session-store.js';
import { describeSource, loadSources } from '../sources.js';
import { wireShareLink } from './share-link.js';
import { renderHeatmap } from './sweep-heatmap.js';
import { metricNames, metricText, valueText } from './sweep-parts.js';

const top = 10;
const variantsAtMostEveryMs = 1000;

/** viewerToken: a read-only viewer token from a share link; the page then has no controls. */
export function mountSweep(root, id, viewerToken = null) {
  const node = fromTemplate('sweep-template');
  root.append(node);
  const $ = (name) => byId(node, name);
  setText($('sweep-id'), id);
  const saved = viewerToken ? { id, token: viewerToken, viewer: true } : sweepStore.get(id);
  if (!saved) {
    setText($('sweep-view-error'), `This browser holds no access token for sweep ${id}: open sweeps from the browser that started them.`);
    return { destroy() {} };
  }

  const abort = new AbortController();
  let view = null;
  let source = null;
  let variantsTimer = 0;
  let lastVariants = 0;
  let destroyed = false;
  const canControl = !saved.viewer;
  $('sweep-viewer-state').hidden = canControl;
  $('sweep-share').hidden = !canControl;
  const variantHref = (sessionId) => (canControl
    ? `#/sessions/${encodeURIComponent(sessionId)}`
    : `#/watch/${encodeURIComponent(sessionId)}/${encodeURIComponent(saved.token)}`);

  function renderLeaderboard(v) {
    const names = v.grid.map((a) => a.parameter);
    $('leaderboard-head').replaceChildren(el('tr', {},
      el('th', { scope: 'col', class: 'num', text: 'Rank' }),
      ...names.map((n) => el('th', { scope: 'col', text: n })),
      el('th', { scope: 'col', class: 'num', text: metricNames[v.metric] ?? v.metric }),
      ...['Net P&L', 'ROI', 'Win rate', 'Max drawdown', 'Bets'].map((t) => el('th', { scope: 'col', class: 'num', text: t })),
      el('th', { scope: 'col', text: 'Status' })));
    $('leaderboard-body').replaceChildren(...v.top.map((r) => el('tr', { dataset: { index: String(r.index) } },
      el('td', { class: 'num' }, el('a', { href: variantHref(r.sessionId), text: `#${r.rank}`, 'aria-label': `open variant ${r.index} (rank ${r.rank})` })),
      ...names.map((n) => el('td', { text: valueText(r.params[n]) })),
      el('td', { class: 'num', text: metricText(v.metric, r.metric) }),
      el('td', { class: `num ${fmt.trend(r.stats.netPnl)}`, text: fmt.signedAmount(r.stats.netPnl) }),
      el('td', { class: 'num', text: fmt.signedPercent(r.stats.roiPct) }),
      el('td', { class: 'num', text: fmt.percent(r.stats.winRatePct, 1) }),
      el('td', { class: 'num', text: fmt.percent(r.stats.maxDrawdownPct) }),
      el('td', { class: 'num', text: fmt.count(r.stats.betsPlaced) }),
      el('td', { text: r.status }))));
    setText($('leaderboard-note'), `best ${v.top.length} of ${fmt.count(v.progress.reported)} reported`);
  }

  function render(v) {
    view = v;
    const p = v.progress;
    setText($('sweep-status'), v.status);
    $('sweep-status').className = `pill ${v.status}`;
    setText($('sweep-source'), describeSource(v.source));
    setText($('sweep-metric'), `${metricNames[v.metric] ?? v.metric}${v.metric === 'maxDrawdownPct' ? ' (lower is better)' : ''}`);
    setText($('sweep-created'), fmt.time(v.createdAt));
    $('sweep-progress').max = Math.max(1, p.variants);
    $('sweep-progress').value = p.done;
    const ticks = p.ticksTotal ? `, ticks ${fmt.count(p.ticksApplied)} / ${fmt.count(p.ticksTotal)}` : `, ${fmt.count(p.ticksApplied)} ticks applied`;
    const eta = v.status === 'running' && p.etaSeconds !== null && p.etaSeconds !== undefined ? `, about ${Math.ceil(p.etaSeconds)} s left` : '';
    setText($('sweep-progress-text'), `${fmt.count(p.done)} of ${fmt.count(p.variants)} variants done${ticks}${eta}`);
    $('sweep-stop').hidden = !canControl || v.status !== 'running';
    node.dataset.status = v.status;
    node.dataset.updateSeq = String(v.updateSeq);
    renderLeaderboard(v);
    if (v.grid.length === 2) { variantsSoon(); }
    if (v.status !== 'running') { closeStream('ended'); }
  }

  async function loadVariants() {
    clearTimeout(variantsTimer);
    variantsTimer = 0;
    lastVariants = Date.now();
    const seq = view.updateSeq;
    try {
      const variants = await api.sweepVariants(id, saved.token, abort.signal);
      if (destroyed) { return; }
      node.querySelector('.heatmap-card').hidden = false;
      renderHeatmap($, view, variants, variantHref);
      $('heatmap').dataset.updateSeq = String(seq);
    } catch (e) {
      if (e.name !== 'AbortError') { setText($('sweep-view-error'), `Could not read the variants: ${e.message}`); }
    }
  }

  function variantsSoon() {
    if (variantsTimer || destroyed) { return; }
    variantsTimer = setTimeout(loadVariants, Math.max(0, lastVariants + variantsAtMostEveryMs - Date.now()));
  }

  function closeStream(state) {
    source?.close();
    source = null;
    setText($('sweep-stream'), state);
    $('sweep-stream').className = `pill stream ${state === 'live' ? 'live' : 'ended'}`;
  }

  function openStream() {
    source = new EventSource(api.sweepStreamUrl(id, saved.token, top));
    source.onopen = () => { setText($('sweep-stream'), 'live'); $('sweep-stream').className = 'pill stream live'; };
    source.onerror = () => {
      if (!source) { return; }
      const closed = source.readyState === EventSource.CLOSED;
      setText($('sweep-stream'), closed ? 'disconnected' : 'reconnecting…');
      $('sweep-stream').className = 'pill stream waiting';
      // A stream the server refused (401, 404) closes for good: a read says why.
      if (closed) { explainRefusal(); }
    };
    source.addEventListener('sweep_update', (e) => { if (!destroyed) { render(JSON.parse(e.data).body); } });
  }

  async function explainRefusal() {
    try {
      await api.sweep(id, saved.token, 0, abort.signal);
    } catch (e) {
      if (e.name === 'AbortError' || destroyed) { return; }
      const refused = saved.viewer ? 'The silo refused this read-only link (revoked, or not this sweep\'s).' : 'The silo refused this browser\'s access to the sweep.';
      setText($('sweep-view-error'), e.status === 401 || e.status === 403 ? refused : e.message);
    }
  }

  wireShareLink($, $('sweep-share'), {
    mint: () => api.createSweepViewer(id, saved.token),
    linkFor: (token) => `#/watch/sweep/${encodeURIComponent(id)}/${encodeURIComponent(token)}`,
    onError: (err) => setText($('sweep-view-error'), `Sharing failed: ${err.message}`),
  });

  $('sweep-stop').addEventListener('click', async (e) => {
    e.currentTarget.disabled = true;
    try { render(await api.stopSweep(id, saved.token)); } catch (err) { setText($('sweep-view-error'), `Stop failed: ${err.message}`); } finally { e.currentTarget.disabled = false; }
  });

  loadSources().then(() => { if (view && !destroyed) { setText($('sweep-source'), describeSource(view.source)); } }).catch(() => {});
  setText($('sweep-stream'), 'connecting…');
  openStream();
  return {
    destroy() {
      destroyed = true;
      abort.abort();
      source?.close();
      clearTimeout(variantsTimer);
    },
  };
}
