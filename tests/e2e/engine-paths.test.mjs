// The two paths to the wasm core (docs/ARCHITECTURE.md §4): on a normal page the first badges
// come from the service worker at once, then the engine moves into the content script ("local")
// with the page's context replayed; where the page's CSP forbids WebAssembly it stays in the
// service worker ("background"). Same badges either way, and settings reach both.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, settle, readPosts, setSettings, resetSettings } from './harness.mjs';

const BADGED = new Set(['autofeed', 'pure_promo', 'genuine_share']);
const WAIT = { timeout: 30000, polling: 100 }; // no rAF polling: it would keep the page from idling
const dataset = (page) => page.evaluate(() => ({ ...document.documentElement.dataset }));
const labels = async (page) => new Map((await readPosts(page)).map((p) => [p.fixture, p.label]));
const labelled = async (page) => (await readPosts(page)).filter((p) => p.label).map((p) => p.fixture).sort();
const waitLocal = (page) => page.waitForFunction(() => document.documentElement.dataset.notworkEngine === 'local', null, WAIT);
const waitFallback = (page) => page.waitForFunction(() => document.documentElement.dataset.notworkEngineFallback, null, WAIT);
/** Polls `get` until `ok(value)` (or 10 s); returns the last value. */
async function poll(get, ok, ms = 10000) {
  const end = Date.now() + ms;
  let v = await get();
  while (!ok(v) && Date.now() < end) { await new Promise((r) => setTimeout(r, 100)); v = await get(); }
  return v;
}

let h;
let normal = null; // fixture -> label on the normal X page (the local path)
before(async () => {
  h = await launch();
  // Main world, before the page's own scripts: which path produced the first badge, and every
  // CSP violation the page sees (an extension's refused WebAssembly shows up here too).
  await h.context.addInitScript(() => {
    window.__nw = { firstBadgeEngine: null, violations: [] };
    document.addEventListener('securitypolicyviolation', (e) => window.__nw.violations.push({ directive: e.violatedDirective, blocked: e.blockedURI, source: e.sourceFile }));
    new MutationObserver((_, mo) => {
      if (!document.querySelector('[data-notwork-label]')) return;
      window.__nw.firstBadgeEngine = document.documentElement.dataset.notworkEngine;
      mo.disconnect();
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-notwork-label'] });
  });
});
after(async () => { if (h) await h.close(); });

test('normal page: first badges from the service worker, then the engine runs in the page with the same verdicts', async () => {
  const page = await h.open('x');
  await waitLocal(page);
  await settle(page);
  const d = await dataset(page);
  assert.equal(d.notworkEngine, 'local');
  assert.equal(d.notworkEngineFallback, undefined);
  assert.ok(Number(d.notworkEngineCreateMs) > 0, 'the in-page session creation was measured');

  const posts = await readPosts(page);
  assert.ok(posts.length >= 10);
  for (const p of posts) {
    assert.ok(p.badges <= 1, `${p.fixture} carries ${p.badges} badges`);
    if (p.expect) assert.equal(p.label, BADGED.has(p.expect) ? p.expect : null, `${p.fixture}`);
  }
  normal = await labels(page);

  // The tab released its service-worker session: from now on only the page can score.
  assert.equal(await poll(() => h.sw.evaluate(() => Notwork.engineHost.liveEngines()), (n) => n === 0), 0);
  // New posts arriving later (infinite scroll) are scored in the page: a promo and a reply.
  await page.evaluate(() => {
    const clone = (from, id, status, text) => {
      const cell = document.querySelector(`[data-fixture="${from}"]`).closest('[data-testid="cellInnerDiv"]').cloneNode(true);
      const article = cell.querySelector('article');
      article.setAttribute('data-fixture', id);
      article.removeAttribute('data-notwork-label');
      for (const b of cell.querySelectorAll('notwork-badge')) b.remove();
      for (const a of cell.querySelectorAll('a[href*="/status/"]')) a.setAttribute('href', a.getAttribute('href').replace(/\d+$/, status));
      cell.querySelector('[data-testid="tweetText"]').textContent = text;
      document.getElementById('timeline').append(cell);
    };
    clone('x-promo-1', 'late-promo', '1900000000000000901', '🔥 40% OFF all serums this week only! Shop now before they are gone 👉 https://glowskin-shop.com/serums?ref=tw&utm_campaign=spring #ad #sale');
    clone('x-neutral-1', 'late-neutral', '1900000000000000902', 'Finally some sun after a week of rain. Coffee on the balcony.');
  });
  await page.waitForSelector('[data-fixture="late-promo"][data-notwork-label]', WAIT);
  await settle(page);
  const late = await labels(page);
  assert.equal(late.get('late-promo'), 'pure_promo');
  assert.equal(late.get('late-neutral'), null);
  assert.equal(await h.sw.evaluate(() => Notwork.engineHost.liveEngines()), 0, 'nothing went to the service worker');

  // The .wasm is web-accessible through the content script's per-session URL only: the page's
  // own scripts cannot fetch it at the extension's fixed URL, nor see the content script's fetch.
  const probe = await page.evaluate(async (id) => {
    let fixed;
    try { fixed = (await fetch(`chrome-extension://${id}/extension/generated/notwork-core.wasm`)).status; } catch (e) { fixed = 'refused'; }
    return { fixed, seen: performance.getEntriesByType('resource').filter((e) => e.name.startsWith('chrome-extension:')).length };
  }, h.extensionId);
  assert.deepEqual(probe, { fixed: 'refused', seen: 0 });
  assert.deepEqual(page.notworkErrors, []);

  // The next page load (the service worker is awake now): the first badges come from the
  // worker at once, without waiting for the in-page start-up; then the page switches again.
  await page.reload();
  await waitLocal(page);
  await settle(page);
  assert.equal(await page.evaluate(() => window.__nw.firstBadgeEngine), 'background', 'the first badges did not wait for the in-page engine');
  assert.deepEqual(await labels(page), normal);
  assert.deepEqual(h.blocked, []);
  await page.close();
});

test('strict-CSP page: WebAssembly is blocked there, the engine stays in the service worker, same badges', async () => {
  assert.ok(normal, 'runs after the normal-page test');
  const page = await h.open('csp');
  // The page really forbids WebAssembly: a compile attempt in the page fails.
  const attempt = await page.evaluate(async () => {
    try { await WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])); return 'compiled'; } catch (e) { return e.name; }
  });
  assert.equal(attempt, 'CompileError');
  await waitFallback(page);
  await page.waitForFunction(() => document.documentElement.dataset.fixtureMore === 'done', null, WAIT);
  await settle(page);
  const d = await dataset(page);
  assert.equal(d.notworkEngine, 'background');
  assert.equal(d.notworkEngineFallback, 'csp', 'the content script found WebAssembly refused by the page\'s CSP');
  assert.equal(d.notworkEngineCreateMs, undefined, 'no in-page engine was created');
  const got = await labels(page);
  assert.equal(got.size, normal.size);
  for (const [fixture, label] of normal) assert.equal(got.get(fixture), label, `${fixture}: the same label as on the normal page`);
  assert.ok([...got.values()].filter(Boolean).length >= 5);
  assert.ok(await h.sw.evaluate(() => Notwork.engineHost.liveEngines()) >= 1, 'the service worker scores this tab');
  const fromExtension = (await page.evaluate(() => window.__nw.violations)).filter((v) => v.source === 'chrome-extension');
  assert.deepEqual(fromExtension.map((v) => v.blocked), ['wasm-eval'], 'one refused attempt, before anything was fetched');
  assert.deepEqual(page.notworkErrors, []);
  await page.close();
});

test('a settings change reaches both paths: thresholds at 1 remove badges on both, defaults bring them back', async () => {
  await resetSettings(h.sw); // also forgets that x.com refused WebAssembly (the CSP fixture shares its origin)
  const fast = await h.open('x');
  await waitLocal(fast);
  await settle(fast);
  const strict = await h.open('csp');
  await waitFallback(strict);
  await strict.waitForFunction(() => document.documentElement.dataset.fixtureMore === 'done', null, WAIT);
  await settle(strict);
  assert.equal((await dataset(fast)).notworkEngine, 'local');
  assert.equal((await dataset(strict)).notworkEngine, 'background');
  const before = { fast: await labelled(fast), strict: await labelled(strict) };
  assert.deepEqual(before.fast, before.strict);
  const scored = async (page) => Number((await dataset(page)).notworkScored);
  const n = { fast: await scored(fast), strict: await scored(strict) };

  await setSettings(h.sw, { core: { thresholds: { autofeed: 1, pure_promo: 1, genuine_share: 1 } } });
  for (const [name, page] of [['fast', fast], ['strict', strict]]) {
    await page.waitForFunction((k) => Number(document.documentElement.dataset.notworkScored) > k, n[name], WAIT);
    await settle(page);
    const now = await labelled(page);
    assert.ok(now.length < before[name].length, `${name}: fewer badges with thresholds at 1 (${now.length} < ${before[name].length})`);
  }
  await h.sw.evaluate(async () => {
    const cur = await NotworkSettings.load();
    await NotworkSettings.save({ ...cur, core: { version: 1 } });
  });
  for (const [name, page] of [['fast', fast], ['strict', strict]]) {
    await page.waitForFunction((k) => document.querySelectorAll('[data-notwork-label]').length === k, before[name].length, WAIT);
    assert.deepEqual(await labelled(page), before[name], `${name}: the default badges are back`);
  }
  assert.equal((await dataset(fast)).notworkEngine, 'local');
  assert.equal((await dataset(strict)).notworkEngine, 'background');
  await fast.close();
  await strict.close();
});

test('a host the user added (the .wasm is web-accessible on the built-in sites only) stays on the service worker', async () => {
  await setSettings(h.sw, { blogs: ['blog.example.org'] });
  await h.sw.evaluate(() => Notwork.registration.sync());
  const page = await h.open('wordpress');
  await waitFallback(page);
  await settle(page);
  const d = await dataset(page);
  assert.equal(d.notworkEngine, 'background');
  assert.equal(d.notworkEngineFallback, 'unavailable');
  assert.ok((await readPosts(page)).some((p) => p.label), 'badges are shown');
  assert.deepEqual(await page.evaluate(() => window.__nw.violations), [], 'nothing was attempted that the page could see');
  assert.deepEqual(h.blocked, []);
  await page.close();
});
