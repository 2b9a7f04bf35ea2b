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

/** The access of a session: its own token, or the token of the sweep it is a variant of ({sweepId}-{index}). */
export function sessionAccess(id) {
  const own = sessionStore.get(id);
  if (own) { return own; }
  const dash = id.lastIndexOf('-');
  const sweep = dash > 0 && /^\d+$/.test(id.slice(dash + 1)) ? sweepStore.get(id.slice(0, dash)) : null;
  return sweep ? { id, token: sweep.token, sweepId: sweep.id } : null;
}
