// The options page end to end: rules from the wasm catalogue, live effect on an open tab,
// RE2 pattern errors, import/export/reset, storage splitting and quota reporting.
// Run: node --test --test-concurrency=1 tests/e2e/surfaces-*.test.mjs
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { launch, resetSettings, settle } from './harness.mjs';
import { SURFACE_PAGES, serveSurfaces, syncStorage, SCREENSHOTS, shotPath } from './surfaces-lib.mjs';

let browser;
test.before(async () => {
  browser = await launch({ viewport: { width: 1280, height: 900 } });
  serveSurfaces(browser);
});
test.after(async () => { if (browser) await browser.close(); });
test.beforeEach(async () => { await resetSettings(browser.sw); });

async function openOptions() {
  const page = await browser.openExtensionPage('extension/options/options.html');
  page.notworkErrors = [];
  page.on('pageerror', (e) => page.notworkErrors.push(String(e)));
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
  return page;
}
const catalogue = (page) => page.evaluate(async () => (await NotworkPages.engine()).catalogue());
const waitSaved = (page) => page.waitForSelector('#status[data-kind="ok"]', { timeout: 10000 });
const stored = () => browser.sw.evaluate(() => NotworkSettings.load());
/** Moves a range input like a user would (Playwright cannot fill ranges). */
const setRange = (page, sel, value) => page.locator(sel).evaluate((el, v) => { el.value = v; el.dispatchEvent(new Event('input', { bubbles: true })); }, String(value));
const file = (name, text) => ({ name, mimeType: 'application/json', buffer: Buffer.from(text) });

test('every catalogue rule is listed with its id, principle, description, weight and switch', async () => {
  const page = await openOptions();
  const cat = await catalogue(page);
  assert.ok(cat.rules.length > 10);
  assert.equal(await page.locator('tr[data-rule-row]').count(), cat.rules.length);
  for (const r of cat.rules.slice(0, 8)) {
    const row = page.locator(`tr[data-rule-row="${r.id}"]`);
    assert.equal(await row.locator('code.rid').textContent(), r.id);
    assert.equal(await row.locator('.desc').textContent(), r.description);
    assert.equal(Number(await row.locator(`[data-rule-weight="${r.id}"]`).inputValue()), Math.round(r.weight * 100) / 100);
    assert.equal(await row.locator(`input[data-rule="${r.id}"]`).isChecked(), true);
  }
  const principles = new Set(cat.rules.map((r) => r.principle));
  assert.equal(await page.locator('tr.group').count(), principles.size);
  // Thresholds per badge label, per-site switches.
  for (const l of ['autofeed', 'pure_promo', 'genuine_share']) assert.equal(await page.locator(`[data-threshold="${l}"]`).count(), 1);
  assert.equal(await page.locator('[data-site]').count(), 7);
  // Every site with an adapter can be switched off, by its name (Reddit and LinkedIn too).
  assert.deepEqual(await page.locator('#sites-body label.site').allTextContents(), ['X', 'Mastodon', 'Bluesky', 'YouTube', 'WordPress blogs', 'Reddit', 'LinkedIn']);
  assert.deepEqual(page.notworkErrors, []);
  await page.close();
});

test('weights changed in the options page change the badges of an open tab without a reload', async () => {
  const tab = await browser.open(SURFACE_PAGES.xProfile.url);
  await settle(tab);
  await tab.evaluate(() => { window.__sameDocument = true; });
  const count = () => tab.evaluate(() => document.querySelectorAll('[data-notwork-label="autofeed"]').length);
  const before = await count();
  assert.ok(before > 0, 'the profile fixture has autofeed badges by default');

  const page = await openOptions();
  const cat = await catalogue(page);
  for (const r of cat.rules.filter((x) => x.label === 'autofeed')) {
    await page.locator(`[data-rule-weight="${r.id}"]`).fill('0');
  }
  await waitSaved(page);
  await tab.waitForFunction(() => document.querySelectorAll('[data-notwork-label="autofeed"]').length === 0, null, { timeout: 10000 });
  assert.equal(await tab.evaluate(() => window.__sameDocument), true, 'no reload happened');

  // Back to the defaults: the badges come back, still without a reload. (A rule whose default
  // weight is already 0, as the fitted weights give some, has nothing to go back to: no button.)
  for (const r of cat.rules.filter((x) => x.label === 'autofeed' && x.weight !== 0)) {
    await page.locator(`tr[data-rule-row="${r.id}"] td.weight button.link`).click();
  }
  await waitSaved(page);
  await tab.waitForFunction((n) => document.querySelectorAll('[data-notwork-label="autofeed"]').length === n, before, { timeout: 10000 });
  assert.equal(await tab.evaluate(() => window.__sameDocument), true);
  await page.close();
  await tab.close();
});

test('a bad pattern shows RE2\'s own error inline and leaves the stored settings unchanged', async () => {
  const page = await openOptions();
  const before = await syncStorage(browser.sw);
  await page.click('#add-pattern');
  const input = page.locator('input.pattern').last();
  await input.fill('(?i)limited (offer');
  const expected = await page.evaluate(async () => (await NotworkPages.engine()).validatePattern('(?i)limited (offer').error);
  assert.match(expected, /missing \)/, 'RE2 reports the missing parenthesis');
  const shown = page.locator('[data-pattern-error]').last();
  assert.equal(await shown.textContent(), expected);
  assert.equal(await input.getAttribute('aria-invalid'), 'true');
  assert.match(await page.locator('#status').textContent(), /Not saved/);
  await page.waitForTimeout(900); // longer than the save delay
  assert.deepEqual(await syncStorage(browser.sw), before);

  // Fixed: saved, and the playground (unsaved settings too) uses it at once.
  await input.fill('(?i)limited offer');
  assert.equal(await shown.textContent(), '');
  await waitSaved(page);
  const s = await stored();
  assert.equal(s.core.patterns.length, 1);
  assert.equal(s.core.patterns[0].pattern, '(?i)limited offer');
  await page.fill('#pg-text', 'LIMITED OFFER for my followers: my ebook, today only');
  await page.waitForFunction(() => document.querySelector('#pg-reasons').textContent.includes('my-1'), null, { timeout: 5000 });
  await page.close();
});

test('a bad import file lists its problems and changes nothing; malformed JSON and future schemas too', async () => {
  const page = await openOptions();
  await page.locator('[data-rule-weight]').first().fill('2.5');
  await waitSaved(page);
  const before = await syncStorage(browser.sw);

  const bad = { schema: 1, core: { rules: { 'P99.nope': { weight: 1 } }, thresholds: { autofeed: 'high' }, patterns: [{ id: 'x', pattern: '(unclosed', label: 'pure_promo' }] }, sites: { x: 'yes' }, blogs: ['not a host'] };
  await page.setInputFiles('#import-file', file('bad.json', JSON.stringify(bad)));
  await page.waitForSelector('#import-errors li');
  const problems = await page.locator('#import-errors li').allTextContents();
  const all = problems.join('\n');
  assert.ok(problems.length >= 4, all);
  assert.match(all, /P99\.nope/);
  assert.match(all, /missing \)/);
  assert.match(all, /\/sites\/x/);
  assert.match(all, /not a host/);
  assert.deepEqual(await syncStorage(browser.sw), before);
  assert.equal(await page.locator('[data-rule-weight]').first().inputValue(), '2.5');

  await page.setInputFiles('#import-file', file('broken.json', '{"schema": 1, "core": {'));
  await page.waitForFunction(() => /not valid JSON/.test(document.querySelector('#import-errors').textContent));
  await page.setInputFiles('#import-file', file('future.json', JSON.stringify({ schema: 7 })));
  await page.waitForFunction(() => /newer Notwork \(schema 7\)/.test(document.querySelector('#import-errors').textContent));
  assert.deepEqual(await syncStorage(browser.sw), before);
  await page.close();
});

test('export → reset → import round-trips every setting', async () => {
  const page = await openOptions();
  const cat = await catalogue(page);
  const rule = cat.rules[0].id;
  await page.locator(`[data-rule-weight="${rule}"]`).fill('2.25');
  await page.locator(`input[data-rule="${cat.rules[1].id}"]`).uncheck();
  await page.locator('[data-site="youtube"]').uncheck();
  await page.click('#add-pattern');
  await page.locator('input.pattern').last().fill('(?i)\\bdm me\\b');
  await waitSaved(page);
  const mine = await stored();

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
  const text = fs.readFileSync(await download.path(), 'utf8');
  assert.deepEqual(JSON.parse(text), mine);

  await page.click('#reset');
  await page.click('#reset-confirm');
  await page.waitForFunction(() => /reset to the defaults/.test(document.querySelector('#status').textContent));
  const defaults = await browser.sw.evaluate(() => NotworkSettings.defaults());
  assert.deepEqual(await stored(), defaults);
  assert.equal(Number(await page.locator(`[data-rule-weight="${rule}"]`).inputValue()), Math.round(cat.rules[0].weight * 100) / 100);
  assert.equal(await page.locator('[data-site="youtube"]').isChecked(), true);
  assert.equal(await page.locator('input.pattern').count(), 0);

  await page.setInputFiles('#import-file', file('notwork-settings.json', text));
  await page.waitForFunction(() => /Imported/.test(document.querySelector('#status').textContent));
  assert.deepEqual(await stored(), mine);
  assert.equal(await page.locator(`[data-rule-weight="${rule}"]`).inputValue(), '2.25');
  assert.equal(await page.locator('[data-site="youtube"]').isChecked(), false);
  assert.equal(await page.locator('input.pattern').inputValue(), '(?i)\\bdm me\\b');
  await page.close();
});

test('reset asks first: cancelling keeps everything', async () => {
  const page = await openOptions();
  await page.locator('[data-site="x"]').uncheck();
  await waitSaved(page);
  await page.click('#reset');
  await page.click('#reset-dialog button[value="cancel"]');
  await page.waitForTimeout(300);
  assert.equal((await stored()).sites.x, false);
  await page.close();
});

test('settings larger than one sync item are split across keys; too large is refused with a message', async () => {
  const page = await openOptions();
  const res = await page.evaluate(async () => {
    const s = await NotworkSettings.load();
    s.core.patterns = Array.from({ length: 40 }, (_, i) => ({ id: 'p' + i, pattern: '(?i)' + 'special offer number '.repeat(12) + i, label: 'pure_promo', weight: 1 }));
    return NotworkSettings.save(s, await NotworkPages.engine());
  });
  assert.deepEqual(res, { ok: true, errors: [] });
  const raw = await syncStorage(browser.sw);
  const chunks = Object.keys(raw).filter((k) => k.startsWith(`settings.${raw.settings.gen}.`)); // one generation's chunks (settings.js)
  assert.ok(chunks.length >= 2, `split into ${chunks.length} items`);
  for (const [k, v] of Object.entries(raw)) assert.ok(k.length + JSON.stringify(v).length <= 8192, `${k} fits one sync item`);
  assert.equal((await stored()).core.patterns.length, 40);

  const before = await syncStorage(browser.sw);
  const big = await page.evaluate(async () => {
    const s = await NotworkSettings.load();
    s.core.patterns = Array.from({ length: 500 }, (_, i) => ({ id: 'q' + i, pattern: '(?i)' + 'x'.repeat(200) + i, label: 'pure_promo', weight: 1 }));
    return NotworkSettings.save(s);
  });
  assert.equal(big.ok, false);
  assert.match(big.errors[0].message, /too large for browser sync storage/);
  assert.deepEqual(await syncStorage(browser.sw), before);
  // Back to a small document: the stale chunks are removed.
  await browser.sw.evaluate(() => NotworkSettings.reset());
  const after = await syncStorage(browser.sw);
  assert.deepEqual(Object.keys(after), ['settings']);
  await page.close();
});

test('playground scores pasted text live with the current (unsaved too) settings', async () => {
  const page = await openOptions();
  await page.fill('#pg-text', 'New post: 10 tips for growth https://myblog.example/tips #rss');
  await page.waitForFunction(() => document.querySelector('#pg-label').dataset.label);
  const label = await page.locator('#pg-label').getAttribute('data-label');
  assert.equal(label, 'autofeed');
  assert.ok(await page.locator('#pg-reasons li').count() > 0);
  // Raise the autofeed threshold to the top: the playground follows at once.
  await setRange(page, '[data-threshold="autofeed"]', 1);
  await page.waitForFunction(() => document.querySelector('#pg-label').dataset.label !== 'autofeed');
  if (SCREENSHOTS) {
    await setRange(page, '[data-threshold="autofeed"]', 0.6);
    await waitSaved(page);
    await page.evaluate(() => { document.activeElement.blur(); window.scrollTo(0, 0); });
    await page.waitForTimeout(300);
    await page.screenshot({ path: shotPath('options.png') });
  }
  await page.close();
});

test('adding a Mastodon instance asks for that origin and turns Notwork on there; bad hosts are refused', async () => {
  const page = await openOptions();
  await page.fill('#instance-input', 'not a host!');
  await page.click('#instance-form button[type="submit"]');
  assert.match(await page.locator('#instance-error').textContent(), /not a host name/);
  assert.deepEqual((await stored()).mastodonInstances, ['mastodon.social']);

  // The test copy of the extension pre-grants this origin (a test cannot click Chromium's
  // prompt), so chrome.permissions.request answers at once, as after a user's "Allow".
  await page.fill('#instance-input', 'https://Hachyderm.io/@someone');
  await page.click('#instance-form button[type="submit"]');
  await page.waitForFunction(() => [...document.querySelectorAll('#instance-list .host')].some((e) => e.textContent === 'hachyderm.io'));
  await waitSaved(page);
  assert.deepEqual((await stored()).mastodonInstances, ['mastodon.social', 'hachyderm.io']);
  await page.fill('#instance-input', 'hachyderm.io');
  await page.click('#instance-form button[type="submit"]');
  assert.match(await page.locator('#instance-error').textContent(), /already in the list/);

  const tab = await browser.open('mastodon2');
  await settle(tab);
  assert.ok(await tab.locator('[data-notwork-label]').count() > 0, 'badges on the newly enabled instance');
  await tab.close();

  await page.locator('#instance-list li', { hasText: 'hachyderm.io' }).locator('button').click();
  await waitSaved(page);
  assert.deepEqual((await stored()).mastodonInstances, ['mastodon.social']);
  await page.close();
});
