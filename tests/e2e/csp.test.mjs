// A page whose CSP (`script-src 'self'`) blocks WebAssembly in content scripts: the content
// script falls back to the service worker and shows the same badges as the local path.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, settle, readPosts } from './harness.mjs';

let h;
before(async () => { h = await launch(); });
after(async () => { if (h) await h.close(); });

test('strict CSP: scoring moves to the service worker, labels match the local path', async () => {
  const local = await h.open('x');
  await settle(local);
  assert.equal(await local.evaluate(() => document.documentElement.dataset.notworkEngine), 'local');
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
    assert.equal(p.label, expected.get(p.fixture), `${p.fixture}: same label as with the local engine`);
    assert.ok(p.badges <= 1);
  }
  assert.equal(await h.sw.evaluate(() => Notwork.engineHost.liveEngines() >= 1), true, 'the service worker engine did the work');
  assert.deepEqual(h.blocked, []);
  await page.close();
});
