// Author memory end to end (extension/shared/memory.js, docs/ARCHITECTURE.md "Author memory"):
// a feed account's posts seen on one page make its first post on a fresh page carry context
// evidence it does not have without memory — on both engine paths (the service worker's
// session answers a page's first batches; the in-page engine the later ones) and on a page
// whose CSP keeps it on the service worker; the memory stays within its caps when filled past
// them; the options page shows it and its "Forget all authors" button empties it.
// Run: node --test tests/e2e/memory.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, settle, resetSettings } from './harness.mjs';
import { xPage } from '../fixtures/build.mjs';

const WAIT = { timeout: 30000, polling: 100 };
const CONTEXT_RULES = new Set(['P3.headline_streak', 'P3.regular_intervals', 'P9.burst', 'P2.recurring_domain']);
const FEED = 'metrowire';
const HEADLINES = [
  'Council approves the new tram line through the old town', 'Heatwave warning issued for the weekend',
  'Airport expansion plans face a fresh legal challenge', 'Local bakery wins the national bread award',
  'River clean-up volunteers collect two tonnes of rubbish', 'University opens a new centre for climate research',
  'Bus fares to rise by five percent from April', 'Stadium renovation delayed until next summer',
  'Hospital trials shorter waiting times in the evening', 'Library extends its opening hours on Sundays',
];
let serial = 0;
const HOUR = 3600 * 1000;
// Posts of the last days (the memory forgets what is older than 30 days).
const ago = (hours) => new Date(Date.now() - hours * HOUR).toISOString().replace(/\.\d+Z$/, '.000Z');
/** A post of the feed account: a bare headline and a link, as a news feed posts them. */
function feedPost(i, hoursAgo) {
  const id = '19000000000000' + String(5000 + (++serial));
  return { fixture: `feed-${i}`, id, handle: FEED, name: 'Metro Wire', avatar: '#5b7083',
    text: `${HEADLINES[i % HEADLINES.length]} https://metrowire.example/news/${4000 + i}`, iso: ago(hoursAgo), ago: `${Math.round(hoursAgo)}h` };
}
const person = (i) => ({ fixture: `person-${i}`, id: '19000000000000' + String(6000 + (++serial)), handle: `walker${i}`, name: `Walker ${i}`,
  text: `Took the long way home through the park today, number ${i}. The dog approved.`, iso: ago(30), ago: '30h' });

let h;
// Page A ("yesterday"): the feed account's posts among others. Pages B and CSP ("today"): one new post of it each.
const PAGE_A = [person(1), feedPost(0, 30), feedPost(1, 29), person(2), feedPost(2, 27.5), feedPost(3, 26), feedPost(4, 25.2), feedPost(5, 24)];
const PAGE_B = [person(3), feedPost(6, 2)];
const PAGE_CSP = [person(4), feedPost(8, 1.5)];
const B_FEED = PAGE_B[1].id;
before(async () => {
  h = await launch();
  h.serve('https://x.com/notwork/memory-a', { body: xPage('Home', PAGE_A) });
  h.serve('https://x.com/notwork/memory-b', { body: xPage('Home', PAGE_B) });
  h.serve('https://x.com/notwork/memory-csp', { body: xPage('Home', PAGE_CSP),
    headers: { 'content-security-policy': "script-src 'self'; object-src 'none'" } });
});
after(async () => { if (h) await h.close(); });

/** Evaluates `fn(arg)` in the content scripts' isolated world of `page` (through CDP). */
async function inContentScript(page, fn, arg) {
  const cdp = await page.context().newCDPSession(page);
  const contexts = [];
  cdp.on('Runtime.executionContextCreated', (e) => contexts.push(e.context));
  await cdp.send('Runtime.enable');
  const { frameTree } = await cdp.send('Page.getFrameTree');
  const ctx = contexts.find((c) => c.auxData && c.auxData.type === 'isolated' && c.auxData.frameId === frameTree.frame.id &&
    (String(c.origin).includes(h.extensionId) || c.name === 'Notwork'));
  assert.ok(ctx, 'the content scripts\' isolated world');
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
    expression: `(${fn})(${JSON.stringify(arg)})`, contextId: ctx.id, awaitPromise: true, returnByValue: true });
  await cdp.detach();
  if (exceptionDetails) throw new Error(exceptionDetails.exception ? exceptionDetails.exception.description : exceptionDetails.text);
  return result.value;
}

/** The verdict the page computed for the post with status id `id`: {label, rules}. */
const verdict = (page, id) => inContentScript(page, (key) => {
  const v = Notwork.badges.verdicts.get(key);
  return v ? { label: v.label, rules: v.result.reasons.map((r) => r.rule) } : null;
}, `x:${id}`);
/** Polls `get` until `ok(value)` (or 5 s); returns the last value. */
async function poll(get, ok, ms = 5000) {
  const end = Date.now() + ms;
  let v = await get();
  while (!ok(v) && Date.now() < end) { await new Promise((r) => setTimeout(r, 100)); v = await get(); }
  return v;
}
const contextEvidence = (v) => v.rules.filter((r) => CONTEXT_RULES.has(r));
const stored = () => h.sw.evaluate(async () => NotworkMemory.summary());
const engineMode = (page) => page.evaluate(() => document.documentElement.dataset.notworkEngine);

/** Opens a page, lets it score and settle, saves its memory now, closes it. */
async function visit(url, { local = true } = {}) {
  const page = await h.open(url);
  if (local) await page.waitForFunction(() => document.documentElement.dataset.notworkEngine === 'local', null, WAIT);
  await settle(page);
  return page;
}

async function waitForVerdict(page, id) {
  for (let i = 0; i < 200; i++) {
    const v = await verdict(page, id);
    if (v) return v;
    await page.waitForTimeout(100);
  }
  throw new Error(`no verdict for ${id}`);
}

test('a feed account seen on one page is recognised on its first post on a fresh page (both engine paths)', async () => {
  await resetSettings(h.sw);
  const next = { ...feedPost(7, 1), fixture: 'late-feed' };

  // Without memory: the account's first post on page B has no context evidence.
  const cold = await visit('https://x.com/notwork/memory-b', { local: false });
  const without = await waitForVerdict(cold, B_FEED);
  await cold.close();
  assert.deepEqual(contextEvidence(without), [], `without memory: ${without.rules}`);
  await h.sw.evaluate(() => NotworkMemory.clear());
  // (a save of the closing page still on its way is refused or undone: the forget wins)
  assert.equal(await poll(async () => (await stored()).authors, (n) => n === 0), 0);

  // Page A shows the account; its memory is saved (here at once; by itself a little later).
  const a = await visit('https://x.com/notwork/memory-a');
  assert.ok(await inContentScript(a, () => Notwork.engine.memorySite), 'x.com has a memory');
  const saved = await inContentScript(a, async () => Notwork.engine.saveMemory());
  assert.equal(saved.saved, true, JSON.stringify(saved));
  await a.close();
  const mem = await stored();
  assert.equal(mem.sites.length, 1);
  assert.equal(mem.sites[0].site, 'x.com');
  assert.ok(mem.sites[0].authors >= 3, `authors remembered: ${mem.sites[0].authors}`);
  // What is stored never holds the posts' text.
  const raw = await h.sw.evaluate(async () => (await chrome.storage.local.get('authorMemory:x.com'))['authorMemory:x.com'].state);
  assert.ok(!raw.includes('tram line') && !raw.includes('metrowire.example'), 'no post text in the memory');
  // Never synced.
  assert.deepEqual(Object.keys(await h.sw.evaluate(() => chrome.storage.sync.get(null))).filter((k) => k.startsWith('authorMemory')), []);

  // A fresh page B (new tab): its first batch is scored by the service worker's session,
  // which starts from the memory.
  const b = await h.open('https://x.com/notwork/memory-b');
  const first = await waitForVerdict(b, B_FEED);
  assert.ok(contextEvidence(first).length > 0, `with memory (service worker): ${first.rules}`);
  // Then the engine moves into the page; a post arriving after that is scored there, with
  // the memory imported before the replay.
  await b.waitForFunction(() => document.documentElement.dataset.notworkEngine === 'local', null, WAIT);
  await b.evaluate((p) => {
    const cell = document.querySelector('[data-testid="cellInnerDiv"]:last-child').cloneNode(true);
    const article = cell.querySelector('article');
    article.setAttribute('data-fixture', p.fixture);
    article.removeAttribute('data-notwork-label');
    for (const x of cell.querySelectorAll('notwork-badge')) x.remove();
    for (const link of cell.querySelectorAll('a[href*="/status/"]')) link.setAttribute('href', link.getAttribute('href').replace(/\d+$/, p.id));
    cell.querySelector('[data-testid="tweetText"]').textContent = p.text;
    const time = cell.querySelector('time');
    if (time) time.setAttribute('datetime', p.iso);
    document.getElementById('timeline').append(cell);
  }, next);
  const inPage = await waitForVerdict(b, next.id);
  assert.equal(await engineMode(b), 'local');
  assert.ok(contextEvidence(inPage).length > 0, `with memory (in-page engine): ${inPage.rules}`);
  assert.deepEqual(b.notworkErrors, []);
  await b.close();
  assert.deepEqual(h.blocked, []);
});

test('a page whose CSP keeps the engine in the service worker recognises the account too', async () => {
  // (after the test above: the memory holds the feed account)
  assert.ok((await stored()).authors > 0);
  const page = await h.open('https://x.com/notwork/memory-csp');
  await page.waitForFunction(() => document.documentElement.dataset.notworkEngineFallback, null, WAIT);
  const v = await waitForVerdict(page, PAGE_CSP[1].id);
  assert.equal(await engineMode(page), 'background');
  assert.ok(contextEvidence(v).length > 0, `with memory (service worker for good): ${v.rules}`);
  // Saving from the worker's session works as well, and keeps what page A left.
  const saved = await inContentScript(page, async () => Notwork.engine.saveMemory());
  assert.equal(saved.saved, true, JSON.stringify(saved));
  await page.close();
});

test('filled past its caps, the memory stays bounded (authors, bytes, sites)', async () => {
  const result = await h.sw.evaluate(async () => {
    const L = NotworkMemory.LIMITS;
    const r = await fetch(chrome.runtime.getURL('extension/generated/notwork-core.wasm'));
    const wasmBinary = new Uint8Array(await r.arrayBuffer());
    const engine = await NotworkEngine.create({ wasmBinary });
    const posts = [];
    const n = L.maxAuthors * 3;  // three times the cap on authors
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < 4; k++) {
        posts.push({ id: `f${i}-${k}`, author: `feed${i}`, site: 'x', created_at: new Date(Date.now() - 3600e3 * 24 + i * 60e3 + k * 1e3).toISOString(),
          text: `Headline number ${k} about topic ${i} https://feed${i}.example/${k}` });
      }
    }
    for (let i = 0; i < posts.length; i += 500) engine.scoreBatch(posts.slice(i, i + 500));
    const scratch = () => new NotworkEngine.Engine(engine._m);
    const state = engine.exportState(NotworkMemory.exportOptions());
    const saved = await NotworkMemory.save('x.com', state, Date.now(), scratch);
    const doc = JSON.parse((await chrome.storage.local.get('authorMemory:x.com'))['authorMemory:x.com'].state);
    // More sites than the cap: the least recently saved go.
    for (let s = 0; s < L.maxSites + 5; s++) {
      await NotworkMemory.save(`site${s}.example`, engine.exportState(Object.assign(NotworkMemory.exportOptions(), { max_authors: 2 })), Date.now(), scratch, Date.now() + s + 1);
    }
    const summary = await NotworkMemory.summary();
    engine.destroy();
    return { L, n, saved, keys: doc.authors.map((a) => a.key), summary };
  });
  const { L, n, saved, keys, summary } = result;
  assert.equal(saved.saved, true);
  assert.ok(saved.authors <= L.maxAuthors, `${saved.authors} authors`);
  assert.ok(saved.bytes <= L.maxBytes, `${saved.bytes} bytes`);
  assert.ok(saved.authors >= L.maxAuthors / 2, `a full memory, not an empty one (${saved.authors})`);
  // Least recently used dropped first: the last authors scored are the ones kept.
  assert.equal(keys[0], `x\u001f@feed${n - 1}`);
  assert.ok(!keys.includes('x\u001f@feed0'));
  assert.equal(summary.sites.length, L.maxSites);
  assert.ok(summary.sites.every((s) => s.bytes <= L.maxBytes));
  assert.ok(!summary.sites.some((s) => s.site === 'x.com' || s.site === 'site0.example'), 'the least recently saved sites went');
});

test('the options page shows what is remembered and its button forgets it', async () => {
  // Something to forget: page A again.
  await resetSettings(h.sw);
  const a = await visit('https://x.com/notwork/memory-a');
  await inContentScript(a, async () => Notwork.engine.saveMemory());
  const before = await stored();
  assert.ok(before.authors > 0);

  const options = await h.openExtensionPage('extension/options/options.html');
  await options.waitForSelector('#memory[data-ready="true"]', { timeout: 20000 });
  const summary = options.locator('#memory-summary');
  assert.equal(await summary.getAttribute('data-authors'), String(before.authors));
  assert.ok(Number(await summary.getAttribute('data-bytes')) > 0);
  assert.match(await options.locator('[data-memory-site="x.com"]').textContent(), /x\.com/);
  assert.match(await options.locator('#memory-help').textContent(), /never synced/);

  await options.locator('#memory-clear').click();
  await options.waitForSelector('#memory-summary[data-authors="0"]', { timeout: 10000 });
  assert.equal(await options.locator('[data-memory-site]').count(), 0);
  assert.equal((await stored()).authors, 0);
  assert.deepEqual(Object.keys(await h.sw.evaluate(() => chrome.storage.local.get(null))).filter((k) => k.startsWith('authorMemory:')), []);

  // The open tab forgot too: saving now writes nothing it knew before.
  const after = await inContentScript(a, async () => Notwork.engine.saveMemory());
  assert.ok(!after || after.saved === false || after.authors === 0, JSON.stringify(after));
  assert.equal((await stored()).authors, 0);
  await a.close();

  // And the next fresh page of the account has no context evidence again.
  const b = await h.open('https://x.com/notwork/memory-b');
  const v = await waitForVerdict(b, B_FEED);
  assert.deepEqual(contextEvidence(v), [], `after forgetting: ${v.rules}`);
  await b.close();
  await options.close();
});
