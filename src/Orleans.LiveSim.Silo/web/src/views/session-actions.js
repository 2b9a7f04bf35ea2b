// The session view's actions bar: pause and resume betting, stop, fork (a form of the parameters to change; the fork
// opens as a session of this browser), a read-only share link (a viewer token in the link's #fragment, which browsers
// never send to a server), and the CSV exports (bets, equity curve). Which buttons show follows the session's state
// (renderActions); a viewer (read-only access) gets the exports only.
import { api } from '../api.js';
import { el, setText } from '../dom.js';
import { describeProblem, formErrors, formLabels } from '../field-errors.js';
import { sessionStore } from '../session-store.js';
import { wireShareLink } from './share-link.js';

/** Shows the buttons that apply now: pause or resume while the session runs, stop, fork (not for a viewer). */
export function renderActions($, model, canControl) {
  const running = !model.ended;
  const paused = Boolean(model.view?.paused);
  $('pause-button').hidden = !canControl || !running || paused;
  $('resume-button').hidden = !canControl || !running || !paused;
  $('stop-button').hidden = !canControl || !running;
  $('fork-toggle').hidden = !canControl;
  $('share-button').hidden = !canControl;
  $('paused-state').hidden = !running || !paused;
}

/** Clicks a link to a blob: URL so the browser saves the file, then lets the URL go. */
function save({ blob, name }) {
  const url = URL.createObjectURL(blob);
  const link = el('a', { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * Wires the buttons. onView(view) takes a view a control call answered with; onStopped() runs after a stop.
 */
export function mountActions($, { id, token, model, onView, onStopped }) {
  const form = $('fork-form');
  const toggle = $('fork-toggle');
  const errors = formErrors(form, $('fork-error'));
  const labels = formLabels(form);
  const fail = (what, e) => setText($('session-error'), `${what} failed: ${e.message}`);

  async function control(button, what, call) {
    button.disabled = true;
    setText($('session-error'), '');
    try { onView(await call()); } catch (e) { fail(what, e); } finally { button.disabled = false; }
  }

  $('pause-button').addEventListener('click', (e) => control(e.currentTarget, 'Pause', () => api.pauseSession(id, token)));
  $('resume-button').addEventListener('click', (e) => control(e.currentTarget, 'Resume', () => api.resumeSession(id, token)));
  $('stop-button').addEventListener('click', (e) => control(e.currentTarget, 'Stop', async () => {
    const view = await api.stopSession(id, token);
    onStopped();
    return view;
  }));

  // The form starts with this session's parameters; only the fields changed go into the request.
  const parent = () => {
    const p = model.view?.strategy?.parameters ?? {};
    return { entryTick: p.entryTick, numBets: p.numBets, stake: p.betSizes?.[0], startingBalance: model.view?.wallet?.startingBalance };
  };
  toggle.addEventListener('click', () => {
    const open = form.hidden;
    form.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    if (open) {
      for (const [name, value] of Object.entries(parent())) { form.elements[name].value = value ?? ''; }
      form.elements.fromSeq.value = '';
      form.elements.fromSeq.placeholder = model.view?.source?.fromSeq ? `${model.view.source.fromSeq} (the first)` : 'the first';
      errors.clear();
      form.elements.fromSeq.focus();
    }
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    errors.clear();
    const f = new FormData(form);
    const was = parent();
    const changed = (name) => f.get(name) !== '' && Number(f.get(name)) !== Number(was[name]);
    const body = {};
    const params = {};
    if (f.get('fromSeq') !== '') { body.fromSeq = Number(f.get('fromSeq')); }
    if (changed('startingBalance')) { body.startingBalance = Number(f.get('startingBalance')); }
    if (changed('entryTick')) { params.entryTick = Number(f.get('entryTick')); }
    if (changed('numBets')) { params.numBets = Number(f.get('numBets')); }
    if (changed('stake')) { params.betSizes = [Number(f.get('stake'))]; }
    if (Object.keys(params).length) { body.strategy = { params }; }
    const submit = form.querySelector('button[type=submit]');
    submit.disabled = true;
    try {
      const created = await api.forkSession(id, token, body);
      sessionStore.save(created.id, created.accessToken);
      location.hash = `#/sessions/${encodeURIComponent(created.id)}`;
    } catch (e) {
      errors.show(describeProblem(e.problem, labels));
    } finally {
      submit.disabled = false;
    }
  });

  wireShareLink($, $('share-button'), {
    mint: () => api.createViewer(id, token),
    linkFor: (viewerToken) => `#/watch/${encodeURIComponent(id)}/${encodeURIComponent(viewerToken)}`,
    onError: (err) => fail('Sharing', err),
  });

  for (const what of ['bets', 'equity']) {
    $(`export-${what}`).addEventListener('click', async (e) => {
      const button = e.currentTarget;
      button.disabled = true;
      try { save(await api.exportFile(id, token, what, 'csv')); } catch (err) { fail('The export', err); } finally { button.disabled = false; }
    });
  }
}
