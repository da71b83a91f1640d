// A page whose CSP (`script-src 'self'`) would block WebAssembly in content scripts: scoring
// lives in the service worker, so the page shows the same badges as on a page without a CSP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, settle, readPosts } from './harness.mjs';

let h;
before(async () => { h = await launch(); });
after(async () => { if (h) await h.close(); });

test('strict CSP: the same badges as without a CSP, scored in the service worker', async () => {
  const local = await h.open('x');
  await settle(local);
  const expected = new Map((await readPosts(local)).map((p) => [p.fixture, p.label]));
  await local.close();

  const page = await h.open('csp');
  // The page really is CSP-strict: its own inline code cannot compile wasm either.
  const header = await page.evaluate(async () => (await fetch(location.href)).headers.get('content-security-policy'));
  assert.match(header, /script-src 'self'/);
  await page.waitForFunction(() => document.documentElement.dataset.fixtureMore === 'done');
  await settle(page);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.notworkEngine), 'background');
  const posts = await readPosts(page);
  assert.equal(posts.length, expected.size, 'the late batch (same-origin script) arrived too');
  assert.ok(posts.filter((p) => p.label).length >= 5, 'badges are shown');
  for (const p of posts) {
    assert.equal(p.label, expected.get(p.fixture), `${p.fixture}: same label as on the page without a CSP`);
    assert.ok(p.badges <= 1);
  }
  assert.equal(await h.sw.evaluate(() => Notwork.engineHost.liveEngines() >= 1), true, 'the service worker engine did the work');
  assert.deepEqual(h.blocked, []);
  await page.close();
});
