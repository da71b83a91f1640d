// Settings and per-author muting apply to the open tab at once, without a reload, and persist.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, setSettings, settle, readPosts, openBadge, clickInShadow } from './harness.mjs';

let h;
before(async () => { h = await launch(); });
after(async () => { if (h) await h.close(); });

const labelled = async (page) => (await readPosts(page)).filter((p) => p.label).map((p) => p.fixture).sort();

test('"Don\'t badge this account" hides the author at once and is remembered', async () => {
  const page = await h.open('x');
  await settle(page);
  const before = await labelled(page);
  const feed = ['x-autofeed-1', 'x-autofeed-2', 'x-autofeed-3'];
  for (const f of feed) assert.ok(before.includes(f), `${f} is badged before muting`);
  await openBadge(page, 'x-autofeed-2');
  await clickInShadow(page, '[data-fixture="x-autofeed-2"] notwork-badge', 'button.mute');
  await page.waitForFunction(() => !document.querySelector('[data-fixture^="x-autofeed"] notwork-badge'));
  const after = await labelled(page);
  assert.deepEqual(after, before.filter((f) => !feed.includes(f)), 'only that account lost its badges');
  const stored = await h.sw.evaluate(async () => (await chrome.storage.local.get('mutedAuthors')).mutedAuthors);
  assert.deepEqual(stored, { 'x:dailytechwire': true });

  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.notworkEngine);
  await settle(page);
  assert.deepEqual(await labelled(page), after, 'still muted after a reload');

  // Un-muting (as the options page does) brings the badges back in the open tab.
  await h.sw.evaluate(() => chrome.storage.local.set({ mutedAuthors: {} }));
  await page.waitForFunction(() => document.querySelectorAll('[data-fixture^="x-autofeed"] notwork-badge').length === 3);
  assert.deepEqual(await labelled(page), before);
  await page.close();
});

test('switching a site off removes its badges in open tabs; on brings them back', async () => {
  const page = await h.open('bluesky');
  await settle(page);
  const before = await labelled(page);
  assert.ok(before.length >= 3);
  await setSettings(h.sw, { sites: { bluesky: false } });
  await page.waitForFunction(() => !document.querySelector('notwork-badge') && !document.querySelector('[data-notwork-label]'));
  await setSettings(h.sw, { sites: { bluesky: true } });
  await page.waitForFunction((n) => document.querySelectorAll('[data-notwork-label]').length === n, before.length);
  assert.deepEqual(await labelled(page), before);
  await page.close();
});

test('Reddit and LinkedIn are switched off and on in the options page like the other sites', async () => {
  const { SITE_PAGES, serveSitePages } = await import('../fixtures/pages.mjs');
  const { FIXTURES } = await import('./harness.mjs');
  await serveSitePages(h, FIXTURES);
  for (const [name, site] of [['redditThread', 'reddit'], ['linkedinFeed', 'linkedin']]) {
    const page = await h.open(SITE_PAGES[name].url);
    await settle(page);
    const before = await labelled(page);
    assert.ok(before.length >= 1, `${name} has badges`);
    const options = await h.openExtensionPage('extension/options/options.html');
    await options.waitForFunction(() => document.body.dataset.ready === 'true');
    await options.locator(`[data-site="${site}"]`).uncheck();
    await options.waitForSelector('#status[data-kind="ok"]');
    assert.equal((await h.sw.evaluate(() => NotworkSettings.load())).sites[site], false, `${site} is off in storage`);
    await page.bringToFront();
    await page.waitForFunction(() => !document.querySelector('notwork-badge') && !document.querySelector('[data-notwork-label]'));
    await options.bringToFront();
    await options.locator(`[data-site="${site}"]`).check();
    await page.bringToFront();
    await page.waitForFunction((n) => document.querySelectorAll('[data-notwork-label]').length === n, before.length);
    assert.deepEqual(await labelled(page), before);
    await options.close();
    await page.close();
  }
});

test('raising thresholds re-scores the open tab without a reload; lowering restores', async () => {
  const page = await h.open('x');
  await settle(page);
  const before = await labelled(page);
  const scoredBefore = Number(await page.evaluate(() => document.documentElement.dataset.notworkScored));
  await setSettings(h.sw, { core: { thresholds: { autofeed: 1, pure_promo: 1, genuine_share: 1 } } });
  await page.waitForFunction((n) => Number(document.documentElement.dataset.notworkScored) > n, scoredBefore);
  await settle(page);
  const strict = await labelled(page);
  assert.ok(strict.length < before.length, `fewer badges with thresholds at 1 (${strict.length} < ${before.length})`);
  await h.sw.evaluate(async () => { // back to the default configuration
    const cur = await NotworkSettings.load();
    await NotworkSettings.save({ ...cur, core: { version: 1 } });
  });
  await page.waitForFunction((n) => document.querySelectorAll('[data-notwork-label]').length === n, before.length);
  assert.deepEqual(await labelled(page), before);
  await page.close();
});
