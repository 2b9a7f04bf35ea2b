// The board and the session view in Chromium against the real silo: my sessions with their stats, sorting, re-attaching
// after a reload, a session the silo forgot, the charts with bet markers and tooltips, a clean slate per session, the end
// of a replay, a phone's width, the keyboard, and a screenshot of each view (.artifacts/web/).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { api, desktop, openPage, phone, remember, screenshot, start, syntheticCapture, until } from './harness.mjs';

let env;
let recordingId;

before(async () => {
  env = await start();
  const upload = await fetch(`${env.baseUrl}/live-sim/recordings?name=synthetic-capture.jsonl`, { method: 'POST', body: syntheticCapture() });
  assert.equal(upload.status, 201);
  recordingId = (await upload.json()).recordingId;
});
after(async () => { await env?.stop(); });

const strategy = (entryTick, stake = 0.001, numBets = 4) => ({ id: 'tick-schedule', params: { entryTick, numBets, cooldown: 0, betSizes: [stake] } });

/** A replay of the synthetic capture at full speed, waited for until it completed; returns its final view and token. */
async function completedReplay(entryTick, stake) {
  const created = await api(env.baseUrl, 'POST', '/live-sim/sessions', { body: { source: { recordingId, speed: 'max' }, strategy: strategy(entryTick, stake) } });
  const view = await until(async () => {
    const v = await api(env.baseUrl, 'GET', `/live-sim/sessions/${created.id}`, { token: created.accessToken });
    return v.status === 'completed' && v;
  }, `replay ${created.id} to complete`);
  return { ...view, accessToken: created.accessToken };
}

const liveSession = (entryTick = 1) => api(env.baseUrl, 'POST', '/live-sim/sessions', { body: { feedId: 'demo', strategy: strategy(entryTick) } });

const rowIds = (page) => page.locator('#sessions-body tr').evaluateAll((rows) => rows.map((r) => r.dataset.id));

async function boardWith(sessions, viewport = desktop) {
  const page = await openPage(env.browser, env.baseUrl, viewport);
  await page.goto('/');
  await remember(page, sessions);
  await page.reload();
  await until(async () => (await page.getAttribute('.board', 'data-loaded')) === 'true', 'the board to load its sessions');
  return page;
}

test('the board lists my sessions with status, mode, source, sparkline and stats; a row opens its session', async () => {
  const replay = await completedReplay(10);
  const live = await liveSession();
  const page = await boardWith([replay, live]);

  const row = page.locator(`#sessions-body tr[data-id="${replay.id}"]`);
  const cells = await row.locator('td').allTextContents();
  assert.equal(cells[1], 'completed');
  assert.equal(cells[2], 'replay');
  assert.equal(cells[3], 'replay synthetic-capture.jsonl');
  assert.equal(cells[5], `+${replay.stats.netPnl.toFixed(4)}`);
  assert.equal(cells[6], `+${replay.stats.roiPct.toFixed(2)} %`);
  assert.equal(cells[7], `${replay.stats.winRatePct.toFixed(1)} % (${replay.stats.betsWon}/${replay.stats.betsWon + replay.stats.betsLost})`);
  assert.equal(cells[8], `${replay.stats.maxDrawdownPct.toFixed(2)} %`);
  assert.equal(await row.locator('.sparkline').getAttribute('data-points'), String(replay.stats.equityCurve.length));
  assert.equal(await row.locator('.sparkline canvas').count(), 1);

  const liveCells = await page.locator(`#sessions-body tr[data-id="${live.id}"] td`).allTextContents();
  assert.equal(liveCells[1], 'running');
  assert.equal(liveCells[2], 'live');
  assert.equal(liveCells[3], 'live demo (synthetic)');
  assert.equal(await page.textContent('#board-summary'), '2 sessions, 1 running');

  await row.locator('td').nth(3).click();
  await until(async () => (await page.textContent('#session-id')) === replay.id, 'the replay to open');
  await screenshot(page, 'session-replay');
  assert.deepEqual(page.problems, []);
  await api(env.baseUrl, 'POST', `/live-sim/sessions/${live.id}/stop`, { token: live.accessToken });
  await page.closeAll();
});

test('the board sorts by a column both ways, from the mouse and the keyboard', async () => {
  const sessions = [await completedReplay(0), await completedReplay(10, 0.002), await completedReplay(50, 0.003)];
  const page = await boardWith(sessions);
  const by = (key, descending) => [...sessions]
    .sort((a, b) => (descending ? -1 : 1) * (a.stats[key] - b.stats[key]) || a.id.localeCompare(b.id))
    .map((s) => s.id);

  await page.click('th[data-sort=netPnl] button');
  assert.deepEqual(await rowIds(page), by('netPnl', true));
  assert.equal(await page.getAttribute('th[data-sort=netPnl]', 'aria-sort'), 'descending');
  await page.click('th[data-sort=netPnl] button');
  assert.deepEqual(await rowIds(page), by('netPnl', false));
  assert.equal(await page.getAttribute('th[data-sort=netPnl]', 'aria-sort'), 'ascending');

  await page.focus('th[data-sort=roiPct] button');
  await page.keyboard.press('Enter');
  assert.deepEqual(await rowIds(page), by('roiPct', true));
  assert.equal(await page.getAttribute('th[data-sort=netPnl]', 'aria-sort'), 'none');

  // A session opens from the keyboard: its link is in the tab order.
  await page.focus(`#sessions-body tr[data-id="${sessions[0].id}"] a`);
  await page.keyboard.press('Enter');
  await until(async () => (await page.textContent('#session-id')) === sessions[0].id, 'the session to open from the keyboard');
  await page.closeAll();
});

test('a reload re-attaches to the session on screen and keeps the board', async () => {
  const page = await openPage(env.browser, env.baseUrl);
  await page.goto('/');
  await until(async () => (await page.locator('#source-select option').count()) > 0, 'the source list');
  await page.fill('input[name=entryTick]', '1');
  await page.click('#create-form button[type=submit]');
  await until(async () => (await page.textContent('#stream-state')) === 'live', 'the new session to be live');
  const id = await page.textContent('#session-id');

  await page.reload();
  assert.equal(await page.textContent('#session-id'), id);
  await until(async () => (await page.textContent('#stream-state')) === 'live', 'the session to be live again after the reload');
  const ticks = Number(await page.textContent('#ticks'));
  await until(async () => Number(await page.textContent('#ticks')) > ticks, 'ticks to go on after the reload');

  await page.goto('/#/');
  await page.reload();
  await until(async () => (await rowIds(page)).includes(id), 'the board to list the session after a reload');
  assert.deepEqual(page.problems, []);
  await page.click('#sessions-body a');
  await until(async () => (await page.textContent('#session-id')) === id, 'the session to open');
  await page.click('#stop-button');
  await page.closeAll();
});

test('a session the silo no longer has drops out of the board with a note', async () => {
  const replay = await completedReplay(10);
  const gone = { id: '0123456789abcdef0123456789abcdef', accessToken: 'not-a-token' };
  const page = await boardWith([gone, replay]);

  await until(async () => (await page.textContent('#board-notes')).includes(gone.id), 'a note about the missing session');
  assert.match(await page.textContent('#board-notes'), /no longer exists on the silo/);
  assert.deepEqual(await rowIds(page), [replay.id]);
  const saved = await page.evaluate(() => JSON.parse(localStorage.getItem('livesim.sessions.v1')).map((s) => s.id));
  assert.deepEqual(saved, [replay.id]);

  // Opening it directly says so too, and goes back to the board.
  await remember(page, [gone]);
  await page.goto(`/#/sessions/${gone.id}`);
  await until(async () => new URL(page.url()).hash === '#/', 'the page to go back to the board');
  await until(async () => (await page.textContent('#board-notes')).includes(gone.id), 'the note');
  await page.click('#board-notes button');
  assert.equal(await page.locator('#board-notes li').count(), 0);
  await page.closeAll();
});

test('the session view charts equity and the round\'s price with bet markers and tooltips, and shows stats, open bets and feed health', async () => {
  const live = await liveSession(1);
  const page = await boardWith([live]);
  await page.click('#sessions-body a');
  await until(async () => (await page.textContent('#stream-state')) === 'live', 'the session to be live');

  // Bets at ticks 1, 41, 81, 121 of every round: open bets show the ticks left in their 40-tick window.
  const left = await until(async () => {
    const cells = await page.locator('#active-bets tr td:last-child').allTextContents();
    return cells.length > 0 && cells[0] !== '–' && Number(cells[0]);
  }, 'an open bet with its ticks left');
  assert.ok(left >= 0 && left <= 40, `ticks left ${left} within the window`);

  // A round long enough to show three bets (the screenshot is the README's), after a few settlements.
  await until(async () => Number(await page.getAttribute('#equity-chart', 'data-points')) >= 4, 'four settled bets on the equity curve', 60000);
  await until(async () => Number(await page.getAttribute('#price-chart', 'data-bets')) >= 3
    && Number(await page.getAttribute('#price-chart', 'data-points')) >= 100, 'a round with three bets and 100 ticks on the price chart', 60000);
  assert.equal(await page.isVisible('#equity-empty'), false);

  // The view's numbers agree with the API's.
  const view = await api(env.baseUrl, 'GET', `/live-sim/sessions/${live.id}`, { token: live.accessToken });
  assert.equal(await page.getAttribute('#price-chart', 'data-game-id') !== '', true);
  for (const id of ['pnl-pct', 'roi', 'win-rate', 'max-drawdown', 'streak', 'longest-streaks', 'profit-factor', 'sharpe', 'feed-lag']) {
    assert.notEqual((await page.textContent(`#${id}`)).trim(), '', `#${id} has a value`);
  }
  assert.equal(await page.textContent('#feed-state'), view.connection.state);
  assert.equal(await page.textContent('#feed-duplicates'), String(view.connection.duplicates));
  assert.equal(await page.textContent('#session-host'), view.host);

  // Tooltips: the price chart names the tick, the price and the bets whose window covers it.
  const box = await page.locator('#price-chart .u-over').boundingBox();
  await page.mouse.move(box.x + box.width * 0.05, box.y + box.height / 2);
  await until(async () => await page.isVisible('#price-chart .chart-tooltip'), 'the price tooltip');
  const tip = await page.textContent('#price-chart .chart-tooltip');
  assert.match(tip, /^tick \d+price \d+\.\d{3}x/);
  assert.match(tip, /bet #\d+ (open|won|lost), stake 0\.001, ticks \d+–\d+/);
  const equityBox = await page.locator('#equity-chart .u-over').boundingBox();
  await page.mouse.move(equityBox.x + equityBox.width - 2, equityBox.y + equityBox.height / 2);
  await until(async () => /^seq \d+equity \d+\.\d{4}vs start [+-]?\d+\.\d{4}$/.test(await page.textContent('#equity-chart .chart-tooltip')), 'the equity tooltip');
  await page.mouse.move(0, 0);

  // The screenshot (the README's) shows a round with bets on it.
  await until(async () => Number(await page.getAttribute('#price-chart', 'data-bets')) >= 2
    && Number(await page.getAttribute('#price-chart', 'data-points')) >= 60, 'a round with two bets and 60 ticks for the screenshot', 60000);
  await screenshot(page, 'session');
  assert.deepEqual(page.problems, []);
  await page.click('#stop-button');
  await page.closeAll();
});

test('opening another session starts from a clean slate: its own chart, price, bets and events', async () => {
  const live = await liveSession(1);
  const replay = await completedReplay(10);
  const page = await boardWith([live, replay]);

  await page.click(`#sessions-body tr[data-id="${live.id}"] a`);
  await until(async () => (await page.locator('#events li').count()) >= 2 && Number(await page.getAttribute('#price-chart', 'data-points')) >= 5,
    'the live session\'s events and prices');
  const liveRound = await page.getAttribute('#price-chart', 'data-game-id');

  await page.click('a.back');
  await page.click(`#sessions-body tr[data-id="${replay.id}"] a`);
  await until(async () => (await page.textContent('#session-id')) === replay.id && (await page.textContent('#stream-state')) === 'ended', 'the replay to show');
  await until(async () => (await page.textContent('#ticks')) === String(replay.stats.ticksProcessed), 'the replay\'s tick count');
  assert.equal(await page.locator('#events li').count(), 0, 'no event of the previous session');
  assert.equal(await page.getAttribute('#price-chart', 'data-game-id'), replay.lastTick.gameId);
  assert.notEqual(replay.lastTick.gameId, liveRound);
  // The bets list and the chart's markers come from this session's ledger alone.
  const ledger = (await api(env.baseUrl, 'GET', `/live-sim/sessions/${replay.id}/bets?limit=1000`, { token: replay.accessToken })).bets;
  await until(async () => (await page.getAttribute('.ledger-card', 'data-loaded')) === 'true', 'the replay\'s ledger');
  assert.deepEqual(await page.locator('#ledger-rows tr').evaluateAll((trs) => trs.map((tr) => Number(tr.dataset.seq))), ledger.map((r) => r.eventSeq));
  assert.deepEqual(new Set(await page.locator('#ledger-rows tr td:first-child').allTextContents()), new Set(ledger.map((r) => r.gameId)));
  const lastRoundBets = String(ledger.filter((r) => r.gameId === replay.lastTick.gameId && r.betId !== null).length);
  await until(async () => (await page.getAttribute('#price-chart', 'data-bets')) === lastRoundBets, `the last round's ${lastRoundBets} bets on the chart`);
  assert.equal(await page.getAttribute('#equity-chart', 'data-points'), String(replay.stats.equityCurve.length));
  assert.equal(await page.locator('#active-bets tr').count(), 0);
  assert.equal(await page.textContent('#round'), `${replay.lastTick.gameId} #${replay.lastTick.tick} (${replay.lastTick.phase})`);
  assert.equal(await page.textContent('#net-pnl'), `+${replay.stats.netPnl.toFixed(4)}`);
  assert.equal(await page.locator('.u-over').count(), 2, 'one equity and one price chart');

  await page.click('a.back');
  await page.click(`#sessions-body tr[data-id="${live.id}"] a`);
  await until(async () => (await page.textContent('#session-id')) === live.id && (await page.textContent('#stream-state')) === 'live', 'the live session again');
  assert.deepEqual(page.problems, []);
  await page.click('#stop-button');
  await page.closeAll();
});

test('a replay watched while it runs is live, then completed and ended, with no Stop button', async () => {
  const created = await api(env.baseUrl, 'POST', '/live-sim/sessions', { body: { source: { recordingId, speed: 10 }, strategy: strategy(10) } });
  const page = await boardWith([created]);
  await page.click('#sessions-body a');
  await until(async () => (await page.textContent('#stream-state')) === 'live', 'the replay to stream');
  assert.equal(await page.isVisible('#stop-button'), true);
  await until(async () => (await page.locator('#events li.placed').count()) > 0, 'a bet placed while watching');
  await until(async () => (await page.textContent('#session-status')).startsWith('completed'), 'the replay to complete', 60000);
  await until(async () => (await page.textContent('#stream-state')) === 'ended', 'the stream to end');
  assert.equal(await page.isVisible('#stop-button'), false);
  await page.click('a.back');
  await until(async () => (await page.textContent(`#sessions-body tr[data-id="${created.id}"] td:nth-child(2)`)) === 'completed', 'the board to show it completed');
  assert.deepEqual(page.problems, []);
  await page.closeAll();
});

test('every form control has a label, and a session starts from the keyboard alone', async () => {
  const page = await openPage(env.browser, env.baseUrl);
  await page.goto('/');
  await until(async () => (await page.locator('#source-select option').count()) > 0, 'the source list');
  const unlabelled = await page.evaluate(() => [...document.querySelectorAll('input, select, textarea')]
    .filter((c) => c.labels.length === 0 && !c.getAttribute('aria-label')).map((c) => c.name || c.id));
  assert.deepEqual(unlabelled, []);

  await page.focus('#source-select');
  const order = [];
  for (let i = 0; i < 9; i++) {
    order.push(await page.evaluate(() => document.activeElement.name || document.activeElement.textContent));
    await page.keyboard.press('Tab');
  }
  // Replay speed is skipped (disabled) while a live feed is the source.
  assert.deepEqual(order, ['source', 'startingBalance', 'entryTick', 'numBets', 'cooldown', 'stake', 'sizing', 'legacy', 'Start session']);
  await page.focus('input[name=entryTick]');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('1');
  await page.keyboard.press('Enter');
  await until(async () => (await page.textContent('#stream-state')) === 'live', 'the session started with Enter');
  await page.click('#stop-button');
  await page.closeAll();
});

test('the board and the session view fit a phone\'s width; screenshots of both at desktop and phone widths', async () => {
  const sessions = [await completedReplay(0), await completedReplay(10, 0.002), await completedReplay(50, 0.003), await liveSession(1)];
  const page = await boardWith(sessions);
  await until(async () => Number(await page.locator(`#sessions-body tr[data-id="${sessions[3].id}"] .sparkline`).getAttribute('data-points')) >= 2,
    'the live session to settle two bets');
  await page.click('th[data-sort=netPnl] button');
  await screenshot(page, 'board');

  const mobile = await boardWith(sessions, phone);
  const overflow = () => mobile.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.equal(await overflow(), 0, 'the board does not scroll sideways (the table scrolls in its own box)');
  await screenshot(mobile, 'board-phone');
  await mobile.click(`#sessions-body tr[data-id="${sessions[3].id}"] a`);
  await until(async () => Number(await mobile.getAttribute('#price-chart', 'data-points')) >= 20, 'the price chart');
  assert.equal(await overflow(), 0, 'the session view does not scroll sideways');
  await screenshot(mobile, 'session-phone');

  assert.deepEqual([...page.problems, ...mobile.problems], []);
  await api(env.baseUrl, 'POST', `/live-sim/sessions/${sessions[3].id}/stop`, { token: sessions[3].accessToken });
  await page.closeAll();
  await mobile.closeAll();
});
