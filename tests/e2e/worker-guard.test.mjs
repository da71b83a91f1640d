// Bounded messages and a worker that recovers (issue 13), on the real service worker:
// - the router refuses batches over its caps and cuts every post to the core's caps;
// - "which of these links were opened?" answers per link, bounded, and never hands over the list;
// - after a trap in the worker's wasm core the failing batch gets an error reply (not a hang),
//   the module is rebuilt, the next batch is scored (fresh: true), and a tab scoring through the
//   worker badges its new posts again, the failed ones included.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, settle, resetSettings } from './harness.mjs';

let h;
let ext; // an extension page: it talks to the worker like a content script does
before(async () => {
  h = await launch();
  ext = await h.openExtensionPage('extension/options/options.html');
  await ext.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 20000 });
});
after(async () => { if (h) await h.close(); });

const send = (msg) => ext.evaluate((m) => chrome.runtime.sendMessage(m), msg);
const FEED = (i) => ({ text: `New post: Weekly digest ${i}… https://dailywire-feed.example/2026/03/digest-${i} #rss`, author: 'dailywire_feed', site: 'x', created_at: '2026-03-14T09:00:00Z' });
const within = (p, ms, what) => Promise.race([p, new Promise((_, rej) => setTimeout(() => rej(new Error(`${what}: no answer in ${ms} ms (a hang)`)), ms))]);

test('the router refuses batches over its caps and cuts oversized posts to the core\'s caps', async () => {
  const ok = await send({ type: 'notwork:score', posts: Array.from({ length: 200 }, (_, i) => FEED(i)), reset: true });
  assert.equal(ok.results.length, 200);
  const tooMany = await send({ type: 'notwork:score', posts: Array.from({ length: 201 }, (_, i) => FEED(i)) });
  assert.match(tooMany.error, /too many posts in one message \(201; at most 200\)/);
  const audit = await send({ type: 'notwork:audit-posts', posts: Array.from({ length: 1001 }, (_, i) => FEED(i)) });
  assert.match(audit.error, /at most 1000/);
  assert.match((await send({ type: 'notwork:score', posts: 'nope' })).error, /posts must be a list/);
  // A 1 MB post is scored as its first 16 KiB, exactly like a 16 KiB post.
  const huge = { ...FEED(1), text: FEED(1).text + ' ' + 'lorem ipsum '.repeat(90000) };
  const cut = { ...huge, text: huge.text.slice(0, 16384) };
  const [a] = (await send({ type: 'notwork:score', posts: [huge], reset: true })).results;
  const [b] = (await send({ type: 'notwork:score', posts: [cut], reset: true })).results;
  assert.deepEqual(a, b);
  assert.match((await send({ type: 'notwork:dismiss-rules', rules: Array.from({ length: 65 }, (_, i) => 'P3.r' + i) })).error, /too many rules/);
  assert.equal((await send({ type: 'notwork:mute', author: 'x:' + 'a'.repeat(300) })).ok, false);
});

test('"which of these links were opened?" answers per link and stays bounded', async () => {
  await resetSettings(h.sw);
  await h.sw.evaluate(() => NotworkSettings.recordOpenedLink('https://www.example.org/read/this?utm_source=x'));
  const { opened } = await send({ type: 'notwork:links-opened', urls: ['https://example.org/read/this', 'https://example.org/not/this', 42] });
  assert.deepEqual(opened, [true, false, false]);
  const many = await send({ type: 'notwork:links-opened', urls: Array.from({ length: 500 }, () => 'https://example.org/read/this') });
  assert.equal(many.opened.length, 64);
});

test('a trap in the worker\'s core: the failing batch gets an error, the module is rebuilt, scoring goes on', async () => {
  const first = await send({ type: 'notwork:score', posts: [FEED(1), FEED(2)], reset: true });
  assert.equal(first.results[1].label, 'autofeed');
  const restarts = await h.sw.evaluate(() => Notwork.engineHost.restarts());
  // Corrupt the live module's memory the way a memory-safety bug would: every pointer it
  // reads is now out of bounds, so its next call traps (WebAssembly.RuntimeError).
  await h.sw.evaluate(async () => { const m = await Notwork.engineHost.currentModule(); m.HEAPU8.fill(0xff); });
  const failed = await within(send({ type: 'notwork:score', posts: [FEED(3)] }), 10000, 'the failing batch');
  assert.match(failed.error, /failed on this batch and was restarted/);
  assert.equal(await h.sw.evaluate(() => Notwork.engineHost.restarts()), restarts + 1);
  const next = await within(send({ type: 'notwork:score', posts: [FEED(4), FEED(5)] }), 20000, 'the next batch');
  assert.equal(next.fresh, true, 'a new session: the tab knows to rebuild its context');
  assert.deepEqual(next.results.map((r) => r.label), ['autofeed', 'autofeed']);
  // The audit and configure paths run on the rebuilt module as well.
  assert.equal((await send({ type: 'notwork:audit-posts', posts: [FEED(6), FEED(7)] })).report.posts, 2);
});

test('a tab scoring through the worker badges its posts again after the worker\'s core trapped', async () => {
  const page = await h.open('csp'); // the page's CSP forbids WebAssembly: every batch goes to the worker
  await settle(page);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.notworkEngine), 'background');
  const before = await page.evaluate(() => document.querySelectorAll('[data-notwork-label]').length);
  assert.ok(before >= 3);
  await h.sw.evaluate(async () => { const m = await Notwork.engineHost.currentModule(); m.HEAPU8.fill(0xff); });
  const restarts = await h.sw.evaluate(() => Notwork.engineHost.restarts());
  // New posts arrive (copies of badged ones under new status ids): the first batch fails.
  await page.evaluate(() => {
    const cells = [...document.querySelectorAll('[data-testid="cellInnerDiv"]')].filter((c) => c.querySelector('[data-notwork-label]')).slice(0, 3);
    cells.forEach((c, i) => {
      const copy = c.cloneNode(true);
      for (const b of copy.querySelectorAll('notwork-badge')) b.remove();
      const art = copy.querySelector('article');
      art.removeAttribute('data-notwork-label');
      art.setAttribute('data-fixture', 'copy-' + i);
      for (const a of copy.querySelectorAll('a[href*="/status/"]')) a.setAttribute('href', a.getAttribute('href').replace(/\/status\/\d+/, '/status/19999999999999999' + i));
      document.querySelector('#timeline').append(copy);
    });
  });
  await page.waitForFunction(() => document.querySelectorAll('[data-fixture^="copy-"][data-notwork-label]').length === 3, null, { timeout: 20000 });
  assert.ok(await h.sw.evaluate(() => Notwork.engineHost.restarts()) > restarts, 'the core was rebuilt on the way');
  assert.equal(await page.evaluate(() => document.querySelectorAll('[data-notwork-label]').length), before + 3);
  await page.close();
});
