// Every call the page makes to the LiveSim API, in one place. Failures throw ApiError with the RFC 7807 body.
//
// Credentials: today a session is reached with the access token this browser got when it created it
// (Authorization: Bearer). Account API keys and read-only viewer tokens (issue 9) plug in here: they change the
// header a call sends, not the views.

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem ?? {};
  }
}

async function call(path, { method = 'GET', token, json, body, signal } = {}) {
  const headers = {};
  if (token) { headers.Authorization = `Bearer ${token}`; }
  if (json !== undefined) { headers['Content-Type'] = 'application/json'; }
  let response;
  try {
    response = await fetch(path, { method, headers, body: json !== undefined ? JSON.stringify(json) : body, signal });
  } catch (e) {
    if (e.name === 'AbortError') { throw e; }
    throw new ApiError(0, { title: 'The silo is unreachable.', detail: e.message });
  }
  const text = await response.text();
  let parsed = null;
  try { parsed = text ? JSON.parse(text) : null; } catch { parsed = { title: text }; }
  if (!response.ok) { throw new ApiError(response.status, parsed ?? { title: response.statusText }); }
  return parsed;
}

const session = (id) => `/live-sim/sessions/${encodeURIComponent(id)}`;

export const api = {
  feeds: () => call('/live-sim/feeds'),
  strategies: () => call('/live-sim/strategies'),
  recordings: () => call('/live-sim/recordings'),
  uploadRecording: (name, content, file) =>
    call(`/live-sim/recordings?name=${encodeURIComponent(name)}&content=${encodeURIComponent(content)}`, { method: 'POST', body: file }),

  createSession: (body) => call('/live-sim/sessions', { method: 'POST', json: body }),
  session: (id, token, signal) => call(session(id), { token, signal }),
  stopSession: (id, token) => call(`${session(id)}/stop`, { method: 'POST', token }),

  /** EventSource cannot send headers: the stream endpoint takes the token in the query (and only it should). */
  streamUrl: (id, token) => `${session(id)}/stream?access_token=${encodeURIComponent(token)}`,
};
