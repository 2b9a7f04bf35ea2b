// The session view's history and controls in Chromium against the real silo: the bets list paged from the ledger (a
// fast replay shows every bet, over more than one page), the price chart's markers from it, P&L by period, CSV exports,
// pause and resume, and a fork that opens as a new session of this browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { api, openPage, remember, screenshot, start, syntheticCapture, until } from './harness.mjs';

let env;
let longRecording;

before(async () => {
  env = await start();
  // 60 rounds of 166 ticks: four bets a round (ticks 10, 50, 90, 130), 240 ledger rows, more than one page of the list.
  const upload = await fetch(`${env.baseUrl}/live-sim/recordings?name=sixty-rounds.jsonl`, { method: 'POST', body: syntheticCapture(Array.from({ length: 60 }, (_, i) => 100 + (i * 37) % 66)) });
  assert.equal(upload.status, 201);
  longRecording = (await upload.json()).recordingId;
});
after(async () => { await env?.stop(); });

const strategy = (entryTick, numBets = 4) => ({ id: 'tick-schedule', params: { entryTick, numBets, cooldown: 0, betSizes: [0.001] } });

async function ledgerRows(id, token) {
  const rows = [];
  let after = 0;
  for (;;) {
    const page = await api(env.baseUrl, 'GET', `/live-sim/sessions/${id}/bets?after=${after}&limit=1000`, { token });
    rows.push(...page.bets);
    if (page.next === null) { return rows; }
    after = page.next;
  }
}

async function sessionPage(session) {
  const page = await openPage(env.browser, env.baseUrl);
  await page.goto('/');
  await remember(page, [session]);
  await page.goto(`/#/sessions/${session.id}`);
  await page.reload();
  return page;
}

test('a fast replay\'s bets list holds every row of its ledger over two pages, with P&L by day and CSV exports of bets and equity', async () => {
  const created = await api(env.baseUrl, 'POST', '/live-sim/sessions', { body: { source: { recordingId: longRecording, speed: 'max' }, strategy: strategy(10) } });
  const view = await until(async () => {
    const v = await api(env.baseUrl, 'GET', `/live-sim/sessions/${created.id}`, { token: created.accessToken });
    return v.status === 'completed' && v;
  }, 'the replay to complete');
  const rows = await ledgerRows(created.id, created.accessToken);
  assert.ok(rows.length > 200, `more than one page of 200 rows (${rows.length})`);

  const page = await sessionPage(created);
  await until(async () => (await page.getAttribute('.ledger-card', 'data-loaded')) === 'true', 'the whole ledger to load');
  assert.equal(await page.locator('#ledger-rows tr').count(), rows.length);
  const seqs = await page.locator('#ledger-rows tr').evaluateAll((trs) => trs.map((tr) => Number(tr.dataset.seq)));
  assert.deepEqual(seqs, rows.map((r) => r.eventSeq));
  const classes = await page.locator('#ledger-rows tr').evaluateAll((trs) => trs.map((tr) => tr.className));
  assert.deepEqual(classes, rows.map((r) => r.outcome));
  const won = rows.filter((r) => r.outcome === 'won').length;
  const placed = rows.filter((r) => r.outcome !== 'skipped').length;
  assert.equal(won, view.stats.betsWon);
  assert.equal(await page.textContent('#ledger-summary'), `${placed} bets, ${rows.length - placed} skipped`);
  assert.equal(await page.isVisible('#ledger-more'), false);
  const first = await page.locator('#ledger-rows tr').first().locator('td').allTextContents();
  assert.deepEqual(first.slice(0, 4), [rows[0].gameId, `#${rows[0].betId}`, `${rows[0].startTick}–${rows[0].endTick}`, '0.001']);

  // P&L by day: the synthetic capture spans one day of feed time.
  const pnl = await api(env.baseUrl, 'GET', `/live-sim/sessions/${created.id}/pnl?interval=day`, { token: created.accessToken });
  await until(async () => (await page.locator('#pnl-rows tr').count()) === pnl.periods.length, 'the P&L periods');
  const cells = await page.locator('#pnl-rows tr').first().locator('td').allTextContents();
  assert.deepEqual(cells, [pnl.periods[0].start.slice(0, 10), String(pnl.periods[0].betsPlaced),
    `${pnl.periods[0].betsWon} / ${pnl.periods[0].betsLost}`, `${pnl.periods[0].netPnl > 0 ? '+' : ''}${pnl.periods[0].netPnl.toFixed(4)}`, pnl.periods[0].equity.toFixed(4)]);
  await page.selectOption('#pnl-interval', 'hour');
  await until(async () => (await page.textContent('#pnl-title')) === 'P&L by hour', 'the hourly P&L');

  // The exports: files the browser saves, fetched with the session's token.
  const [bets] = await Promise.all([page.waitForEvent('download'), page.click('#export-bets')]);
  assert.equal(bets.suggestedFilename(), `session-${created.id}-bets.csv`);
  const betLines = readFileSync(await bets.path(), 'utf8').trimEnd().split('\n');
  assert.equal(betLines.length, rows.length + 1, 'a header and one line per ledger row');
  const [equity] = await Promise.all([page.waitForEvent('download'), page.click('#export-equity')]);
  assert.equal(equity.suggestedFilename(), `session-${created.id}-equity.csv`);
  const equityLines = readFileSync(await equity.path(), 'utf8').trimEnd().split('\n');
  assert.equal(equityLines.length, view.stats.betsWon + view.stats.betsLost + 1);

  // An ended session has no controls but the fork and the exports.
  for (const button of ['#pause-button', '#resume-button', '#stop-button']) { assert.equal(await page.isVisible(button), false, button); }
  assert.equal(await page.isVisible('#fork-toggle'), true);
  assert.deepEqual(page.problems, []);
  await page.closeAll();
});

test('a live session\'s bets list follows the stream: open bets turn won or lost, and the chart marks the round\'s bets', async () => {
  const live = await api(env.baseUrl, 'POST', '/live-sim/sessions', { body: { feedId: 'demo', strategy: strategy(1) } });
  const page = await sessionPage(live);
  await until(async () => (await page.textContent('#stream-state')) === 'live', 'the session to be live');
  await until(async () => (await page.locator('#ledger-rows tr.won, #ledger-rows tr.lost').count()) >= 2, 'two settled bets in the list', 60000);
  await api(env.baseUrl, 'POST', `/live-sim/sessions/${live.id}/stop`, { token: live.accessToken });
  await until(async () => (await page.textContent('#stream-state')) === 'ended', 'the stream to end');
  const rows = await ledgerRows(live.id, live.accessToken);
  await until(async () => {
    const shown = await page.locator('#ledger-rows tr').evaluateAll((trs) => trs.map((tr) => `${tr.dataset.seq} ${tr.className}`));
    return JSON.stringify(shown) === JSON.stringify(rows.map((r) => `${r.eventSeq} ${r.outcome}`));
  }, 'the list to equal the ledger after the stop');
  const round = await page.getAttribute('#price-chart', 'data-game-id');
  const roundBets = rows.filter((r) => r.gameId === round && r.betId !== null).length;
  assert.equal(await page.getAttribute('#price-chart', 'data-bets'), String(roundBets));
  assert.deepEqual(page.problems, []);
  await page.closeAll();
});

test('the pause and resume buttons pause and resume betting, as the API sees it', async () => {
  const live = await api(env.baseUrl, 'POST', '/live-sim/sessions', { body: { feedId: 'demo', strategy: strategy(1) } });
  const page = await sessionPage(live);
  await until(async () => (await page.textContent('#stream-state')) === 'live', 'the session to be live');
  assert.equal(await page.isVisible('#resume-button'), false);
  assert.equal(await page.isVisible('#paused-state'), false);

  await page.click('#pause-button');
  await until(async () => await page.isVisible('#resume-button'), 'the resume button');
  assert.equal(await page.isVisible('#pause-button'), false);
  assert.equal(await page.isVisible('#paused-state'), true);
  assert.equal((await api(env.baseUrl, 'GET', `/live-sim/sessions/${live.id}`, { token: live.accessToken })).paused, true);
  await until(async () => (await page.locator('#events li', { hasText: 'betting paused from seq' }).count()) === 1, 'the session_paused event');

  await page.click('#resume-button');
  await until(async () => await page.isVisible('#pause-button'), 'the pause button');
  assert.equal(await page.isVisible('#paused-state'), false);
  assert.equal((await api(env.baseUrl, 'GET', `/live-sim/sessions/${live.id}`, { token: live.accessToken })).paused, false);
  await until(async () => (await page.locator('#events li', { hasText: 'betting resumed from seq' }).count()) === 1, 'the session_resumed event');

  // A reload re-attaches in the same state.
  await page.click('#pause-button');
  await until(async () => await page.isVisible('#paused-state'), 'paused again');
  await page.reload();
  await until(async () => (await page.textContent('#stream-state')) === 'live' && await page.isVisible('#resume-button'), 'paused after the reload');
  assert.deepEqual(page.problems, []);
  await page.click('#stop-button');
  await until(async () => (await page.textContent('#stream-state')) === 'ended', 'the stop');
  await page.closeAll();
});

test('a fork with a changed entry tick opens as a new session of this browser; a bad value is named by its label', async () => {
  const created = await api(env.baseUrl, 'POST', '/live-sim/sessions', { body: { source: { recordingId: longRecording, speed: 'max' }, strategy: strategy(10) } });
  await until(async () => (await api(env.baseUrl, 'GET', `/live-sim/sessions/${created.id}`, { token: created.accessToken })).status === 'completed', 'the replay to complete');
  const page = await sessionPage(created);
  await until(async () => (await page.textContent('#session-strategy')).startsWith('entry 10'), 'the session');

  await page.click('#fork-toggle');
  assert.equal(await page.getAttribute('#fork-toggle', 'aria-expanded'), 'true');
  assert.equal(await page.inputValue('#fork-form input[name=entryTick]'), '10');
  await page.fill('#fork-form input[name=numBets]', '0');
  await page.click('#fork-form button[type=submit]');
  await until(async () => (await page.textContent('#fork-error')).includes('Bets per round:'), 'the error under its label');
  assert.equal(await page.getAttribute('#fork-form input[name=numBets]', 'aria-invalid'), 'true');

  await page.fill('#fork-form input[name=numBets]', '4');
  await page.fill('#fork-form input[name=entryTick]', '20');
  await page.click('#fork-form button[type=submit]');
  await until(async () => { const h = new URL(page.url()).hash; return h !== `#/sessions/${created.id}` && h; }, 'the fork to open');
  const forkId = new URL(page.url()).hash.split('/').pop();
  await until(async () => (await page.textContent('#session-id')) === forkId, 'the fork\'s view');
  await until(async () => (await page.textContent('#session-strategy')).startsWith('entry 20'), 'the fork\'s strategy');
  const saved = await page.evaluate(() => JSON.parse(localStorage.getItem('livesim.sessions.v1')).map((s) => s.id));
  assert.deepEqual(saved, [forkId, created.id]);
  await until(async () => (await page.textContent('#session-status')).startsWith('completed'), 'the fork to complete');
  await until(async () => (await page.getAttribute('.ledger-card', 'data-loaded')) === 'true', 'the fork\'s ledger');
  assert.equal(await page.locator('#ledger-rows tr').first().locator('td').nth(2).textContent(), '20–60');
  await screenshot(page, 'session-fork');
  // The one 400 is the bad fork request above (the browser logs a failed fetch).
  assert.deepEqual(page.problems, ['Failed to load resource: the server responded with a status of 400 (Bad Request)']);
  await page.closeAll();
});
