// The sessions this browser created, kept in localStorage ({id, token, savedAt}) so that a reload re-attaches to them.
// Listing an account's sessions by API key (issue 9) will be a second source beside this one on the board.
const key = 'livesim.sessions.v1';
let memory = [];

function read() {
  try {
    const parsed = JSON.parse(localStorage.getItem(key) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((s) => typeof s?.id === 'string' && typeof s?.token === 'string') : [];
  } catch {
    return memory;
  }
}

function write(list) {
  memory = list;
  try { localStorage.setItem(key, JSON.stringify(list)); } catch { /* storage off (private mode): this tab still works */ }
}

export const sessionStore = {
  list: () => read(),
  get: (id) => read().find((s) => s.id === id) ?? null,
  save(id, token) {
    write([{ id, token, savedAt: new Date().toISOString() }, ...read().filter((s) => s.id !== id)]);
  },
  forget(id) {
    write(read().filter((s) => s.id !== id));
  },
};
