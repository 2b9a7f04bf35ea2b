// The "New session" form and the recording upload (on the board). A created session is remembered by this browser
// (session-store) and opened. API errors show against the form's own labels.
import { api } from '../api.js';
import { byId, el } from '../dom.js';
import { describeProblem, formErrors, formLabels } from '../field-errors.js';
import { accountKey, sessionStore } from '../session-store.js';
import { loadSources } from '../sources.js';

// Names and ids come from users (a recording's name is whatever its uploader chose): they only ever become text.
const option = (value, text) => el('option', { value, text });

export function mountNewSession(root) {
  const form = byId(root, 'create-form');
  const sourceSelect = byId(root, 'source-select');
  const speedSelect = form.elements.speed;
  const errorBox = byId(root, 'create-error');
  const upload = byId(root, 'upload-form');
  const uploadResult = byId(root, 'upload-result');
  const labels = formLabels(form);
  const errors = formErrors(form, errorBox);
  let sizingLoaded = false;

  const syncSpeed = () => { speedSelect.disabled = !String(sourceSelect.value).startsWith('recording:'); };

  async function refreshSources() {
    try {
      const { feeds, recordings } = await loadSources();
      const selected = sourceSelect.value;
      sourceSelect.replaceChildren(
        ...feeds.map((f) => option(`feed:${f.feedId}`, `live: ${f.feedId} (${f.provider})`)),
        ...recordings.map((r) => option(`recording:${r.recordingId}`, `replay: ${r.name ?? r.recordingId} (${r.content}, ${r.ticks} ticks)`)));
      if (selected) { sourceSelect.value = selected; }
      syncSpeed();
      if (!sizingLoaded) {
        const strategies = await api.strategies();
        const sizing = strategies.find((s) => s.id === 'tick-schedule')?.parameters.find((p) => p.name === 'sizing');
        if (sizing?.choices) { byId(root, 'sizing-select').replaceChildren(...sizing.choices.map((c) => option(c, c))); }
        sizingLoaded = true;
      }
    } catch (e) {
      errorBox.replaceChildren(el('p', { text: `Could not load the sources: ${e.message}` }));
    }
  }

  async function requestBody() {
    const f = new FormData(form);
    const [kind, sourceId] = String(f.get('source')).split(/:(.*)/s);
    const body = { startingBalance: Number(f.get('startingBalance')) };
    if (kind === 'recording') {
      const speed = speedSelect.value;
      body.source = { recordingId: sourceId, speed: speed === 'max' ? 'max' : Number(speed) };
    } else {
      body.feedId = sourceId;
    }
    const legacy = byId(root, 'legacy-file').files[0];
    if (legacy) {
      // A legacy strategy file is sent as it is; the server maps it (and names any field it cannot).
      try { body.legacyStrategy = JSON.parse(await legacy.text()); } catch { throw new Error(`Legacy strategy file: ${legacy.name} is not JSON.`); }
    } else {
      body.strategy = { id: 'tick-schedule', params: {
        entryTick: Number(f.get('entryTick')), numBets: Number(f.get('numBets')), cooldown: Number(f.get('cooldown')),
        betSizes: [Number(f.get('stake'))], sizing: f.get('sizing') } };
    }
    return body;
  }

  async function create(event) {
    event.preventDefault();
    errors.clear();
    let body;
    try { body = await requestBody(); } catch (e) { errors.show([{ text: e.message, label: '', field: null }]); return; }
    const submit = form.querySelector('button[type=submit]');
    submit.disabled = true;
    try {
      // With an account key entered, the session belongs to the account.
      const key = accountKey.get();
      const created = await api.createSession(body, key ? { apiKey: key } : undefined);
      sessionStore.save(created.id, created.accessToken);
      location.hash = `#/sessions/${created.id}`;
    } catch (e) {
      errors.show(describeProblem(e.problem, labels));
    } finally {
      submit.disabled = false;
    }
  }

  async function uploadRecording(event) {
    event.preventDefault();
    const file = byId(root, 'capture-file').files[0];
    if (!file) { uploadResult.textContent = 'Choose a capture file first.'; return; }
    const content = new FormData(upload).get('content');
    uploadResult.textContent = `Uploading ${file.name}…`;
    try {
      const json = await api.uploadRecording(file.name, content, file);
      // The new recording becomes the selected source, then the result is shown.
      await refreshSources();
      sourceSelect.value = `recording:${json.recordingId}`;
      syncSpeed();
      uploadResult.textContent = `Recording ${json.recordingId}: ${json.messages} messages, ${json.ticks} ticks, ${json.rounds} rounds, ${json.counters.malformed} malformed.`;
    } catch (e) {
      uploadResult.textContent = e.problem?.detail ?? e.message;
    }
  }

  form.addEventListener('submit', create);
  upload.addEventListener('submit', uploadRecording);
  sourceSelect.addEventListener('change', syncSpeed);
  refreshSources();
  const timer = setInterval(refreshSources, 10000);
  return { destroy: () => clearInterval(timer) };
}
