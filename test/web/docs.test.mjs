// The API reference (/docs, Scalar) in a real browser (Debian's Chromium) against the real silo on loopback: it renders
// the OpenAPI document's operations, and loads everything from the silo itself (no CDN, fonts or telemetry).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, openPage, until } from './harness.mjs';

let env;

before(async () => { env = await start(); });
after(async () => { await env?.stop(); });

test('/docs renders the API reference from the silo alone', async () => {
  const page = await openPage(env.browser, env.baseUrl);
  const elsewhere = [];
  // Every request must go to the silo: anything else is recorded and refused.
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(env.baseUrl) || url.startsWith('data:') || url.startsWith('blob:')) {
      return route.continue();
    }
    elsewhere.push(url);
    return route.abort();
  });

  await page.goto('/docs');

  await until(async () => (await page.locator('h1', { hasText: 'Orleans.LiveSim' }).count()) > 0, 'the document title');
  for (const tag of ['Health', 'Sessions', 'Feeds', 'Strategies', 'Recordings', 'Schema']) {
    assert.ok(await page.getByText(tag, { exact: true }).count() > 0, `the ${tag} group is listed`);
  }
  await page.getByText('Sessions', { exact: true }).first().click();
  for (const operation of ['Creates and starts a session', 'Follows a session over Server-Sent Events.', 'Follows a session over a WebSocket.']) {
    await until(async () => (await page.getByText(operation).count()) > 0, `the operation "${operation}" to be listed`);
  }
  assert.match(await page.title(), /Orleans\.LiveSim/);
  assert.deepEqual(elsewhere, []);
  assert.deepEqual(page.problems, []);
  await page.closeAll();
});
