// The popup's self-audit end to end: the X profile fixture in a tab, the popup page opened
// with ?tab=<id> (tests cannot click the toolbar button), and the native CLI as the referee.
// Run: node --test --test-concurrency=1 tests/e2e/surfaces-*.test.mjs
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { launch, resetSettings } from './harness.mjs';
import { SURFACE_PAGES, serveSurfaces, tabIdOf, cliPath, fixturePath, SCREENSHOTS, shotPath } from './surfaces-lib.mjs';

let browser;
test.before(async () => {
  browser = await launch({ viewport: { width: 420, height: 1400 } });
  serveSurfaces(browser);
  await resetSettings(browser.sw);
});
test.after(async () => { if (browser) await browser.close(); });

async function openPopupFor(url) {
  const page = await browser.open(url, { waitForEngine: false });
  const tab = await tabIdOf(browser.sw, url);
  assert.ok(tab, 'the fixture tab is found');
  const popup = await browser.openExtensionPage(`extension/popup/popup.html?tab=${tab}`);
  return { page, popup };
}

/** The same wasm core in Node (for the rule catalogue). */
async function nodeEngine() {
  const require = createRequire(import.meta.url);
  const { ROOT } = await import('./harness.mjs');
  const NotworkEngine = require(path.join(ROOT, 'extension/generated/notwork.js'));
  return NotworkEngine.create({ wasmBinary: fs.readFileSync(path.join(ROOT, 'extension/generated/notwork-core.wasm')) });
}

const readScore = (popup) => popup.locator('[data-notwork-audit-score]').getAttribute('data-notwork-audit-score');

test('profile audit: the popup score equals `notwork audit --json` on the same posts', async () => {
  const { page, popup } = await openPopupFor(SURFACE_PAGES.xProfile.url);
  await popup.waitForSelector('[data-notwork-audit-score]', { timeout: 20000 });
  const shown = Number(await readScore(popup));
  assert.ok(shown >= 0 && shown <= 100);

  // The posts the popup audited, through the real "Export JSON" download.
  const [download] = await Promise.all([popup.waitForEvent('download'), popup.click('#export-json')]);
  const exported = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  const source = fs.readFileSync(fixturePath('sites/x/profile.posts.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(exported.site, 'x');
  assert.equal(exported.handle, 'maya_writes');
  assert.equal(exported.posts.length, source.length, 'every post of the profile was collected');
  assert.deepEqual(exported.posts.map((p) => p.id).sort(), source.map((p) => p.id).sort());
  assert.equal(Math.round(exported.report.score), shown);

  // The same posts through the native CLI: the same report, so the same score.
  const cli = cliPath();
  assert.ok(cli, 'the native CLI is built (./dev build)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'notwork-audit-'));
  const file = path.join(dir, 'posts.jsonl');
  fs.writeFileSync(file, exported.posts.map((p) => JSON.stringify(p)).join('\n') + '\n');
  const native = JSON.parse(execFileSync(cli, ['audit', '--json', file], { encoding: 'utf8' }));
  fs.rmSync(dir, { recursive: true, force: true });
  assert.equal(native.score, exported.report.score);
  assert.equal(Math.round(native.score), shown);
  assert.deepEqual(native.breakdown, exported.report.breakdown);
  assert.deepEqual(native.figures, exported.report.figures);
  assert.deepEqual(native.label_mix, exported.report.label_mix);

  // What the user sees: breakdown, the six figures, a chart per day, three suggestions.
  assert.equal(await popup.locator('#breakdown tbody tr').count(), exported.report.breakdown.length);
  const figures = await popup.locator('#figures dt .pid').allTextContents();
  assert.deepEqual(figures, ['P1', 'P2', 'P8', 'P9', 'P12', 'P14']);
  assert.equal(await popup.locator('#activity svg g').count(), exported.report.activity.length);
  assert.ok(exported.report.activity.length >= 5, 'the fixture spans several days');
  assert.equal(await popup.locator('#suggestions li').count(), exported.report.suggestions.length);
  assert.equal(exported.report.suggestions.length, 3);

  // Markdown export carries the same score and suggestions.
  const [md] = await Promise.all([popup.waitForEvent('download'), popup.click('#export-md')]);
  const text = fs.readFileSync(await md.path(), 'utf8');
  assert.match(text, new RegExp(`\\*\\*Score: ${shown}/100\\*\\*`));
  for (const s of exported.report.suggestions) assert.ok(text.includes(s.text));
  assert.ok(md.suggestedFilename().endsWith('.md'));

  if (SCREENSHOTS) await popup.locator('body').screenshot({ path: shotPath('popup.png') });

  // "Scroll for more posts": progress while gathering, then the same 30 posts re-audited.
  await popup.click('#more');
  await popup.waitForSelector('#progress:not([hidden])');
  assert.match(await popup.locator('#progress').textContent(), /\d+ posts gathered/);
  await popup.waitForSelector('#progress[hidden]', { state: 'attached', timeout: 15000 });
  assert.equal(Number(await readScore(popup)), shown);
  assert.match(await popup.locator('#posts-line').textContent(), /30 visible posts/);
  assert.equal(await page.evaluate(() => window.scrollY), 0, 'the page is scrolled back where it was');
  await popup.close();
  await page.close();
});

test('the popup audit follows the scoring settings (same engine, same config as the badges)', async () => {
  const { page, popup } = await openPopupFor(SURFACE_PAGES.xProfile.url);
  await popup.waitForSelector('[data-notwork-audit-score]');
  const [download] = await Promise.all([popup.waitForEvent('download'), popup.click('#export-json')]);
  const exported = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  const autofeedRules = (await nodeEngine()).catalogue().rules.filter((r) => r.label === 'autofeed').map((r) => r.id);
  await popup.close();
  // With every autofeed rule switched off, no post is labelled autofeed any more.
  await browser.sw.evaluate(async (ids) => {
    const s = await NotworkSettings.load();
    s.core.rules = Object.fromEntries(ids.map((id) => [id, { enabled: false }]));
    const r = await NotworkSettings.save(s);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
  }, autofeedRules);
  const again = await browser.openExtensionPage(`extension/popup/popup.html?tab=${await tabIdOf(browser.sw, SURFACE_PAGES.xProfile.url)}`);
  await again.waitForSelector('[data-notwork-audit-score]');
  const [d2] = await Promise.all([again.waitForEvent('download'), again.click('#export-json')]);
  const second = JSON.parse(fs.readFileSync(await d2.path(), 'utf8'));
  assert.ok(exported.report.label_mix.autofeed > 0, 'the fixture has autofeed posts by default');
  assert.equal(second.report.label_mix.autofeed, 0);
  await resetSettings(browser.sw);
  await again.close();
  await page.close();
});

test('a supported site that is not a profile page says so', async () => {
  const { page, popup } = await openPopupFor(SURFACE_PAGES.xCompose.url);
  await popup.waitForSelector('#unsupported:not([hidden])');
  assert.match(await popup.locator('#unsupported-title').textContent(), /This X page is not a profile/);
  assert.equal(await popup.locator('[data-notwork-audit-score]').count(), 0);
  await popup.close();
  await page.close();
});

test('an unsupported page lists the sites and pages Notwork audits', async () => {
  // A page on a host Notwork is not enabled for (no content script runs there).
  const url = 'https://blog.example.org/about/';
  browser.serve(url, { body: '<!doctype html><title>About</title><h1>About this blog</h1>', contentType: 'text/html' });
  const { page, popup } = await openPopupFor(url);
  await popup.waitForSelector('#unsupported:not([hidden])');
  assert.match(await popup.locator('#unsupported-title').textContent(), /Nothing to audit here/);
  const sites = await popup.locator('#unsupported .sites li').allTextContents();
  assert.equal(sites.length, 3);
  assert.match(sites.join(' '), /x\.com\/handle/);
  assert.match(sites.join(' '), /Mastodon/);
  await popup.close();
  await page.close();
});
