// Real Firefox with the Firefox package: compose nudges, the popup's self-audit and the options
// page, the same assertions as the Chromium suites (tests/e2e/surfaces-*.test.mjs) where
// WebDriver BiDi allows (no download events: the popup's export object is read directly).
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { launch, resetSettings, settle, waitIn, inExtensionWorld, clickInShadow } from './harness.mjs';
import { SURFACE_PAGES, cliPath, fixturePath } from '../e2e/surfaces-lib.mjs';

let h;
before(async () => {
  h = await launch();
  for (const p of Object.values(SURFACE_PAGES)) h.serve(p.url, { file: p.file });
});
after(async () => { if (h) await h.close(); });
beforeEach(async () => { await resetSettings(h); });

const drafts = (page) => page.evaluate(() => Number(document.documentElement.dataset.notworkDrafts || 0));
/** Types a draft into `selector` like a user (select all, type) and waits until it is scored. */
async function writeDraft(page, selector, text) {
  const before = await drafts(page);
  await page.click(selector);
  await page.keyboard.down('Control');
  await page.keyboard.press('a');
  await page.keyboard.up('Control');
  await page.keyboard.press('Backspace');
  await page.type(selector, text);
  await waitIn(page, (n) => Number(document.documentElement.dataset.notworkDrafts || 0) > n, before);
  await new Promise((r) => setTimeout(r, 300));
}
// The nudge's shadow root is closed: its text is read through the harness's closed-root helper.
const nudgeIn = (page, scope) => inExtensionWorld(page, (sel, shadowOf) => {
  const host = document.querySelector(sel).querySelector('[data-notwork-nudge]');
  return host ? { rules: host.getAttribute('data-notwork-nudge').split(',').filter(Boolean), text: shadowOf(host) ? shadowOf(host).textContent : '' } : null;
}, scope);
const X_POST = '[data-fixture-composer="post"]';
const X_EDITOR = `${X_POST} [data-testid="tweetTextarea_0"]`;

async function tabIdOf(url) {
  const ext = await h.ext();
  return ext.evaluate(async (u) => { const t = (await chrome.tabs.query({})).find((x) => x.url === u); return t ? t.id : null; }, url);
}
const stored = async () => (await h.ext()).evaluate(() => NotworkSettings.load());

test('Firefox nudges: a title-and-own-link draft on X is nudged, posting is never blocked', async () => {
  const page = await h.open(SURFACE_PAGES.xCompose.url);
  await page.evaluate(() => {
    window.__posts = { clicks: 0, prevented: 0 };
    for (const b of document.querySelectorAll('button[data-testid^="tweetButton"]')) {
      b.addEventListener('click', (e) => { window.__posts.clicks += 1; setTimeout(() => { if (e.defaultPrevented) window.__posts.prevented += 1; }); });
    }
  });
  await writeDraft(page, X_EDITOR, 'New post: Why slow websites lose readers https://mayawrites.blog/2026/05/slow-websites');
  const nudge = await nudgeIn(page, X_POST);
  assert.ok(nudge, 'a nudge is shown');
  assert.ok(nudge.rules.length > 0);
  assert.match(nudge.text, /Try:/);
  await page.click(`${X_POST} button[data-testid="tweetButtonInline"]`);
  await new Promise((r) => setTimeout(r, 100));
  assert.deepEqual(await page.evaluate(() => window.__posts), { clicks: 1, prevented: 0 });
  assert.match(await page.$eval(X_EDITOR, (e) => e.textContent), /slow-websites/);
  // "Don't show this again" turns those rules off, here and in storage.
  await clickInShadow(page, `${X_POST} notwork-nudge`, 'button[data-action="dismiss-rule"]');
  assert.equal(await nudgeIn(page, X_POST), null, 'the nudge goes away at once');
  let saved = [];
  for (let i = 0; i < 50 && !saved.length; i++) { saved = (await stored()).nudges.dismissedRules; await new Promise((r) => setTimeout(r, 100)); }
  assert.deepEqual([...saved].sort(), [...nudge.rules].sort());
  assert.deepEqual(page.notworkErrors, []);
  await page.close();
});

test('Firefox nudges: a question in a Mastodon reply is not nudged, a sales pitch is', async () => {
  const page = await h.open(SURFACE_PAGES.mastodonCompose.url);
  await writeDraft(page, 'form.compose-form textarea', 'Check out my new course on web performance! 40% off this week only, buy now https://mayawrites.blog/course?ref=launch #ad #sale');
  assert.ok(await nudgeIn(page, 'form.compose-form'), 'nudged');
  await writeDraft(page, 'form.compose-form textarea', '@nora I wrote some notes on alt text for charts last year, would they help? Happy to dig them out.');
  assert.equal(await nudgeIn(page, 'form.compose-form'), null);
  await page.close();
});

test('Firefox popup: the profile audit equals `notwork audit --json` on the same posts', async () => {
  const url = SURFACE_PAGES.xProfile.url;
  const page = await h.open(url, { waitForEngine: false });
  const tab = await tabIdOf(url);
  assert.ok(tab, 'the fixture tab is found');
  const popup = await h.openExtensionPage(`extension/popup/popup.html?tab=${tab}`);
  await waitIn(popup, () => document.querySelector('[data-notwork-audit-score]'));
  const shown = Number(await popup.$eval('[data-notwork-audit-score]', (e) => e.getAttribute('data-notwork-audit-score')));
  const exported = await popup.evaluate(() => NotworkPages.popup.exportObject());
  const source = fs.readFileSync(fixturePath('sites/x/profile.posts.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(exported.site, 'x');
  assert.equal(exported.handle, 'maya_writes');
  assert.deepEqual(exported.posts.map((p) => p.id).sort(), source.map((p) => p.id).sort());
  assert.equal(Math.round(exported.report.score), shown);
  const cli = cliPath();
  assert.ok(cli, 'the native CLI is built');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'notwork-ff-audit-'));
  fs.writeFileSync(path.join(dir, 'posts.jsonl'), exported.posts.map((p) => JSON.stringify(p)).join('\n') + '\n');
  const native = JSON.parse(execFileSync(cli, ['audit', '--json', path.join(dir, 'posts.jsonl')], { encoding: 'utf8' }));
  fs.rmSync(dir, { recursive: true, force: true });
  assert.equal(native.score, exported.report.score);
  assert.deepEqual(native.breakdown, exported.report.breakdown);
  assert.deepEqual(native.label_mix, exported.report.label_mix);
  assert.equal(await popup.$$eval('#breakdown tbody tr', (r) => r.length), exported.report.breakdown.length);
  assert.deepEqual(await popup.$$eval('#figures dt .pid', (l) => l.map((e) => e.textContent)), ['P1', 'P2', 'P8', 'P9', 'P12', 'P14']);
  assert.equal(await popup.$$eval('#suggestions li', (l) => l.length), 3);
  assert.match(await popup.evaluate(() => NotworkPages.popup.markdown()), new RegExp(`\\*\\*Score: ${shown}/100\\*\\*`));
  await popup.close();
  await page.close();
});

test('Firefox popup: a supported site that is not a profile page says so', async () => {
  const url = SURFACE_PAGES.xCompose.url;
  const page = await h.open(url, { waitForEngine: false });
  const popup = await h.openExtensionPage(`extension/popup/popup.html?tab=${await tabIdOf(url)}`);
  await waitIn(popup, () => !document.getElementById('unsupported').hidden);
  assert.match(await popup.$eval('#unsupported-title', (e) => e.textContent), /This X page is not a profile/);
  await popup.close();
  await page.close();
});

test('Firefox options: every rule is listed; weights changed there change an open tab\'s badges without a reload', async () => {
  const tab = await h.open(SURFACE_PAGES.xProfile.url);
  await settle(tab);
  await tab.evaluate(() => { window.__sameDocument = true; });
  const count = () => tab.evaluate(() => document.querySelectorAll('[data-notwork-label="autofeed"]').length);
  const before = await count();
  assert.ok(before > 0);
  const page = await h.openExtensionPage('extension/options/options.html');
  await waitIn(page, () => document.body.dataset.ready === 'true');
  const cat = await page.evaluate(async () => (await NotworkPages.engine()).catalogue());
  assert.equal(await page.$$eval('tr[data-rule-row]', (r) => r.length), cat.rules.length);
  for (const l of ['autofeed', 'pure_promo', 'genuine_share']) assert.equal(await page.$$eval(`[data-threshold="${l}"]`, (e) => e.length), 1);
  for (const r of cat.rules.filter((x) => x.label === 'autofeed')) {
    const input = await page.$(`[data-rule-weight="${r.id}"]`);
    await input.click({ count: 3 });
    await input.type('0');
  }
  await waitIn(page, () => document.querySelector('#status[data-kind="ok"]'));
  await waitIn(tab, () => document.querySelectorAll('[data-notwork-label="autofeed"]').length === 0);
  assert.equal(await tab.evaluate(() => window.__sameDocument), true, 'no reload happened');
  const s = await stored();
  // Every autofeed rule now weighs 0: stored as 0, or not stored at all where 0 is already its
  // (fitted) default weight.
  for (const r of cat.rules.filter((x) => x.label === 'autofeed')) {
    const own = s.core.rules && s.core.rules[r.id];
    assert.equal(own ? own.weight : r.weight, 0, `${r.id} weighs 0`);
  }
  await page.close();
  await tab.close();
});

test('Firefox options: a bad pattern shows RE2\'s own error inline and nothing is saved; fixed, it is saved', async () => {
  const ext = await h.ext();
  const before = await ext.evaluate(() => chrome.storage.sync.get(null));
  const page = await h.openExtensionPage('extension/options/options.html');
  await waitIn(page, () => document.body.dataset.ready === 'true');
  await page.click('#add-pattern');
  const input = (await page.$$('input.pattern')).pop();
  await input.type('(?i)limited (offer');
  const expected = await page.evaluate(async () => (await NotworkPages.engine()).validatePattern('(?i)limited (offer').error);
  assert.match(expected, /missing \)/);
  await waitIn(page, (e) => [...document.querySelectorAll('[data-pattern-error]')].pop().textContent === e, expected);
  assert.equal(await input.evaluate((e) => e.getAttribute('aria-invalid')), 'true');
  assert.match(await page.$eval('#status', (e) => e.textContent), /Not saved/);
  await new Promise((r) => setTimeout(r, 900)); // longer than the save delay
  assert.deepEqual(await ext.evaluate(() => chrome.storage.sync.get(null)), before);
  await input.click({ count: 3 });
  await input.type('(?i)limited offer');
  await waitIn(page, () => document.querySelector('#status').dataset.kind === 'ok');
  const s = await stored();
  assert.equal(s.core.patterns.length, 1);
  assert.equal(s.core.patterns[0].pattern, '(?i)limited offer');
  await page.close();
});
