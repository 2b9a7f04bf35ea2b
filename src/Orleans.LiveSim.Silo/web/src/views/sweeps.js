// The sweeps of this browser (sweep-store) with status, progress and the best variant, and the form that starts one:
// a source, a metric, and per parameter a base value and the values to sweep (a list or a range).
import { api } from '../api.js';
import { byId, el, fromTemplate, setText } from '../dom.js';
import { describeProblem, formErrors, formLabels } from '../field-errors.js';
import * as fmt from '../format.js';
import { sweepStore } from '../session-store.js';
import { describeSource, loadSources } from '../sources.js';
import { axisText, metricNames, variantLink } from './sweep-parts.js';

const refreshMs = 3000;
const axes = [
  { name: 'entryTick', label: 'Entry tick values', integer: true },
  { name: 'numBets', label: 'Bets per round values', integer: true },
  { name: 'cooldown', label: 'Cooldown values', integer: true },
  { name: 'betSizes', label: 'Stake values', integer: false, list: true },
];

const decimals = (x) => (String(x).split('.')[1] ?? '').length;

/**
 * The grid value of one parameter from its field: null when empty; a list ("10, 20, 30") or a range ("10-50 step 10",
 * "1..4"). A stake is a list parameter (betSizes): its values become one-stake lists, a range is spelled out.
 * Throws Error with the field's label on a value that is not a number.
 */
export function parseAxis(text, axis) {
  const value = String(text ?? '').trim();
  if (!value) { return null; }
  const range = /^(-?\d+(?:\.\d+)?)\s*(?:-|–|\.\.|to)\s*(-?\d+(?:\.\d+)?)(?:\s*(?:step|by)\s*(\d+(?:\.\d+)?))?$/i.exec(value);
  if (range) {
    const [from, to, step] = [Number(range[1]), Number(range[2]), Number(range[3] ?? 1)];
    if (!axis.list) { return { from, to, step }; }
    const digits = Math.max(decimals(range[1]), decimals(range[2]), decimals(range[3] ?? '1'));
    const values = [];
    for (let i = 0; step > 0 && from + i * step <= to + 1e-12 && values.length <= 10000; i++) { values.push([Number((from + i * step).toFixed(digits))]); }
    return values;
  }
  const items = value.split(/[\s,;]+/).filter(Boolean).map(Number);
  if (items.some((n) => Number.isNaN(n) || (axis.integer && !Number.isInteger(n)))) {
    throw new Error(`${axis.label}: "${value}" is not a list of ${axis.integer ? 'whole numbers' : 'numbers'} (10, 20, 30) or a range (10-50 step 10).`);
  }
  return axis.list ? items.map((n) => [n]) : items;
}

const axisCount = (values) => (Array.isArray(values) ? values.length : values.step > 0 && values.to >= values.from ? Math.floor((values.to - values.from) / values.step + 1e-9) + 1 : 0);

function requestBody(form) {
  const f = new FormData(form);
  const [kind, sourceId] = String(f.get('source')).split(/:(.*)/s);
  const grid = {};
  for (const axis of axes) {
    const values = parseAxis(f.get(`grid.${axis.name}`), axis);
    if (values) { grid[axis.name] = values; }
  }
  const body = {
    startingBalance: Number(f.get('startingBalance')),
    metric: f.get('metric'),
    strategy: { id: 'tick-schedule', params: {
      entryTick: Number(f.get('entryTick')), numBets: Number(f.get('numBets')), cooldown: Number(f.get('cooldown')), betSizes: [Number(f.get('stake'))] } },
    grid,
  };
  if (kind === 'recording') { body.source = { recordingId: sourceId }; } else { body.feedId = sourceId; }
  return body;
}

function mountForm(node) {
  const form = byId(node, 'sweep-form');
  const errors = formErrors(form, byId(node, 'sweep-error'));
  const labels = formLabels(form);
  const select = byId(node, 'sweep-source');

  loadSources().then(({ feeds, recordings }) => {
    select.replaceChildren(
      ...feeds.map((f) => el('option', { value: `feed:${f.feedId}`, text: `live: ${f.feedId} (${f.provider})` })),
      ...recordings.map((r) => el('option', { value: `recording:${r.recordingId}`, text: `replay: ${r.name ?? r.recordingId} (${r.ticks} ticks)` })));
    // A replay sweep ends by itself: the first recording is the better default.
    if (recordings.length) { select.value = `recording:${recordings[0].recordingId}`; }
  }).catch((e) => errors.show([{ text: `Could not load the sources: ${e.message}`, label: '', field: null }]));

  // The number of variants, as the grid fields are typed.
  const count = () => {
    try {
      const grid = requestBody(form).grid;
      const n = Object.values(grid).reduce((product, values) => product * axisCount(values), 1);
      setText(byId(node, 'sweep-count'), Object.keys(grid).length ? `${fmt.count(n)} variant${n === 1 ? '' : 's'}` : 'Fill at least one grid field.');
    } catch (e) {
      setText(byId(node, 'sweep-count'), e.message);
    }
  };
  form.addEventListener('input', count);
  count();

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    errors.clear();
    let body;
    try { body = requestBody(form); } catch (e) { errors.show([{ text: e.message, label: '', field: null }]); return; }
    const submit = form.querySelector('button[type=submit]');
    submit.disabled = true;
    try {
      const created = await api.createSweep(body);
      sweepStore.save(created.id, created.accessToken);
      location.hash = `#/sweeps/${encodeURIComponent(created.id)}`;
    } catch (e) {
      errors.show(describeProblem(e.problem, labels));
    } finally {
      submit.disabled = false;
    }
  });
}

export function mountSweeps(root) {
  const node = fromTemplate('sweeps-template');
  root.append(node);
  mountForm(node);
  const abort = new AbortController();
  let timer = 0;

  function row(saved, view, problem) {
    const best = view?.top?.[0];
    const link = el('a', { href: `#/sweeps/${encodeURIComponent(saved.id)}`, class: 'session-link', text: fmt.shortId(saved.id) });
    return el('tr', { dataset: { id: saved.id } },
      el('td', {}, link),
      el('td', {}, el('span', { class: `pill ${view?.status ?? ''}`, text: view?.status ?? problem ?? '…' })),
      el('td', { text: view ? describeSource(view.source) : '' }),
      el('td', { text: view ? view.grid.map(axisText).join(' × ') : '' }),
      el('td', { text: view ? metricNames[view.metric] ?? view.metric : '' }),
      el('td', { class: 'num', text: view ? `${view.progress.done} / ${view.progress.variants}` : '' }),
      el('td', {}, best ? variantLink(best, view.metric) : ''),
      el('td', { class: 'nowrap', text: view ? fmt.time(view.createdAt) : '' }));
  }

  async function refresh() {
    const saved = sweepStore.list();
    const rows = await Promise.all(saved.map(async (s) => {
      try { return row(s, await api.sweep(s.id, s.token, 1, abort.signal)); } catch (e) {
        if (e.name === 'AbortError') { throw e; }
        if (e.status === 404) { sweepStore.forget(s.id); return null; }
        return row(s, null, e.status === 401 ? 'access refused' : 'unreachable');
      }
    })).catch(() => null);
    if (!rows) { return; }
    byId(node, 'sweeps-body').replaceChildren(...rows.filter(Boolean));
    byId(node, 'sweeps-empty').hidden = rows.some(Boolean);
    setText(byId(node, 'sweeps-summary'), saved.length ? `${saved.length} sweep${saved.length === 1 ? '' : 's'}` : '');
    node.dataset.loaded = 'true';
    timer = setTimeout(refresh, refreshMs);
  }

  refresh();
  return {
    destroy() {
      abort.abort();
      clearTimeout(timer);
    },
  };
}
