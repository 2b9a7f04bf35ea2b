// Orleans.LiveSim dashboard: create a session, follow it over SSE (EventSource with ?access_token=),
// show its wallet, stats, the current round's price and its events. Plain browser APIs, no build step.
'use strict';

const $ = (id) => document.getElementById(id);
const state = { id: null, token: null, source: null, prices: [], gameId: null };
const fmt = (x) => (x === null || x === undefined) ? '–' : Number(x).toFixed(4);

// Names and ids come from users (a recording's name is whatever its uploader chose): they only ever become text.
function option(value, text) {
  const o = document.createElement('option');
  o.value = value;
  o.textContent = text;
  return o;
}

async function loadFeeds() {
  const feeds = await (await fetch('/live-sim/feeds')).json();
  const recordings = await (await fetch('/live-sim/recordings')).json();
  const select = $('source-select');
  const selected = select.value;
  select.replaceChildren(
    ...feeds.map(f => option(`feed:${f.feedId}`, `live: ${f.feedId} (${f.provider})`)),
    ...recordings.map(r => option(`recording:${r.recordingId}`, `replay: ${r.name ?? r.recordingId} (${r.content}, ${r.ticks} ticks)`)));
  if (selected) { select.value = selected; }
  const demo = feeds.find(f => f.feedId === 'demo') ?? feeds[0];
  if (demo) { $('feed-status').textContent = `feed ${demo.feedId}: ${demo.state}, seq ${demo.lastSeq}`; }
  const strategies = await (await fetch('/live-sim/strategies')).json();
  const sizing = strategies[0]?.parameters.find(p => p.name === 'sizing');
  if (sizing?.choices) { $('sizing-select').replaceChildren(...sizing.choices.map(c => option(c, c))); }
}

async function createSession(event) {
  event.preventDefault();
  const f = new FormData(event.target);
  const [kind, sourceId] = String(f.get('source')).split(/:(.*)/s);
  const body = { startingBalance: Number(f.get('startingBalance')) };
  if (kind === 'recording') {
    body.source = { recordingId: sourceId, speed: f.get('speed') === 'max' ? 'max' : Number(f.get('speed')) };
  } else {
    body.feedId = sourceId;
  }
  const legacy = $('legacy-file').files[0];
  if (legacy) {
    // A legacy strategy file is sent as it is; the server maps it (and names any field it cannot).
    try { body.legacyStrategy = JSON.parse(await legacy.text()); } catch { $('create-error').textContent = `${legacy.name} is not JSON`; return; }
  } else {
    body.strategy = { id: 'tick-schedule', params: {
      entryTick: Number(f.get('entryTick')), numBets: Number(f.get('numBets')), cooldown: Number(f.get('cooldown')),
      betSizes: [Number(f.get('stake'))], sizing: f.get('sizing') } };
  }
  const response = await fetch('/live-sim/sessions', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const json = await response.json();
  if (!response.ok) {
    $('create-error').textContent = json.errors ? Object.entries(json.errors).map(([k, v]) => `${k}: ${v.join(' ')}`).join('; ') : json.title;
    return;
  }
  $('create-error').textContent = '';
  follow(json.id, json.accessToken, json);
}

function follow(id, token, view) {
  state.source?.close();
  Object.assign(state, { id, token, prices: [], gameId: null });
  $('session').hidden = false;
  $('session-id').textContent = id;
  $('events').replaceChildren();
  render(view);
  const source = new EventSource(`/live-sim/sessions/${id}/stream?access_token=${encodeURIComponent(token)}`);
  state.source = source;
  source.onopen = () => { $('stream-state').textContent = 'live'; };
  source.onerror = () => { $('stream-state').textContent = 'reconnecting… (resumes from the last event)'; };
  for (const type of ['snapshot', 'resync']) {
    source.addEventListener(type, (e) => render(JSON.parse(e.data).body));
  }
  source.addEventListener('live_tick', (e) => onTick(JSON.parse(e.data).body));
  source.addEventListener('session_stopped', (e) => {
    const b = JSON.parse(e.data).body;
    $('session-status').textContent = `${b.status} (${b.reason})`;
  });
  for (const type of ['game_started', 'game_ended', 'bet_placed', 'bet_settled', 'bet_skipped', 'feed_gap', 'session_stopped']) {
    source.addEventListener(type, (e) => logEvent(JSON.parse(e.data)));
  }
}

function render(view) {
  $('session-status').textContent = view.status + (view.statusReason ? ` (${view.statusReason})` : '');
  $('balance').textContent = fmt(view.wallet.balance);
  $('in-bets').textContent = fmt(view.wallet.inBets);
  $('equity').textContent = fmt(view.wallet.equity);
  $('net-pnl').textContent = fmt(view.stats.netPnl);
  $('won-lost').textContent = `${view.stats.betsWon} / ${view.stats.betsLost}`;
  $('ticks').textContent = view.stats.ticksProcessed;
  if (view.lastTick) { $('round').textContent = `${view.lastTick.gameId} #${view.lastTick.tick}`; }
}

function onTick(body) {
  const { tick, summary } = body;
  if (tick.gameId !== state.gameId) { state.gameId = tick.gameId; state.prices = []; }
  if (tick.phase === 'active' || tick.phase === 'rugged') { state.prices.push(tick.price); }
  $('session-status').textContent = summary.status;
  $('balance').textContent = fmt(summary.balance);
  $('in-bets').textContent = fmt(summary.inBets);
  $('equity').textContent = fmt(summary.equity);
  $('net-pnl').textContent = fmt(summary.netPnl);
  $('won-lost').textContent = `${summary.betsWon} / ${summary.betsLost}`;
  $('ticks').textContent = summary.ticksProcessed;
  $('round').textContent = `${tick.gameId} #${tick.tick} (${tick.phase})`;
  $('price').textContent = `${Number(tick.price).toFixed(3)}x`;
  draw();
}

function draw() {
  const canvas = $('chart');
  const ctx = canvas.getContext('2d');
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  const p = state.prices;
  if (p.length < 2) { return; }
  const max = Math.max(2, ...p);
  ctx.strokeStyle = '#2f6fed';
  ctx.lineWidth = 2;
  ctx.beginPath();
  p.forEach((v, i) => {
    const x = (i / (p.length - 1)) * canvas.width;
    const y = canvas.height - (v / max) * (canvas.height - 10);
    i === 0 ? ctx.moveTo(x, y) : ctx.lineTo(x, y);
  });
  ctx.stroke();
}

function logEvent(e) {
  const b = e.body;
  const text = {
    game_started: () => `round ${b.gameId} started`,
    game_ended: () => `round ${b.gameId} ended` + (b.rugTick === null ? ' (end not seen)' : ` at tick ${b.rugTick}`),
    bet_placed: () => `bet #${b.bet.betId} placed at tick ${b.bet.startTick}: ${b.bet.stake}`,
    bet_settled: () => `bet #${b.bet.betId} ${b.outcome}: returned ${b.returned}`,
    bet_skipped: () => `bet ${b.scheduleIndex} skipped (${b.reason})`,
    feed_gap: () => `feed gap: ${b.ticks} ticks missing from ${b.fromTick}`,
    session_stopped: () => `session ${b.status} (${b.reason})`,
  }[e.type]?.() ?? e.type;
  const li = document.createElement('li');
  li.textContent = `#${e.eventSeq} ${text}`;
  if (e.type === 'bet_settled') { li.className = b.outcome; }
  $('events').prepend(li);
  while ($('events').children.length > 200) { $('events').lastChild.remove(); }
}

async function stop() {
  const response = await fetch(`/live-sim/sessions/${state.id}/stop`, { method: 'POST', headers: { Authorization: `Bearer ${state.token}` } });
  if (response.ok) { render(await response.json()); }
}

async function uploadRecording(event) {
  event.preventDefault();
  const file = $('capture-file').files[0];
  if (!file) { $('upload-result').textContent = 'choose a capture file first'; return; }
  const content = new FormData(event.target).get('content');
  const response = await fetch(`/live-sim/recordings?name=${encodeURIComponent(file.name)}&content=${content}`, { method: 'POST', body: file });
  const json = await response.json();
  if (response.ok) {
    // The new recording becomes the selected source, then the result is shown.
    await loadFeeds();
    $('source-select').value = `recording:${json.recordingId}`;
  }
  $('upload-result').textContent = response.ok
    ? `recording ${json.recordingId}: ${json.messages} messages, ${json.ticks} ticks, ${json.rounds} rounds, ${json.counters.malformed} malformed`
    : (json.detail ?? json.title);
}

$('create-form').addEventListener('submit', createSession);
$('upload-form').addEventListener('submit', uploadRecording);
$('stop-button').addEventListener('click', stop);
loadFeeds();
setInterval(loadFeeds, 10000);
