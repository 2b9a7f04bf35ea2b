// Every call the page makes to the LiveSim API, in one place. Failures throw ApiError with the RFC 7807 body.
//
// Credentials (`token` below): a session's access token or a read-only viewer token, sent as Authorization: Bearer,
// or { apiKey } for an account's API key (Authorization: ApiKey), which reaches every session of the account.

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem ?? {};
  }
}

/** The Authorization header of a credential: a token (string) or { apiKey }. */
export function authHeaders(credential) {
  if (!credential) { return {}; }
  return { Authorization: typeof credential === 'string' ? `Bearer ${credential}` : `ApiKey ${credential.apiKey}` };
}

async function call(path, { method = 'GET', token, json, body, signal, text: asText = false } = {}) {
  const headers = { ...authHeaders(token) };
  if (json !== undefined) { headers['Content-Type'] = 'application/json'; }
  let response;
  try {
    response = await fetch(path, { method, headers, body: json !== undefined ? JSON.stringify(json) : body, signal });
  } catch (e) {
    if (e.name === 'AbortError') { throw e; }
    throw new ApiError(0, { title: 'The silo is unreachable.', detail: e.message });
  }
  const text = await response.text();
  if (asText && response.ok) { return text; }
  let parsed = null;
  try { parsed = text ? JSON.parse(text) : null; } catch { parsed = { title: text }; }
  if (!response.ok) { throw new ApiError(response.status, parsed ?? { title: response.statusText }); }
  return parsed;
}

/**
 * A file the API streams (CSV export) as a Blob and its name. The export endpoints read the token from the
 * Authorization header only (a token in a link's query would end up in logs and history), so a plain link cannot
 * download them: the page fetches the file and hands the browser a blob: URL.
 */
async function download(path, token) {
  let response;
  try {
    response = await fetch(path, { headers: authHeaders(token) });
  } catch (e) {
    throw new ApiError(0, { title: 'The silo is unreachable.', detail: e.message });
  }
  if (!response.ok) {
    let problem = null;
    try { problem = await response.json(); } catch { /* not JSON */ }
    throw new ApiError(response.status, problem ?? { title: response.statusText });
  }
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const name = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1];
  return { blob: await response.blob(), name: name ? decodeURIComponent(name) : path.split('/').pop() };
}

const query = (params) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) { if (v !== undefined && v !== null && v !== '') { q.set(k, String(v)); } }
  const s = q.toString();
  return s ? `?${s}` : '';
};

const session = (id) => `/live-sim/sessions/${encodeURIComponent(id)}`;

export const api = {
  feeds: () => call('/live-sim/feeds'),
  strategies: () => call('/live-sim/strategies'),
  recordings: () => call('/live-sim/recordings'),
  uploadRecording: (name, content, file) =>
    call(`/live-sim/recordings?name=${encodeURIComponent(name)}&content=${encodeURIComponent(content)}`, { method: 'POST', body: file }),

  /** credential: the account's { apiKey } to create the session for the account, or nothing (anonymous). */
  createSession: (body, credential) => call('/live-sim/sessions', { method: 'POST', json: body, token: credential }),
  /** The account's sessions (its API key), newest first: { sessions: [{ id, ... }], next }. */
  accountSessions: (apiKey, { after, limit, signal } = {}) => call(`/live-sim/sessions${query({ after, limit })}`, { token: { apiKey }, signal }),
  /** Mints a read-only viewer token of a session: { viewerId, createdAt, token } (the token shown this once). */
  createViewer: (id, token) => call(`${session(id)}/viewers`, { method: 'POST', token }),
  session: (id, token, signal) => call(session(id), { token, signal }),
  stopSession: (id, token) => call(`${session(id)}/stop`, { method: 'POST', token }),
  pauseSession: (id, token) => call(`${session(id)}/pause`, { method: 'POST', token }),
  resumeSession: (id, token) => call(`${session(id)}/resume`, { method: 'POST', token }),
  /** body: { fromSeq?, strategy?: { params }, startingBalance? }; answers { view, accessToken } of the new session. */
  forkSession: (id, token, body) => call(`${session(id)}/fork`, { method: 'POST', token, json: body }),

  /** A page of the bet ledger: { bets, next, complete }; after is the last row's eventSeq of the previous page. */
  ledger: (id, token, { after, limit, signal } = {}) => call(`${session(id)}/bets${query({ after, limit })}`, { token, signal }),
  pnl: (id, token, interval, signal) => call(`${session(id)}/pnl${query({ interval })}`, { token, signal }),
  /** what: 'bets' or 'equity'; format: 'csv' or 'ndjson'. */
  exportFile: (id, token, what, format) => download(`${session(id)}/${what}${query({ format })}`, token),

  /** body: a session request plus grid and metric; answers the sweep's view and its accessToken. */
  createSweep: (body) => call('/live-sim/sweeps', { method: 'POST', json: body }),
  sweep: (id, token, top, signal) => call(`/live-sim/sweeps/${encodeURIComponent(id)}${query({ top })}`, { token, signal }),
  stopSweep: (id, token) => call(`/live-sim/sweeps/${encodeURIComponent(id)}/stop`, { method: 'POST', token }),
  /** Mints a read-only viewer token of a sweep and all its variants: { viewerId, createdAt, token } (the token shown this once). */
  createSweepViewer: (id, token) => call(`/live-sim/sweeps/${encodeURIComponent(id)}/viewers`, { method: 'POST', token }),
  /** Every variant reported so far, in rank order (the NDJSON listing, one variant a line). */
  sweepVariants: async (id, token, signal) => (await call(`/live-sim/sweeps/${encodeURIComponent(id)}/variants?format=ndjson`, { token, signal, text: true }))
    .split('\n').filter((line) => line.trim()).map((line) => JSON.parse(line)),
  sweepStreamUrl: (id, token, top) => `/live-sim/sweeps/${encodeURIComponent(id)}/stream?access_token=${encodeURIComponent(token)}&top=${top}`,

  /** EventSource cannot send headers: the stream endpoint takes a token (not an API key) in the query, and only it should. */
  streamUrl: (id, token) => `${session(id)}/stream?access_token=${encodeURIComponent(token)}`,
};
