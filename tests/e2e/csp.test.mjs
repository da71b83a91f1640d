// A page whose CSP (`script-src 'self'`, as real social sites send) forbids WebAssembly in
// content scripts: the engine client falls back to the service worker, whose wasm core shows the
// same badges as the in-page engine on a page without a CSP — late posts included. The refusal
// is a CSP violation the page (and the site, through CSP reports) can see, so the extension asks
// once per site and remembers the answer. (tests/e2e/engine-paths.test.mjs covers the switch.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, settle, readPosts } from './harness.mjs';

const WAIT = { timeout: 30000, polling: 100 };
let h;
before(async () => {
  h = await launch();
  await h.context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push({ blocked: e.blockedURI, source: e.sourceFile }));
  });
});
after(async () => { if (h) await h.close(); });

const fromExtension = (page) => page.evaluate(() => window.__violations.filter((v) => v.source === 'chrome-extension').map((v) => v.blocked));

test('strict CSP: the same badges as the in-page engine on a normal page, scored in the service worker', async () => {
  const normal = await h.open('x');
  await normal.waitForFunction(() => document.documentElement.dataset.notworkEngine === 'local', null, WAIT);
  await settle(normal);
  const expected = new Map((await readPosts(normal)).map((p) => [p.fixture, p.label]));
  await normal.close();

  const page = await h.open('csp');
  const header = await page.evaluate(async () => (await fetch(location.href)).headers.get('content-security-policy'));
  assert.match(header, /script-src 'self'/);
  assert.doesNotMatch(header, /wasm-unsafe-eval|unsafe-eval/);
  await page.waitForFunction(() => document.documentElement.dataset.notworkEngineFallback, null, WAIT);
  await page.waitForFunction(() => document.documentElement.dataset.fixtureMore === 'done', null, WAIT);
  await settle(page);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.notworkEngine), 'background');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.notworkEngineFallback), 'csp');
  const posts = await readPosts(page);
  assert.equal(posts.length, expected.size, 'the late batch (same-origin script) arrived too');
  assert.ok(posts.filter((p) => p.label).length >= 5, 'badges are shown');
  for (const p of posts) {
    assert.equal(p.label, expected.get(p.fixture), `${p.fixture}: same label as on the page without a CSP`);
    assert.ok(p.badges <= 1);
  }
  assert.ok(await h.sw.evaluate(() => Notwork.engineHost.liveEngines()) >= 1, 'the service worker engine did the work');
  assert.deepEqual(await fromExtension(page), ['wasm-eval'], 'one refused probe');
  assert.deepEqual(page.notworkErrors, []);
  assert.deepEqual(h.blocked, []);
  await page.close();
});

test('the refusal is remembered for the site: the next page asks no more (no new CSP violation)', async () => {
  const stored = await h.sw.evaluate(async () => (await chrome.storage.local.get('wasmRefused')).wasmRefused);
  assert.deepEqual(Object.keys(stored || {}), ['https://x.com']);
  const page = await h.open('csp');
  await page.waitForFunction(() => document.documentElement.dataset.notworkEngineFallback, null, WAIT);
  await page.waitForFunction(() => document.documentElement.dataset.fixtureMore === 'done', null, WAIT);
  await settle(page);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.notworkEngineFallback), 'csp');
  assert.deepEqual(await fromExtension(page), [], 'no WebAssembly attempt on this page');
  assert.ok((await readPosts(page)).filter((p) => p.label).length >= 5, 'badges are shown');
  await page.close();
});
