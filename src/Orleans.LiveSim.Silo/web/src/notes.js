// Notes for the user that outlive a view change (a session that no longer exists is dropped from the board with a note).
const pending = [];
const listeners = new Set();

export const notes = {
  add(text) {
    if (pending.some((n) => n.text === text)) { return; }
    pending.push({ text, at: Date.now() });
    for (const listener of listeners) { listener(); }
  },
  all: () => [...pending],
  dismiss(note) {
    const i = pending.indexOf(note);
    if (i >= 0) { pending.splice(i, 1); }
    for (const listener of listeners) { listener(); }
  },
  subscribe(listener) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
