// What this browser created, kept in localStorage ({id, token, savedAt}) so that a reload re-attaches: its sessions
// (the board) and its sweeps. A sweep's token also opens its variant sessions ({sweepId}-{index}).
function tokenStore(key) {
  let memory = [];
  const read = () => {
    try {
      const parsed = JSON.parse(localStorage.getItem(key) ?? '[]');
      return Array.isArray(parsed) ? parsed.filter((s) => typeof s?.id === 'string' && typeof s?.token === 'string') : [];
    } catch {
      return memory;
    }
  };
  const write = (list) => {
    memory = list;
    try { localStorage.setItem(key, JSON.stringify(list)); } catch { /* storage off (private mode): this tab still works */ }
  };
  return {
    list: () => read(),
    get: (id) => read().find((s) => s.id === id) ?? null,
    save(id, token) {
      write([{ id, token, savedAt: new Date().toISOString() }, ...read().filter((s) => s.id !== id)]);
    },
    forget(id) {
      write(read().filter((s) => s.id !== id));
    },
  };
}

export const sessionStore = tokenStore('livesim.sessions.v1');

export const sweepStore = tokenStore('livesim.sweeps.v1');

// The account API key entered on the board, kept for this tab only (sessionStorage): it lists and opens the account's
// sessions. A key is a long-lived secret, so it does not outlive the tab the way session tokens do.
const keyName = 'livesim.apiKey';
let keyInMemory = null;

export const accountKey = {
  get() {
    try { return sessionStorage.getItem(keyName) ?? keyInMemory; } catch { return keyInMemory; }
  },
  set(key) {
    keyInMemory = key;
    try { sessionStorage.setItem(keyName, key); } catch { /* storage off: this view still has it */ }
  },
  clear() {
    keyInMemory = null;
    try { sessionStorage.removeItem(keyName); } catch { /* storage off */ }
  },
};

/**
 * How this browser reaches a session: { id, token } with the token it created the session with, else the token of the
 * sweep it is a variant of ({sweepId}-{index}), else the account key
 * ({ id, token: { apiKey }, account: true }), else null.
 */
export function sessionAccess(id) {
  const own = sessionStore.get(id);
  if (own) { return own; }
  const dash = id.lastIndexOf('-');
  const sweep = dash > 0 && /^\d+$/.test(id.slice(dash + 1)) ? sweepStore.get(id.slice(0, dash)) : null;
  if (sweep) { return { id, token: sweep.token, sweepId: sweep.id }; }
  const key = accountKey.get();
  return key ? { id, token: { apiKey: key }, account: true } : null;
}

// An EventSource cannot send the account key: a session opened with the key streams with a read-only viewer token
// minted once per session and tab (sessionStorage), so that reloads reuse it instead of minting more.
const streamTokensName = 'livesim.streamTokens';

export const streamTokens = {
  get(id) {
    try { return JSON.parse(sessionStorage.getItem(streamTokensName) ?? '{}')[id] ?? null; } catch { return null; }
  },
  save(id, token) {
    try {
      const all = JSON.parse(sessionStorage.getItem(streamTokensName) ?? '{}');
      sessionStorage.setItem(streamTokensName, JSON.stringify({ ...all, [id]: token }));
    } catch { /* storage off: a new one next time */ }
  },
};
