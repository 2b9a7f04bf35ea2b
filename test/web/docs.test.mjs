// The API reference (/docs, Scalar) in a real browser (Debian's Chromium, driven by playwright-core) against the real
// silo on loopback: it renders the OpenAPI document's operations, and loads everything from the silo itself (no CDN).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
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
    '--Logging:LogLevel:Default=Warning'], { stdio: 'ignore' });
  await until(async () => (await fetch(`${baseUrl}/health`)).ok, 'the silo to answer', 60000);
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

test('/docs renders the API reference from the silo alone', async () => {
  const page = await browser.newPage();
  const errors = [];
  const elsewhere = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // Every request must go to the silo: anything else (a CDN, fonts, telemetry) is recorded and refused.
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(baseUrl) || url.startsWith('data:') || url.startsWith('blob:')) {
      return route.continue();
    }
    elsewhere.push(url);
    return route.abort();
  });

  await page.goto(`${baseUrl}/docs`);

  await until(async () => (await page.locator('h1', { hasText: 'Orleans.LiveSim' }).count()) > 0, 'the document title');
  for (const tag of ['Health', 'Sessions', 'Feeds', 'Strategies', 'Recordings', 'Schema']) {
    assert.ok(await page.getByRole('button', { name: tag, exact: true }).count() > 0 || await page.getByText(tag, { exact: true }).count() > 0, `the ${tag} group is listed`);
  }
  await page.getByText('Sessions', { exact: true }).first().click();
  for (const operation of ['Creates and starts a session', 'Follows a session over Server-Sent Events.', 'Follows a session over a WebSocket.']) {
    await until(async () => (await page.getByText(operation).count()) > 0, `the operation "${operation}" to be listed`);
  }
  assert.match(await page.title(), /Orleans\.LiveSim/);
  assert.deepEqual(elsewhere, []);
  assert.deepEqual(errors, []);
  await page.close();
});
