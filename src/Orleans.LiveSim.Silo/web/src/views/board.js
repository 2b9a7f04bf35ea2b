// The board: the sessions this browser started (session-store) and, once an account API key is entered, the account's
// sessions (GET /live-sim/sessions with the key), each with its status, source, equity sparkline and headline stats,
// refreshed every few seconds; sortable by column; a row opens its session. A session the silo no longer has (404)
// drops out with a note.
import { api } from '../api.js';
import { byId, el, fromTemplate, setText } from '../dom.js';
import { notes } from '../notes.js';
import { finalStatuses } from '../session/model.js';
import { accountKey, sessionStore } from '../session-store.js';
import { loadSources } from '../sources.js';
import { compareRows, createRow, renderRow, textKeys } from './board-rows.js';
import { mountNewSession } from './new-session.js';

const refreshMs = 3000;
const accountPage = 100;
const accountRowsAtMost = 500;

/** The account's sessions, newest first (at most accountRowsAtMost), as board entries reached with the key. */
async function accountSessions(key, signal) {
  const found = [];
  let after;
  do {
    const page = await api.accountSessions(key, { after, limit: accountPage, signal });
    found.push(...page.sessions.map((s) => ({ id: s.id, token: { apiKey: key }, account: true })));
    after = page.next;
  } while (after && found.length < accountRowsAtMost);
  return found;
}

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

  async function listed() {
    const own = sessionStore.list();
    const key = accountKey.get();
    if (!key) { return own; }
    try {
      const ids = new Set(own.map((s) => s.id));
      const account = (await accountSessions(key, abort.signal)).filter((s) => !ids.has(s.id));
      setText(byId(node, 'account-state'), `Account key: ${account.length + own.filter((s) => s.account).length ? '' : 'no session of the account yet; '}its sessions are listed.`);
      return [...own, ...account];
    } catch (e) {
      if (e.name === 'AbortError') { throw e; }
      setText(byId(node, 'account-state'), e.status === 401 ? 'The silo refused this API key (unknown or revoked).' : `Could not list the account's sessions: ${e.message}`);
      return own;
    }
  }

  // A refresh started while another runs (a key entered) supersedes it: only the newest schedules the next.
  let generation = 0;
  async function refresh() {
    const mine = ++generation;
    let saved;
    try { saved = await listed(); } catch { return; }
    if (destroyed || mine !== generation) { return; }
    const ids = new Set(saved.map((s) => s.id));
    for (const row of [...rows.values()]) { if (!ids.has(row.saved.id)) { drop(row); } }
    for (const s of saved) { if (!rows.has(s.id)) { rows.set(s.id, createRow(s)); } }
    render();
    await loadSources().catch(() => {});
    await Promise.all([...rows.values()].map(load));
    if (destroyed || mine !== generation) { return; }
    render();
    node.dataset.loaded = 'true';
    timer = setTimeout(refresh, refreshMs);
  }

  body.addEventListener('click', (e) => {
    const tr = e.target.closest('tr');
    if (!tr) { return; }
    const row = rows.get(tr.dataset.id);
    if (e.target.closest('button')) {
      if (row.saved.account) { return; }
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

  // The account key: entering one lists the account's sessions beside this browser's own.
  const accountForm = byId(node, 'account-form');
  const showKeyState = () => {
    byId(node, 'account-forget').hidden = !accountKey.get();
    if (!accountKey.get()) { setText(byId(node, 'account-state'), ''); }
  };
  accountForm.addEventListener('submit', (e) => {
    e.preventDefault();
    const key = byId(node, 'account-key').value.trim();
    if (!key) { setText(byId(node, 'account-state'), 'Enter an API key first.'); return; }
    accountKey.set(key);
    byId(node, 'account-key').value = '';
    showKeyState();
    setText(byId(node, 'account-state'), 'Listing the account\'s sessions…');
    clearTimeout(timer);
    refresh();
  });
  byId(node, 'account-forget').addEventListener('click', () => {
    accountKey.clear();
    showKeyState();
    clearTimeout(timer);
    refresh();
  });
  showKeyState();

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
