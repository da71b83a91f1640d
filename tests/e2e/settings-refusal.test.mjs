// Settings are never lost (issue 13), in the browser's own chrome.storage.sync:
// - while the stored document has a newer schema or a chunk is missing, the options page says
//   why, saves nothing (an edit is refused, the stored bytes stay), and exports what is stored;
// - a tab's "Don't show this again" is refused the same way (through the service worker);
// - two writers at once (the options page and the service worker) lose no change.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { launch, resetSettings } from './harness.mjs';

let h;
before(async () => { h = await launch(); });
after(async () => { if (h) await h.close(); });

const sync = () => h.sw.evaluate(() => chrome.storage.sync.get(null));
async function openOptions() {
  const page = await h.openExtensionPage('extension/options/options.html');
  page.notworkErrors = [];
  page.on('pageerror', (e) => page.notworkErrors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') page.notworkErrors.push(m.text()); });
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
  return page;
}

test('a newer schema from another device: the options page says why, saves nothing, exports it as it is', async () => {
  await resetSettings(h.sw);
  const newer = { schema: 2, core: { version: 1, thresholds: { autofeed: 0.7 } }, blogs: ['blog.example.org'], futureFeature: { on: true } };
  await h.sw.evaluate((d) => chrome.storage.sync.set({ settings: d }), newer);
  const before = await sync();
  const page = await openOptions();
  const banner = page.locator('#store-problem');
  await banner.waitFor({ state: 'visible' });
  assert.match(await banner.textContent(), /newer Notwork \(schema 2\).*saves nothing/s);
  assert.equal(await banner.getAttribute('data-kind'), 'newer');

  // An edit (nudges off) is refused: the status says so and the stored bytes stay.
  await page.click('#nudges-enabled');
  await page.waitForSelector('#status[data-kind="error"]', { timeout: 10000 });
  assert.match(await page.textContent('#status'), /not saved: .*newer Notwork/i);
  assert.deepEqual(await sync(), before);

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#store-problem-export')]);
  assert.deepEqual(JSON.parse(fs.readFileSync(await download.path(), 'utf8')), newer, 'the export is the stored document itself');
  assert.deepEqual(page.notworkErrors, []);
  await page.close();
});

test('a chunk still syncing: nothing saved over it, a tab\'s dismissal is refused; once it arrives all is back', async () => {
  await resetSettings(h.sw);
  const mine = await h.sw.evaluate(async () => {
    const s = NotworkSettings.defaults();
    s.core.patterns = Array.from({ length: 40 }, (_, i) => ({ id: 'p' + i, pattern: '(?i)' + 'special offer number '.repeat(12) + i, label: 'pure_promo', weight: 1 }));
    const res = await NotworkSettings.save(s);
    if (!res.ok) throw new Error(JSON.stringify(res.errors));
    return s;
  });
  const full = await sync();
  const { gen } = full.settings;
  const missing = `settings.${gen}.1`;
  await h.sw.evaluate((k) => chrome.storage.sync.remove(k), missing);
  const before = await sync();

  const page = await openOptions();
  await page.locator('#store-problem').waitFor({ state: 'visible' });
  assert.match(await page.textContent('#store-problem'), /chunk 2 of \d+ is missing/);
  await page.click('#nudges-enabled');
  await page.waitForSelector('#status[data-kind="error"]', { timeout: 10000 });
  assert.deepEqual(await sync(), before, 'the defaults shown were not written over the user\'s settings');

  // A tab's "Don't show this again" goes through the worker: refused too.
  const ext = await h.openExtensionPage('extension/popup/popup.html');
  const res = await ext.evaluate(() => chrome.runtime.sendMessage({ type: 'notwork:dismiss-rules', rules: ['P3.feed_footprint'] }));
  assert.equal(res.ok, false);
  assert.equal(res.refused, true);
  assert.deepEqual(await sync(), before);

  // The chunk arrives: the page takes the real settings, the banner goes, saving works again.
  await h.sw.evaluate(([k, v]) => chrome.storage.sync.set({ [k]: v }), [missing, full[missing]]);
  await page.locator('#store-problem').waitFor({ state: 'hidden' });
  const loaded = await h.sw.evaluate(() => NotworkSettings.load());
  assert.equal(loaded.core.patterns.length, mine.core.patterns.length);
  const again = await ext.evaluate(() => chrome.runtime.sendMessage({ type: 'notwork:dismiss-rules', rules: ['P3.feed_footprint'] }));
  assert.equal(again.ok, true, JSON.stringify(again));
  const after = await h.sw.evaluate(() => NotworkSettings.load());
  assert.deepEqual(after.nudges.dismissedRules, ['P3.feed_footprint']);
  assert.equal(after.core.patterns.length, 40, 'the user\'s patterns survived');
  await ext.close();
  await page.close();
});

test('two writers at once (an extension page and the service worker): no change is lost', async () => {
  await resetSettings(h.sw);
  const ext = await openOptions();
  const ids = (p) => Array.from({ length: 15 }, (_, i) => `${p}.concurrent_${i}`);
  const [a, b] = await Promise.all([
    ext.evaluate((rules) => Promise.all(rules.map((r) => NotworkSettings.dismissRules([r]))), ids('P3')),
    h.sw.evaluate((rules) => Promise.all(rules.map((r) => NotworkSettings.dismissRules([r]))), ids('P8')),
  ]);
  assert.ok([...a, ...b].every((r) => r.ok), JSON.stringify([...a, ...b].filter((r) => !r.ok)));
  const stored = await h.sw.evaluate(() => NotworkSettings.load());
  assert.deepEqual([...stored.nudges.dismissedRules].sort(), [...ids('P3'), ...ids('P8')].sort());
  await ext.close();
});
