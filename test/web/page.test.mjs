// The web page in a real browser (Debian's Chromium, driven by playwright-core) against the real silo on loopback:
// start a session from the form, watch it go live over SSE, stop it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const sharedData = path.resolve(root, '..', 'shared', 'data');
const siloDll = path.join(root, 'src', 'Orleans.LiveSim.Silo', 'bin', 'Debug', 'net10.0', 'Orleans.LiveSim.Silo.dll');
const chromiumPath = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find(existsSync);

let silo;
let browser;
let baseUrl;

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function until(probe, what, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = await probe();
      if (value) { return value; }
    } catch { /* not yet */ }
    if (Date.now() > deadline) { throw new Error(`expected ${what} within ${timeoutMs} ms`); }
    await new Promise((r) => setTimeout(r, 100));
  }
}

before(async () => {
  assert.ok(existsSync(siloDll), `build the silo first: ${siloDll} is missing`);
  assert.ok(chromiumPath, 'Chromium is missing: apt-get install chromium (test.sh does this)');
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  silo = spawn('dotnet', [siloDll, '--urls', baseUrl,
    `--LiveSim:SiloPort=${await freePort()}`, `--LiveSim:GatewayPort=${await freePort()}`,
    '--LiveSim:Feeds:demo:TickIntervalMs=25', '--LiveSim:Feeds:demo:CooldownSeconds=1',
    '--Logging:LogLevel:Default=Warning'], { stdio: 'ignore' });
  await until(async () => (await fetch(`${baseUrl}/ready`)).ok, 'the silo to be ready', 60000);
  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

after(async () => {
  await browser?.close();
  silo?.kill('SIGTERM');
});

test('the page starts a session, shows it live over SSE, and stops it', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') { errors.push(m.text()); } });

  await page.goto(baseUrl);
  await until(async () => (await page.locator('#source-select option').count()) > 0, 'the feed list');
  assert.match(await page.textContent('#feed-status'), /feed demo: connected/);

  await page.fill('input[name=entryTick]', '1');
  await page.fill('input[name=cooldown]', '0');
  await page.click('button[type=submit]');

  await until(async () => await page.isVisible('#session'), 'the session panel');
  const id = await page.textContent('#session-id');
  assert.match(id, /^[0-9a-f]{32}$/);
  await until(async () => Number(await page.textContent('#ticks')) >= 5, 'ticks to arrive over SSE');
  await until(async () => (await page.locator('#events li').count()) >= 2, 'session events (round, bets)');
  assert.equal(await page.textContent('#stream-state'), 'live');

  await page.click('#stop-button');
  await until(async () => (await page.textContent('#session-status')).startsWith('stopped'), 'the session to stop');
  assert.deepEqual(errors, []);
  await page.close();
});

test('an invalid form value is explained, not sent as a session', async () => {
  const page = await browser.newPage();
  await page.goto(baseUrl);
  await until(async () => (await page.locator('#source-select option').count()) > 0, 'the feed list');
  await page.fill('input[name=numBets]', '101');
  await page.click('button[type=submit]');

  await until(async () => (await page.textContent('#create-error')).includes('numBets'), 'the field error');
  assert.equal(await page.isVisible('#session'), false);
  await page.close();
});

test('a capture uploaded from the page replays its real rounds with a legacy strategy file', async (t) => {
  if (!existsSync(sharedData)) {
    if (process.env.CI === 'true') { assert.fail(`the shared data folder ${sharedData} is missing`); }
    t.skip(`the shared data folder ${sharedData} is missing`);
    return;
  }

  const page = await browser.newPage();
  await page.goto(baseUrl);
  await until(async () => (await page.locator('#source-select option').count()) > 0, 'the source list');
  await page.setInputFiles('#capture-file', path.join(sharedData, 'provider-capture', 'game-state-capture.jsonl'));
  await page.selectOption('select[name=content]', 'history');
  await page.click('#upload-form button[type=submit]');
  await until(async () => (await page.textContent('#upload-result')).includes('11 rounds'), 'the upload to report 11 rounds');
  await until(async () => (await page.inputValue('#source-select')).startsWith('recording:'), 'the new recording to be the selected source');

  await page.setInputFiles('#legacy-file', path.join(sharedData, 'legacy-strategies', '219.json'));
  await page.click('#create-form button[type=submit]');
  await until(async () => (await page.textContent('#session-status')).startsWith('completed'), 'the replay to complete');
  assert.notEqual(await page.textContent('#ticks'), '0');
  await page.close();
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
  for (const name of names) {
    const response = await fetch(`${baseUrl}/live-sim/recordings?name=${encodeURIComponent(name)}`, { method: 'POST', body: capture });
    assert.equal(response.status, 201, `upload of ${name}`);
  }

  const page = await browser.newPage();
  const dialogs = [];
  page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
  const response = await page.goto(baseUrl);
  assert.match(response.headers()['content-security-policy'], /script-src 'self'/);
  assert.equal(response.headers()['x-content-type-options'], 'nosniff');

  await until(async () => (await page.locator('#source-select option').count()) >= names.length + 1, 'every source option');
  const options = await page.locator('#source-select option').allTextContents();
  for (const name of names) {
    assert.ok(options.some((o) => o.includes(name)), `an option shows ${name} as text; options: ${options.join(' | ')}`);
  }

  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.equal(await page.locator('#injected').count(), 0);
  assert.deepEqual(dialogs, []);
  await page.close();
});
