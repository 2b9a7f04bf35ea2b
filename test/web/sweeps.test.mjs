// The sweeps view in Chromium against the real silo: a sweep started from the form (a grid per parameter), its progress
// and leaderboard live over SSE, the heatmap of a two-parameter grid (one cell per variant, the metric as colour) whose
// cells open their variant's session, the list of my sweeps, errors under the form's labels, a phone's width, and a
// read-only share link that opens the sweep and its variants without controls.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { api, openPage, phone, screenshot, start, syntheticCapture, until } from './harness.mjs';

let env;
let recordingId;

before(async () => {
  env = await start();
  const upload = await fetch(`${env.baseUrl}/live-sim/recordings?name=sweep-capture.jsonl`, { method: 'POST', body: syntheticCapture() });
  assert.equal(upload.status, 201);
  recordingId = (await upload.json()).recordingId;
});
after(async () => { await env?.stop(); });

async function sweepForm(viewport) {
  const page = await openPage(env.browser, env.baseUrl, viewport);
  await page.goto('/#/sweeps');
  await until(async () => (await page.locator('#sweep-source option').count()) > 0, 'the source list');
  await page.selectOption('#sweep-source', `recording:${recordingId}`);
  return page;
}

/** Every variant of a sweep as the API lists them (NDJSON), with the token this browser keeps. */
async function variants(page, id) {
  const token = await page.evaluate((sweepId) => JSON.parse(localStorage.getItem('livesim.sweeps.v1')).find((s) => s.id === sweepId).token, id);
  const response = await fetch(`${env.baseUrl}/live-sim/sweeps/${id}/variants?format=ndjson`, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(response.status, 200);
  return (await response.text()).trim().split('\n').map((line) => JSON.parse(line));
}

test('a sweep from the form shows progress, leaderboard and a heatmap with one cell per variant; a cell opens its variant', async () => {
  const page = await sweepForm();
  await page.fill('input[name="grid.entryTick"]', '0, 10, 20');
  await page.fill('input[name="grid.numBets"]', '1-2 step 1');
  assert.equal(await page.textContent('#sweep-count'), '6 variants');
  await page.selectOption('select[name=metric]', 'roiPct');
  await page.click('#sweep-form button[type=submit]');

  await until(async () => /^#\/sweeps\/[0-9a-f]{32}$/.test(new URL(page.url()).hash), 'the sweep view to open');
  const id = await page.textContent('#sweep-id');
  await until(async () => (await page.getAttribute('.sweep', 'data-status')) === 'completed', 'the sweep to complete', 60000);
  assert.match(await page.textContent('#sweep-progress-text'), /^6 of 6 variants done, ticks ([\d,]+) \/ \1$/);
  assert.equal(await page.evaluate(() => document.querySelector('#sweep-progress').value), 6);

  // The heatmap: 3 rows (entry tick) x 2 columns (bets per round), each cell the variant's ROI as the API ranks it.
  const all = await variants(page, id);
  assert.equal(all.length, 6);
  await until(async () => (await page.locator('#heatmap td.cell a').count()) === 6, 'six heatmap cells with links');
  assert.equal(await page.locator('#heatmap td.cell').count(), 6);
  assert.deepEqual(await page.locator('#heatmap thead th').allTextContents(), ['entryTick \\ numBets', '1', '2']);
  assert.deepEqual(await page.locator('#heatmap tbody th').allTextContents(), ['0', '10', '20']);
  for (const v of all) {
    assert.equal(await page.getAttribute(`#heatmap td[data-index="${v.index}"]`, 'data-metric'), String(v.metric), `cell ${v.index}`);
  }
  const colours = await page.locator('#heatmap td.cell').evaluateAll((tds) => new Set(tds.map((td) => getComputedStyle(td).backgroundColor)).size);
  assert.ok(colours > 1, 'the cells are coloured by the metric');

  // The leaderboard: every variant in rank order.
  assert.deepEqual(await page.locator('#leaderboard-body tr').evaluateAll((trs) => trs.map((tr) => Number(tr.dataset.index))), all.map((v) => v.index));
  await screenshot(page, 'sweep');

  // Variant 4: entry tick 20 (row 3), one bet per round (column 1).
  await page.click('#heatmap td[data-index="4"] a');
  await until(async () => (await page.textContent('#session-id')) === `${id}-4`, 'the variant\'s session to open');
  await until(async () => (await page.textContent('#session-strategy')).startsWith('entry 20, 1 bets'), 'the variant\'s strategy');
  await until(async () => (await page.textContent('#session-status')).startsWith('completed'), 'the variant\'s status');

  // The list of my sweeps.
  await page.goto('/#/sweeps');
  await until(async () => (await page.getAttribute('.sweeps', 'data-loaded')) === 'true', 'my sweeps');
  const cells = await page.locator(`#sweeps-body tr[data-id="${id}"] td`).allTextContents();
  assert.deepEqual(cells.slice(1, 6), ['completed', 'replay sweep-capture.jsonl', 'entryTick 0, 10, 20 × numBets 1, 2', 'ROI', '6 / 6']);
  assert.match(cells[6], /^#1 entryTick \d+, numBets \d: [+-]?\d+\.\d{2} %$/);
  assert.deepEqual(page.problems, []);
  await page.closeAll();
});

test('grid values that are not numbers, and values the API refuses, are named by the form\'s labels', async () => {
  const page = await sweepForm();
  await page.fill('input[name="grid.entryTick"]', '10, x');
  assert.match(await page.textContent('#sweep-count'), /^Entry tick values: "10, x" is not a list of whole numbers/);
  await page.click('#sweep-form button[type=submit]');
  assert.match(await page.textContent('#sweep-error'), /Entry tick values: "10, x"/);

  await page.fill('input[name="grid.entryTick"]', '10');
  await page.fill('input[name="grid.numBets"]', '0, 1');
  await page.click('#sweep-form button[type=submit]');
  await until(async () => (await page.textContent('#sweep-error')).startsWith('Bets per round values'), 'the API\'s error under the label');
  assert.equal(await page.getAttribute('input[name="grid.numBets"]', 'aria-invalid'), 'true');
  const unlabelled = await page.evaluate(() => [...document.querySelectorAll('input, select')].filter((c) => c.labels.length === 0).map((c) => c.name));
  assert.deepEqual(unlabelled, []);
  await page.closeAll();
});

test('the sweep view fits a phone\'s width', async () => {
  const page = await sweepForm(phone);
  await page.fill('input[name="grid.entryTick"]', '0, 10, 20, 30');
  await page.fill('input[name="grid.numBets"]', '1-4');
  await page.click('#sweep-form button[type=submit]');
  await until(async () => (await page.getAttribute('.sweep', 'data-status')) === 'completed', 'the sweep to complete', 60000);
  await until(async () => (await page.locator('#heatmap td.cell a').count()) === 16, 'sixteen heatmap cells');
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), 0);
  await screenshot(page, 'sweep-phone');
  assert.deepEqual(page.problems, []);
  await page.closeAll();
});

test('a sweep\'s share link opens it read-only: leaderboard and heatmap without controls, cells open variants read-only, revoking it closes it', async () => {
  const sweep = await api(env.baseUrl, 'POST', '/live-sim/sweeps', {
    body: { source: { recordingId }, strategy: { params: { cooldown: 5, betSizes: [0.001] } }, grid: { entryTick: [0, 10], numBets: [1, 2] }, metric: 'netPnl' },
  });
  const owner = await openPage(env.browser, env.baseUrl);
  await owner.goto('/');
  await owner.evaluate(([id, token]) => localStorage.setItem('livesim.sweeps.v1', JSON.stringify([{ id, token, savedAt: new Date().toISOString() }])), [sweep.id, sweep.accessToken]);
  await owner.goto(`/#/sweeps/${sweep.id}`);
  await until(async () => (await owner.getAttribute('.sweep', 'data-status')) === 'completed', 'the owner\'s sweep to complete', 60000);
  assert.equal(await owner.isVisible('#sweep-viewer-state'), false);
  await owner.click('#sweep-share');
  const link = await until(async () => owner.inputValue('#share-link'), 'the share link');
  const match = new RegExp(`^${env.baseUrl}/#/watch/sweep/${sweep.id}/([^/]+)$`).exec(link);
  assert.ok(match, `a sweep watch link: ${link}`);
  const viewerToken = decodeURIComponent(match[1]);
  assert.match(await owner.textContent('#share-note'), /^Viewer viewer_[0-9a-f]{12}: the link is shown this once\.$/);

  // Another browser, with nothing of its own, opens the link.
  const viewer = await openPage(env.browser, env.baseUrl);
  await viewer.goto(link);
  await until(async () => (await viewer.getAttribute('.sweep', 'data-status')) === 'completed', 'the shared sweep', 60000);
  await until(async () => (await viewer.locator('#heatmap td.cell a').count()) === 4, 'four heatmap cells');
  assert.equal(await viewer.isVisible('#sweep-viewer-state'), true);
  assert.equal(await viewer.isVisible('#sweep-stop'), false);
  assert.equal(await viewer.isVisible('#sweep-share'), false);
  assert.deepEqual(await viewer.locator('#leaderboard-body tr').evaluateAll((trs) => trs.map((tr) => tr.dataset.index)),
    await owner.locator('#leaderboard-body tr').evaluateAll((trs) => trs.map((tr) => tr.dataset.index)));
  const hrefs = await viewer.locator('#heatmap td.cell a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  assert.deepEqual(hrefs, [0, 1, 2, 3].map((i) => `#/watch/${sweep.id}-${i}/${encodeURIComponent(viewerToken)}`));
  await screenshot(viewer, 'sweep-viewer');

  // A cell opens its variant read-only, with the same token.
  await viewer.click('#heatmap td[data-index="3"] a');
  await until(async () => (await viewer.textContent('#session-id')) === `${sweep.id}-3`, 'the variant to open');
  await until(async () => (await viewer.textContent('#session-status')).startsWith('completed'), 'the variant\'s status');
  await until(async () => (await viewer.textContent('#session-strategy')).startsWith('entry 10, 2 bets'), 'the variant\'s strategy');
  assert.equal(await viewer.isVisible('#viewer-state'), true);
  for (const button of ['#pause-button', '#resume-button', '#stop-button', '#fork-toggle', '#share-button']) {
    assert.equal(await viewer.isVisible(button), false, `${button} is hidden`);
  }
  assert.equal(await viewer.textContent('#session-error'), '');
  assert.deepEqual(await viewer.evaluate(() => [localStorage.getItem('livesim.sweeps.v1'), localStorage.getItem('livesim.sessions.v1')]), [null, null]);

  assert.deepEqual([...owner.problems, ...viewer.problems], []);

  // The token reads and changes nothing; once revoked, the shared page says it was refused.
  const as = (token) => ({ Authorization: `Bearer ${token}` });
  assert.equal((await fetch(`${env.baseUrl}/live-sim/sweeps/${sweep.id}/stop`, { method: 'POST', headers: as(viewerToken) })).status, 403);
  assert.equal((await fetch(`${env.baseUrl}/live-sim/sessions/${sweep.id}-3/fork`, { method: 'POST', headers: as(viewerToken) })).status, 403);
  const viewers = await (await fetch(`${env.baseUrl}/live-sim/sweeps/${sweep.id}/viewers`, { headers: as(sweep.accessToken) })).json();
  assert.equal((await fetch(`${env.baseUrl}/live-sim/sweeps/${sweep.id}/viewers/${viewers[0].viewerId}`, { method: 'DELETE', headers: as(sweep.accessToken) })).status, 204);
  await viewer.goto(link);
  await until(async () => (await viewer.textContent('#sweep-view-error')) === 'The silo refused this read-only link (revoked, or not this sweep\'s).', 'the revoked link refused');
  assert.deepEqual(owner.problems, []);
  assert.deepEqual([...new Set(viewer.problems)], ['Failed to load resource: the server responded with a status of 401 (Unauthorized)']);
  await owner.closeAll();
  await viewer.closeAll();
});
