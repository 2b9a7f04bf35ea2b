// The web page's forms in a real browser (Debian's Chromium, driven by playwright-core) against the real silo on loopback:
// start a session, watch it live over SSE, stop it; field errors under the form's labels; upload a capture and replay it
// with a legacy strategy file; hostile recording names stay text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { openPage, sharedData, start, until } from './harness.mjs';

let env;

before(async () => { env = await start(); });
after(async () => { await env?.stop(); });

async function openBoard() {
  const page = await openPage(env.browser, env.baseUrl);
  await page.goto('/');
  await until(async () => (await page.locator('#source-select option').count()) > 0, 'the source list');
  return page;
}

test('the page starts a session, shows it live over SSE, and stops it: then it is no longer live', async () => {
  const page = await openBoard();
  await until(async () => /^feed demo: connected, seq \d+$/.test(await page.textContent('#feed-status')), 'the demo feed\'s status in the header');

  await page.fill('input[name=entryTick]', '1');
  await page.fill('input[name=cooldown]', '0');
  await page.click('#create-form button[type=submit]');

  await until(async () => /^#\/sessions\/[0-9a-f]{32}$/.test(new URL(page.url()).hash), 'the session view to open');
  const id = await page.textContent('#session-id');
  assert.equal(new URL(page.url()).hash, `#/sessions/${id}`);
  await until(async () => Number(await page.textContent('#ticks')) >= 5, 'ticks to arrive over SSE');
  await until(async () => (await page.locator('#events li').count()) >= 2, 'session events (round, bets)');
  assert.equal(await page.textContent('#stream-state'), 'live');

  await page.click('#stop-button');
  await until(async () => (await page.textContent('#session-status')).startsWith('stopped'), 'the session to stop');
  await until(async () => (await page.textContent('#stream-state')) === 'ended', 'the stream to show ended');
  assert.equal(await page.isVisible('#stop-button'), false);
  assert.deepEqual(page.problems, []);
  await page.closeAll();
});

test('invalid form values are explained under the form\'s labels, not the API\'s field paths', async () => {
  const page = await openBoard();
  await page.fill('input[name=numBets]', '101');
  await page.fill('input[name=stake]', '5');
  await page.click('#create-form button[type=submit]');

  await until(async () => (await page.textContent('#create-error')).includes('Bets per round:'), 'the field error');
  const text = await page.textContent('#create-error');
  assert.match(text, /Stake: /);
  assert.doesNotMatch(text, /strategy\.params|betSizes|numBets/);
  assert.equal(await page.getAttribute('input[name=numBets]', 'aria-invalid'), 'true');
  assert.equal(await page.getAttribute('input[name=stake]', 'aria-invalid'), 'true');
  assert.equal(await page.getAttribute('input[name=entryTick]', 'aria-invalid'), null);
  assert.equal(await page.evaluate(() => document.activeElement?.name), 'numBets');
  assert.equal(new URL(page.url()).hash, '');

  // Fixing the values and sending again clears the errors and starts the session.
  await page.fill('input[name=numBets]', '4');
  await page.fill('input[name=stake]', '0.001');
  await page.click('#create-form button[type=submit]');
  await until(async () => await page.isVisible('#session-id'), 'the session view');
  await page.click('#stop-button');
  await page.closeAll();
});

test('a capture uploaded from the page replays its real rounds with a legacy strategy file, and the replay ends', async (t) => {
  if (!existsSync(sharedData)) {
    if (process.env.CI === 'true') { assert.fail(`the shared data folder ${sharedData} is missing`); }
    t.skip(`the shared data folder ${sharedData} is missing`);
    return;
  }

  const page = await openBoard();
  await page.setInputFiles('#capture-file', path.join(sharedData, 'provider-capture', 'game-state-capture.jsonl'));
  await page.selectOption('select[name=content]', 'history');
  await page.click('#upload-form button[type=submit]');
  await until(async () => (await page.textContent('#upload-result')).includes('11 rounds'), 'the upload to report 11 rounds');
  await until(async () => (await page.inputValue('#source-select')).startsWith('recording:'), 'the new recording to be the selected source');

  // The Source select is wide enough for the recording's whole name.
  const fit = await page.evaluate(() => {
    const select = document.getElementById('source-select');
    const context = document.createElement('canvas').getContext('2d');
    context.font = getComputedStyle(select).font;
    return { text: context.measureText(select.selectedOptions[0].textContent).width, box: select.clientWidth };
  });
  assert.ok(fit.text + 24 <= fit.box, `the selected source (${fit.text} px) fits its select (${fit.box} px)`);

  await page.setInputFiles('#legacy-file', path.join(sharedData, 'legacy-strategies', '219.json'));
  await page.click('#create-form button[type=submit]');
  await until(async () => (await page.textContent('#session-status')).startsWith('completed'), 'the replay to complete');
  await until(async () => (await page.textContent('#stream-state')) === 'ended', 'the stream to show ended');
  assert.notEqual(await page.textContent('#ticks'), '0');
  assert.match(await page.textContent('#session-source'), /^replay game-state-capture\.jsonl$/);
  assert.deepEqual(page.problems, []);
  await page.closeAll();
});

test('recording names carrying script and markup show as text, run nothing, and hide no option', async () => {
  // A tiny capture of our own (two ticks of one round): the names are what is hostile, not the content.
  const capture = [0, 1].map((tick) => JSON.stringify({
    timestamp: `2026-01-01T00:00:0${tick}.000000`,
    event_type: 'gameStateUpdate',
    data: { gameId: '20260101-hostile', tickCount: tick, price: 1.0, active: true, rugged: false, cooldownTimer: 0, allowPreRoundBuys: false },
  })).join('\n');
  const names = [
    'capture<img src=x onerror="window.__xss=1">',
    '<script>window.__xss=2</script>',
    '"><svg onload="window.__xss=3">',
    '</option></select><b id="injected">bold</b>',
  ];
  const ids = [];
  for (const name of names) {
    const response = await fetch(`${env.baseUrl}/live-sim/recordings?name=${encodeURIComponent(name)}`, { method: 'POST', body: capture });
    assert.equal(response.status, 201, `upload of ${name}`);
    ids.push((await response.json()).recordingId);
  }

  const page = await openPage(env.browser, env.baseUrl);
  const dialogs = [];
  page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
  const response = await page.goto('/');
  assert.match(response.headers()['content-security-policy'], /script-src 'self'/);
  assert.equal(response.headers()['x-content-type-options'], 'nosniff');

  await until(async () => (await page.locator('#source-select option').count()) >= names.length + 1, 'every source option');
  const options = await page.locator('#source-select option').allTextContents();
  for (const name of names) {
    assert.ok(options.some((o) => o.includes(name)), `an option shows ${name} as text; options: ${options.join(' | ')}`);
  }

  // A replay of one of them shows the name as text in the session view and on the board too.
  await page.selectOption('#source-select', `recording:${ids[0]}`);
  await page.click('#create-form button[type=submit]');
  await until(async () => (await page.textContent('#session-source')) === `replay ${names[0]}`, 'the session source to show the name');
  await page.click('a.back');
  await until(async () => (await page.locator('#sessions-body tr').count()) === 1, 'the board row');
  await until(async () => (await page.textContent('#sessions-body tr')).includes(names[0]), 'the row to show the name');

  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.equal(await page.locator('#injected').count(), 0);
  assert.equal(await page.locator('img, svg b, script:not([src])').count(), 0);
  assert.deepEqual(dialogs, []);
  assert.deepEqual(page.problems, []);
  await page.closeAll();
});
