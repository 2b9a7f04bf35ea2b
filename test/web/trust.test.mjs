// Accounts and viewers on the page, in Chromium against the real silo: a read-only share link (a viewer token) opens a
// view without controls that the token cannot change, and an account's API key lists the account's sessions on the
// board and opens, streams and stops them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { api, openPage, remember, screenshot, start, until } from './harness.mjs';

const operatorKey = 'board-test-operator-key';
let env;

before(async () => { env = await start({ args: [`--LiveSim:OperatorKey=${operatorKey}`] }); });
after(async () => { await env?.stop(); });

const strategy = { id: 'tick-schedule', params: { entryTick: 1, numBets: 4, cooldown: 0, betSizes: [0.001] } };

async function call(method, url, headers, body) {
  const response = await fetch(`${env.baseUrl}${url}`, {
    method, headers: { ...headers, ...(body ? { 'Content-Type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, json: await response.json().catch(() => null) };
}

test('a share link opens the session read-only: no control buttons, and its token cannot stop the session', async () => {
  const live = await api(env.baseUrl, 'POST', '/live-sim/sessions', { body: { feedId: 'demo', strategy } });
  const owner = await openPage(env.browser, env.baseUrl);
  await owner.goto('/');
  await remember(owner, [live]);
  await owner.goto(`/#/sessions/${live.id}`);
  await until(async () => (await owner.textContent('#stream-state')) === 'live', 'the owner\'s view');
  assert.equal(await owner.isVisible('#viewer-state'), false);
  await owner.click('#share-button');
  const link = await until(async () => owner.inputValue('#share-link'), 'the share link');
  const match = new RegExp(`^${env.baseUrl}/#/watch/${live.id}/([^/]+)$`).exec(link);
  assert.ok(match, `a watch link: ${link}`);
  const viewerToken = decodeURIComponent(match[1]);

  // Another browser (no token of its own) opens the link.
  const viewer = await openPage(env.browser, env.baseUrl);
  await viewer.goto(link);
  await until(async () => (await viewer.textContent('#session-id')) === live.id && (await viewer.textContent('#stream-state')) === 'live', 'the read-only view to stream');
  await until(async () => Number(await viewer.textContent('#ticks')) > 0, 'ticks in the read-only view');
  assert.equal(await viewer.isVisible('#viewer-state'), true);
  for (const button of ['#pause-button', '#resume-button', '#stop-button', '#fork-toggle', '#share-button']) {
    assert.equal(await viewer.isVisible(button), false, `${button} is hidden`);
  }
  assert.equal(await viewer.isVisible('#export-bets'), true);
  assert.equal(await viewer.evaluate(() => localStorage.getItem('livesim.sessions.v1')), null, 'the viewer saves no session');
  await viewer.reload();
  await until(async () => (await viewer.textContent('#stream-state')) === 'live', 'the read-only view after a reload');
  await screenshot(viewer, 'session-viewer');

  // The token reads, and is refused on every change.
  assert.equal((await call('GET', `/live-sim/sessions/${live.id}`, { Authorization: `Bearer ${viewerToken}` })).status, 200);
  assert.equal((await call('POST', `/live-sim/sessions/${live.id}/stop`, { Authorization: `Bearer ${viewerToken}` })).status, 403);
  assert.deepEqual([...owner.problems, ...viewer.problems], []);
  await owner.click('#stop-button');
  await until(async () => (await viewer.textContent('#stream-state')) === 'ended', 'the viewer to see the stop');
  await owner.closeAll();
  await viewer.closeAll();
});

test('an API key lists the account\'s sessions on the board, and opens, streams and stops them', async () => {
  const operator = { 'X-Operator-Key': operatorKey };
  const account = await call('POST', '/live-sim/accounts', operator, { name: 'board test' });
  assert.equal(account.status, 201);
  const key = await call('POST', `/live-sim/accounts/${account.json.accountId}/keys`, operator);
  assert.equal(key.status, 201);
  const withKey = { Authorization: `ApiKey ${key.json.key}` };
  const created = await call('POST', '/live-sim/sessions', withKey, { feedId: 'demo', strategy });
  assert.equal(created.status, 201);
  const id = created.json.id;

  const page = await openPage(env.browser, env.baseUrl);
  await page.goto('/');
  await until(async () => (await page.getAttribute('.board', 'data-loaded')) === 'true', 'the board');
  assert.equal(await page.locator(`#sessions-body tr[data-id="${id}"]`).count(), 0);

  await page.fill('#account-key', 'lsk_not-a-key');
  await page.click('#account-form button[type=submit]');
  await until(async () => (await page.textContent('#account-state')) === 'The silo refused this API key (unknown or revoked).', 'a wrong key refused');

  await page.fill('#account-key', key.json.key);
  await page.press('#account-key', 'Enter');
  await until(async () => (await page.locator(`#sessions-body tr[data-id="${id}"] td:nth-child(2)`).textContent().catch(() => '')) === 'running', 'the account\'s session on the board');
  assert.equal(await page.inputValue('#account-key'), '', 'the key is not left in the field');
  assert.equal(await page.textContent(`#sessions-body tr[data-id="${id}"] .remove-cell`), 'account');
  assert.equal(await page.evaluate(() => localStorage.getItem('livesim.sessions.v1')), null, 'the key is not kept beyond the tab');
  await screenshot(page, 'board-account');

  await page.click(`#sessions-body tr[data-id="${id}"] a`);
  await until(async () => (await page.textContent('#stream-state')) === 'live', 'the account\'s session streaming');
  await page.reload();
  await until(async () => (await page.textContent('#stream-state')) === 'live', 'streaming again after a reload');
  await page.click('#stop-button');
  await until(async () => (await page.textContent('#session-status')).startsWith('stopped'), 'the stop with the key');

  await page.click('a.back');
  await page.click('#account-forget');
  await until(async () => (await page.locator(`#sessions-body tr[data-id="${id}"]`).count()) === 0, 'the account\'s sessions gone with the key');
  // The one 401 is the wrong key above (the browser logs a failed fetch).
  assert.deepEqual(page.problems, ['Failed to load resource: the server responded with a status of 401 (Unauthorized)']);
  await page.closeAll();
});
