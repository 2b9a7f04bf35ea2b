// Shared set-up of the browser tests: the built silo on a free loopback port, Debian's Chromium through playwright-core,
// polling with a deadline, screenshots under .artifacts/web/, and a small synthetic capture to replay.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, mkdirSync, openSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const sharedData = path.resolve(root, '..', 'shared', 'data');
const siloDll = path.join(root, 'src', 'Orleans.LiveSim.Silo', 'bin', 'Debug', 'net10.0', 'Orleans.LiveSim.Silo.dll');
const chromiumPath = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find(existsSync);
const screenshots = path.join(root, '.artifacts', 'web');

export const desktop = { width: 1280, height: 900 };
export const phone = { width: 390, height: 844 };

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

/** Polls probe until it returns a truthy value (returned), or fails saying what was expected. */
export async function until(probe, what, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const value = await probe();
      if (value) { return value; }
      last = value;
    } catch (e) { last = e.message; }
    if (Date.now() > deadline) { throw new Error(`expected ${what} within ${timeoutMs} ms (last: ${last})`); }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Starts the built silo (fast demo feed: 25 ms ticks, 1 s cooldown; extra settings in args) and Chromium; stop() ends both. */
export async function start({ args = [] } = {}) {
  assert.ok(existsSync(siloDll), `build the silo first: ${siloDll} is missing`);
  assert.ok(chromiumPath, 'Chromium is missing: apt-get install chromium (test.sh does this)');
  const baseUrl = `http://127.0.0.1:${await freePort()}`;
  // LIVESIM_WEB_SILO_LOG=<file> keeps the silo's console output (warnings and errors) for a failure's post-mortem.
  const logTo = process.env.LIVESIM_WEB_SILO_LOG ? openSync(process.env.LIVESIM_WEB_SILO_LOG, 'a') : 'ignore';
  const silo = spawn('dotnet', [siloDll, '--urls', baseUrl,
    `--LiveSim:SiloPort=${await freePort()}`, `--LiveSim:GatewayPort=${await freePort()}`,
    '--LiveSim:Feeds:demo:TickIntervalMs=25', '--LiveSim:Feeds:demo:CooldownSeconds=1',
    '--Logging:LogLevel:Default=Warning', ...args], { stdio: ['ignore', logTo, logTo] });
  try {
    await until(async () => (await fetch(`${baseUrl}/ready`)).ok, 'the silo to be ready', 60000);
  } catch (e) {
    silo.kill('SIGTERM');
    throw e;
  }
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  return {
    baseUrl,
    browser,
    async stop() {
      await browser.close();
      silo.kill('SIGTERM');
    },
  };
}

/**
 * A page in a fresh browser context (its own localStorage), collecting page errors, console errors and CSP
 * violations in page.problems.
 */
export async function openPage(browser, baseUrl, viewport = desktop) {
  const context = await browser.newContext({ viewport, baseURL: baseUrl });
  const page = await context.newPage();
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') { page.problems.push(m.text()); } });
  page.closeAll = () => context.close();
  return page;
}

export async function screenshot(page, name) {
  mkdirSync(screenshots, { recursive: true });
  const file = path.join(screenshots, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Calls the API as a script would (to set up sessions the page then shows). */
export async function api(baseUrl, method, url, { body, token } = {}) {
  const response = await fetch(`${baseUrl}${url}`, {
    method,
    headers: { ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const json = await response.json();
  assert.ok(response.ok, `${method} ${url}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

/**
 * A capture of five rounds with known rug ticks (30, 95, 12, 160, 55) unless rugs says others, one message every
 * 250 ms, prices a smooth function of the tick: small, deterministic, and with bets that win and bets that lose.
 */
export function syntheticCapture(rugs = [30, 95, 12, 160, 55]) {
  const lines = [];
  let time = Date.parse('2026-01-01T00:00:00Z');
  rugs.forEach((rug, round) => {
    for (let tick = 0; tick <= rug; tick++) {
      const price = tick === rug ? 0.01 : Math.round((1 + 0.02 * tick + 0.3 * Math.sin(tick / 5 + round)) * 1e6) / 1e6;
      lines.push(JSON.stringify({
        timestamp: new Date(time).toISOString().replace('Z', '000'),
        event_type: 'gameStateUpdate',
        data: { gameId: `20260101-round${round}`, tickCount: tick, price, active: true, rugged: tick === rug, cooldownTimer: 0, allowPreRoundBuys: false },
      }));
      time += 250;
    }
  });
  return lines.join('\n');
}

/** Puts sessions (made through the API) into the browser's list, as if this browser had started them. */
export async function remember(page, sessions) {
  await page.evaluate((list) => {
    const key = 'livesim.sessions.v1';
    const saved = JSON.parse(localStorage.getItem(key) ?? '[]');
    localStorage.setItem(key, JSON.stringify([...list.map((s) => ({ id: s.id, token: s.accessToken, savedAt: new Date().toISOString() })), ...saved]));
  }, sessions);
}
