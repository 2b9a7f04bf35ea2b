// The board: the sessions this browser started (session-store), each with its status, source, equity sparkline and
// headline stats, refreshed every few seconds; sortable by column; a row opens its session. A session the silo no
// longer has (404) drops out with a note. An account key's session listing (issue 9) will feed the same table.
import { api } from '../api.js';
import { byId, el, fromTemplate, setText } from '../dom.js';
import { notes } from '../notes.js';
import { finalStatuses } from '../session/model.js';
import { sessionStore } from '../session-store.js';
import { loadSources } from '../sources.js';
import { compareRows, createRow, renderRow, textKeys } from './board-rows.js';
import { mountNewSession } from './new-session.js';

const refreshMs = 3000;

// The sort outlives the view, so coming back from a session keeps it.
const sort = { key: 'createdAt', descending: true };

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
