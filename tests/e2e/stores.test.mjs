// What Notwork remembers, end to end in Chromium: the options' memory section lists every
// store (muted and trusted accounts, the author memory per site, the opened links, the paused
// sites) and each of its clear buttons empties that store (checked in chrome.storage.local
// afterwards); un-muting an account there brings its badges back; a trusted account's feed
// post gets no badge and no action; "Pause on this site" in the popup takes the badges and
// nudges away from that site, live, and resuming brings them back.
// Run: node --test tests/e2e/stores.test.mjs   (NOTWORK_SCREENSHOTS=1: docs/screenshots/options-memory.png)
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { launch, resetSettings, setSettings, settle, readPosts, inExtensionWorld } from './harness.mjs';
import { SURFACE_PAGES, serveSurfaces, tabIdOf, writeDraft, nudgeIn, SCREENSHOTS, shotPath } from './surfaces-lib.mjs';
import { xPage } from '../fixtures/build.mjs';

// A timeline of recent posts (the author memory keeps 30 days), served on two X hosts: two
// sites of author memory to forget one by one.
const HOUR = 3600 * 1000;
const ago = (hours) => new Date(Date.now() - hours * HOUR).toISOString().replace(/\.\d+Z$/, '.000Z');
const RECENT = [1, 2, 3, 4].map((i) => ({
  fixture: `recent-${i}`, id: '19000000000000' + String(7000 + i), handle: i % 2 ? 'metrowire' : `walker${i}`, name: i % 2 ? 'Metro Wire' : `Walker ${i}`,
  avatar: '#5b7083', iso: ago(i), ago: `${i}h`,
  text: i % 2 ? `Council approves the new tram line, part ${i} https://metrowire.example/news/${i}` : `Took the long way home through the park today, number ${i}.`,
}));
const MEMORY_PAGES = ['https://x.com/notwork/stores', 'https://twitter.com/notwork/stores'];

let h;
before(async () => {
  h = await launch({ viewport: { width: 1280, height: 900 } });
  serveSurfaces(h);
  for (const url of MEMORY_PAGES) h.serve(url, { body: xPage('Home', RECENT) });
});
after(async () => { if (h) await h.close(); });
beforeEach(async () => { await resetSettings(h.sw); });

const local = (keys) => h.sw.evaluate((k) => chrome.storage.local.get(k), keys === undefined ? null : keys);
const S = (fn, arg) => h.sw.evaluate(fn, arg);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Calls `get` until `ok(value)` (or `ms`), returns the last value. */
async function poll(get, ok, ms = 10000) {
  const end = Date.now() + ms;
  let v = await get();
  while (!ok(v) && Date.now() < end) { await sleep(100); v = await get(); }
  return v;
}

/** {fixture: author handle} of the page's posts, as the site adapter reads them. */
const authorsOf = (page) => inExtensionWorld(page, () => {
  const a = Notwork.adapters.forPage(location, document);
  return Object.fromEntries([...document.querySelectorAll('[data-fixture]')].map((el) => {
    let p = null;
    try { p = a.extract(el); } catch (_) { p = null; }
    return [el.getAttribute('data-fixture'), p && p.author];
  }));
});
const byFixture = (posts) => Object.fromEntries(posts.map((p) => [p.fixture, p]));
const badgeCount = (page) => page.evaluate(() => document.querySelectorAll('notwork-badge').length);

async function openOptions() {
  const page = await h.openExtensionPage('extension/options/options.html');
  page.notworkErrors = [];
  page.on('pageerror', (e) => page.notworkErrors.push(String(e)));
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
  await page.waitForSelector('#memory[data-ready="true"]', { timeout: 20000 });
  return page;
}

/** The X timeline, scored and quiet: its posts and who wrote them. */
async function openX() {
  const page = await h.open('x');
  await settle(page);
  return { page, posts: byFixture(await readPosts(page)), authors: await authorsOf(page) };
}

test('a trusted author\'s feed post is not badged nor acted on; others are; untrusting brings it back live', async () => {
  await setSettings(h.sw, { actions: { autofeed: 'hide', pure_promo: 'collapse', genuine_share: 'dim' } });
  const first = await openX();
  assert.equal(first.posts['x-autofeed-1'].label, 'autofeed', 'the feed post is badged before');
  const author = first.authors['x-autofeed-1'];
  assert.ok(author, 'the fixture post has an author');
  await first.page.close();

  // What the corrections' "Trust this author" calls (through the service worker's settings).
  const res = await S((k) => NotworkSettings.setTrusted(k, true), `x:${author.toLowerCase()}`);
  assert.equal(res.ok, true);
  assert.equal(res.trusted, 1);
  assert.deepEqual((await local('trustedAuthors')).trustedAuthors, { [`x:${author.toLowerCase()}`]: true });

  const { page, posts, authors } = await openX();
  const theirs = Object.keys(authors).filter((f) => authors[f] === author);
  assert.ok(theirs.includes('x-autofeed-1'));
  for (const f of theirs) {
    assert.ok(posts[f].label === null || posts[f].label === 'genuine_share', `${f} by the trusted ${author}: no feed/promo badge (${posts[f].label})`);
    if (posts[f].label === null) assert.equal(posts[f].badges, 0, `${f}: no badge`);
  }
  const roots = await page.evaluate((fs) => fs.map((f) => {
    const el = document.querySelector(`[data-fixture="${f}"]`);
    return { f, action: el.getAttribute('data-notwork-action'), display: getComputedStyle(el).display, opacity: getComputedStyle(el).opacity };
  }), theirs);
  for (const r of roots) {
    assert.equal(r.action, null, `${r.f}: never dimmed, collapsed or hidden`);
    assert.notEqual(r.display, 'none');
    assert.equal(r.opacity, '1');
  }
  // Another account's promo post still gets its badge and its action.
  assert.notEqual(authors['x-promo-1'], author);
  assert.equal(posts['x-promo-1'].label, 'pure_promo');
  assert.equal(await page.locator('[data-fixture="x-promo-1"]').getAttribute('data-notwork-action'), 'collapse');

  // Untrusted from the options page: the open tab badges (and hides) the post again.
  const options = await openOptions();
  const row = options.locator(`#trusted-list li[data-author-key="x:${author.toLowerCase()}"]`);
  assert.match(await row.textContent(), new RegExp('@' + author, 'i'));
  await row.locator('button[data-remove]').click();
  const stored = await poll(() => local('trustedAuthors'), (v) => !v.trustedAuthors || !Object.keys(v.trustedAuthors).length);
  assert.deepEqual(stored.trustedAuthors || {}, {});
  await page.bringToFront();
  await poll(() => page.locator('[data-fixture="x-autofeed-1"]').getAttribute('data-notwork-label'), (l) => l === 'autofeed');
  assert.equal(await page.locator('[data-fixture="x-autofeed-1"]').getAttribute('data-notwork-action'), 'hide');
  assert.deepEqual(page.notworkErrors, []);
  assert.deepEqual(options.notworkErrors, []);
  await options.close();
  await page.close();
});

test('unmute in the options brings a muted author\'s badges back on reload; "show badges for all" and its undo', async () => {
  const first = await openX();
  const author = first.authors['x-autofeed-1'].toLowerCase();
  const promoAuthor = first.authors['x-promo-1'].toLowerCase();
  assert.notEqual(author, promoAuthor);
  await first.page.close();
  for (const k of [`x:${author}`, `x:${promoAuthor}`]) assert.equal((await S((key) => NotworkSettings.setMuted(key, true), k)).ok, true);

  let { page, posts } = await openX();
  assert.equal(posts['x-autofeed-1'].badges, 0, 'muted: no badge');
  assert.equal(posts['x-promo-1'].badges, 0);

  const options = await openOptions();
  assert.equal(await options.locator('#store-muted').getAttribute('data-count'), '2');
  assert.match(await options.locator('#muted-meta').textContent(), /2 accounts/);
  assert.match(await options.locator('#muted-meta').textContent(), /Kept until you show their badges again/);
  const row = options.locator(`#muted-list li[data-author-key="x:${author}"]`);
  assert.match(await row.textContent(), new RegExp('@' + author));
  assert.equal(await row.locator('button').getAttribute('aria-label'), `Show badges again for @${author}`);
  await row.locator('button[data-remove]').click();
  const after = await poll(() => local('mutedAuthors'), (v) => v.mutedAuthors && !v.mutedAuthors[`x:${author}`]);
  assert.deepEqual(after.mutedAuthors, { [`x:${promoAuthor}`]: true }, 'only that account left the list');
  await options.waitForSelector('#store-muted[data-count="1"]');

  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.notworkEngine, null, { timeout: 20000 });
  await settle(page);
  posts = byFixture(await readPosts(page));
  assert.equal(posts['x-autofeed-1'].label, 'autofeed', 'badged again after the reload');
  assert.equal(posts['x-autofeed-1'].badges, 1);
  assert.equal(posts['x-promo-1'].badges, 0, 'the other muted account stays muted');

  // All at once, then undone, then again.
  await options.locator('#muted-clear').click();
  await poll(() => local('mutedAuthors'), (v) => v.mutedAuthors === undefined);
  assert.equal((await local('mutedAuthors')).mutedAuthors, undefined);
  await options.locator('#stores-undo').click();
  await poll(() => local('mutedAuthors'), (v) => v.mutedAuthors && v.mutedAuthors[`x:${promoAuthor}`]);
  assert.deepEqual((await local('mutedAuthors')).mutedAuthors, { [`x:${promoAuthor}`]: true });
  await options.waitForSelector('#store-muted[data-count="1"]');
  await options.locator('#muted-clear').click();
  await poll(() => local('mutedAuthors'), (v) => v.mutedAuthors === undefined);
  await options.waitForSelector('#store-muted[data-count="0"]');
  assert.ok(await options.locator('#muted-clear').isDisabled());
  await page.bringToFront();
  await poll(() => page.locator('[data-fixture="x-promo-1"] notwork-badge').count(), (n) => n === 1);
  assert.deepEqual(options.notworkErrors, []);
  await options.close();
  await page.close();
});

test('the memory section shows every store with its size and expiry; each clear button empties its store', async () => {
  // Author memory of two sites, through the real engine of each tab.
  for (const url of MEMORY_PAGES) {
    const page = await h.open(url);
    await settle(page);
    const saved = await inExtensionWorld(page, async () => Notwork.engine.saveMemory());
    assert.ok(saved && saved.saved !== false && saved.authors > 0, `${url}: memory saved (${JSON.stringify(saved)})`);
    await page.close();
  }
  await S(async () => {
    await NotworkSettings.setMuted('x:dailytechwire', true);
    await NotworkSettings.setMuted('x:glowskin_shop', true);
    await NotworkSettings.setTrusted('mastodon:ada@mastodon.social', true);
    await NotworkSettings.setTrusted('bluesky:lena.bsky.social', true);
    for (const u of ['https://example.org/a', 'https://example.org/b?utm_source=x', 'https://news.example/c']) await NotworkSettings.recordOpenedLink(u);
    await NotworkSettings.setPaused('x.com', true);
    await NotworkSettings.setPaused('bsky.app', true);
  });
  const before = await local();
  assert.ok(before['authorMemory:x.com'] && before['authorMemory:twitter.com']);

  const options = await openOptions();
  const count = (id) => options.locator(id).getAttribute('data-count');
  assert.equal(await count('#store-muted'), '2');
  assert.equal(await count('#store-trusted'), '2');
  assert.equal(await count('#store-opened'), '3');
  assert.equal(await count('#store-paused'), '2');
  assert.equal(await options.locator('#memory-summary').getAttribute('data-sites'), '2');
  // Sizes and expiries, as stored.
  const bytes = (k) => k.length + JSON.stringify(before[k]).length; // ASCII here
  assert.equal(await options.locator('#store-muted').getAttribute('data-bytes'), String(bytes('mutedAuthors')));
  assert.equal(await options.locator('#store-trusted').getAttribute('data-bytes'), String(bytes('trustedAuthors')));
  assert.equal(await options.locator('#store-opened').getAttribute('data-bytes'), String(bytes('openedLinks') + bytes('openedLinksAt')));
  assert.match(await options.locator('#opened-meta').textContent(), /^3 links, \d+ B\. Each is forgotten 30 days after you opened it; at most 500 are kept\.$/);
  assert.match(await options.locator('#trusted-meta').textContent(), /Kept until you remove them \(at most 2000\)/);
  const xSite = await options.locator('[data-memory-site="x.com"]').textContent();
  const expires = new Date(before['authorMemory:x.com'].updated + 30 * 24 * 3600 * 1000).toLocaleDateString('en-US');
  assert.match(xSite, /^x\.com: \d+ authors, [\d.]+ (B|KB), saved .+, forgotten by .+ unless you visit again/);
  assert.ok(xSite.includes(expires), `${xSite} names the expiry ${expires}`);
  assert.match(await options.locator('#paused-meta').textContent(), /^2 sites/);

  if (SCREENSHOTS) {
    await options.locator('#memory').scrollIntoViewIfNeeded();
    await options.evaluate(() => document.activeElement && document.activeElement.blur());
    await options.waitForTimeout(200);
    await options.locator('#memory').screenshot({ path: shotPath('options-memory.png') });
  }

  // A hostile account name (a page chooses its authors' names) is text, never markup.
  const hostile = 'x:<img src=x onerror="window.__pwned=1">';
  assert.equal((await S((k) => NotworkSettings.setMuted(k, true), hostile)).ok, true);
  await options.waitForSelector('#store-muted[data-count="3"]');
  const hostileRow = options.locator('#muted-list li').filter({ hasText: 'onerror' });
  assert.equal(await hostileRow.count(), 1);
  assert.equal(await hostileRow.locator('.name').textContent(), '@<img src=x onerror="window.__pwned=1">');
  assert.equal(await options.locator('#memory img').count(), 0);
  assert.equal(await options.evaluate(() => window.__pwned), undefined);

  // Author memory: one site, then all.
  await options.locator('[data-memory-site="x.com"] button[data-forget-site]').click();
  await options.waitForSelector('#memory-summary[data-sites="1"]');
  let now = await local();
  assert.equal(now['authorMemory:x.com'], undefined, 'x.com forgotten');
  assert.ok(now['authorMemory:twitter.com'], 'twitter.com kept');
  await options.locator('#memory-clear').click();
  await options.waitForSelector('#memory-summary[data-authors="0"]');
  now = await local();
  assert.deepEqual(Object.keys(now).filter((k) => k.startsWith('authorMemory:')), []);

  // Opened links.
  await options.locator('#opened-clear').click();
  await options.waitForSelector('#store-opened[data-count="0"]');
  now = await local();
  assert.equal(now.openedLinks, undefined);
  assert.equal(now.openedLinksAt, undefined);
  assert.match(await options.locator('#opened-meta').textContent(), /None remembered/);

  // Paused sites: one, then all.
  await options.locator('#paused-list li[data-paused-site="bsky.app"] button').click();
  await options.waitForSelector('#store-paused[data-count="1"]');
  assert.deepEqual((await local('pausedSites')).pausedSites, { 'x.com': true });
  await options.locator('#paused-clear').click();
  await options.waitForSelector('#store-paused[data-count="0"]');
  assert.equal((await local('pausedSites')).pausedSites, undefined);

  // Trusted and muted accounts.
  await options.locator('#trusted-clear').click();
  await options.waitForSelector('#store-trusted[data-count="0"]');
  assert.equal((await local('trustedAuthors')).trustedAuthors, undefined);
  await options.locator('#muted-clear').click();
  await options.waitForSelector('#store-muted[data-count="0"]');
  assert.equal((await local('mutedAuthors')).mutedAuthors, undefined);

  // Nothing of any store is left; every clear button is now disabled.
  const left = Object.keys(await local()).filter((k) => /^(mutedAuthors|trustedAuthors|openedLinks|openedLinksAt|pausedSites|authorMemory:)/.test(k));
  assert.deepEqual(left, []);
  for (const id of ['#muted-clear', '#trusted-clear', '#memory-clear', '#opened-clear', '#paused-clear']) assert.ok(await options.locator(id).isDisabled(), `${id} disabled`);
  assert.deepEqual(options.notworkErrors, []);
  await options.close();
});

test('pause on this site (popup): badges and nudges go at once, stay away on reload, come back on resume', async () => {
  await setSettings(h.sw, { actions: { autofeed: 'collapse' } });
  const { page } = await openX();
  const badged = await badgeCount(page);
  assert.ok(badged >= 5, `badged before (${badged})`);
  assert.ok(await page.locator('[data-notwork-action="collapse"]').count() > 0);
  const tab = await tabIdOf(h.sw, page.url());
  const popup = await h.openExtensionPage(`extension/popup/popup.html?tab=${tab}`);
  await popup.waitForSelector('#pause-bar:not([hidden])', { timeout: 10000 });
  assert.equal(await popup.locator('#pause-label').textContent(), 'Pause Notwork on x.com');
  assert.equal(await popup.locator('#pause').isChecked(), false);
  assert.equal(await popup.locator('#pause').getAttribute('role'), 'switch');

  // A script's click is not the user's: nothing changes.
  await popup.evaluate(() => document.getElementById('pause').click());
  await sleep(300);
  assert.equal((await local('pausedSites')).pausedSites, undefined);
  assert.equal(await popup.locator('#pause').isChecked(), false);

  await popup.locator('#pause').click();
  await poll(() => local('pausedSites'), (v) => v.pausedSites && v.pausedSites['x.com']);
  assert.deepEqual((await local('pausedSites')).pausedSites, { 'x.com': true });
  assert.equal(await popup.locator('body').getAttribute('data-paused'), 'true');
  assert.equal(await popup.locator('#pause-note').textContent(), 'Paused: no badges or nudges on x.com until you switch this off.');
  await page.bringToFront();
  assert.equal(await poll(() => badgeCount(page), (n) => n === 0), 0, 'the badges went');
  assert.equal(await page.locator('[data-notwork-label]').count(), 0);
  assert.equal(await page.locator('[data-notwork-action]').count(), 0, 'collapsed posts are whole again');

  // Still paused after a reload: the page stays as the site made it.
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.notworkEngine, null, { timeout: 20000 });
  await sleep(1500);
  assert.equal(await badgeCount(page), 0);
  // Another site is not paused.
  const m = await h.open('mastodon');
  await settle(m);
  assert.ok(await badgeCount(m) > 0, 'mastodon.social still badged');
  await m.close();

  // Resume from the popup: the badges and the actions come back in the open tab.
  await popup.bringToFront();
  await popup.reload();
  await popup.waitForSelector('#pause-bar:not([hidden])');
  assert.equal(await popup.locator('#pause').isChecked(), true, 'the popup shows the paused state');
  await popup.locator('#pause').click();
  await poll(() => local('pausedSites'), (v) => !v.pausedSites || !v.pausedSites['x.com']);
  assert.equal(await popup.locator('body').getAttribute('data-paused'), 'false');
  await page.bringToFront();
  assert.equal(await poll(() => badgeCount(page), (n) => n === badged), badged, 'every badge is back');
  assert.ok(await page.locator('[data-notwork-action="collapse"]').count() > 0);
  assert.deepEqual(page.notworkErrors, []);
  await popup.close();
  await page.close();
});

test('pause on this site also takes a shown nudge away, and resume brings it back', async () => {
  const X_POST = '[data-fixture-composer="post"]';
  const page = await h.open(SURFACE_PAGES.xCompose.url);
  const editor = page.locator(`${X_POST} [data-testid="tweetTextarea_0"]`);
  await writeDraft(page, editor, 'New post: Why slow websites lose readers https://mayawrites.blog/2026/05/slow-websites');
  assert.ok(await nudgeIn(page, X_POST), 'a nudge before');
  assert.equal((await S(() => NotworkSettings.setPaused('x.com', true))).ok, true);
  assert.equal(await poll(() => nudgeIn(page, X_POST), (n) => n === null), null, 'no nudge while paused');
  // Typing while paused: still none.
  await editor.click();
  await page.keyboard.type(' more');
  await sleep(1200);
  assert.equal(await nudgeIn(page, X_POST), null);
  assert.equal((await S(() => NotworkSettings.setPaused('x.com', false))).ok, true);
  assert.ok(await poll(() => nudgeIn(page, X_POST), (n) => !!n), 'the nudge is back');
  assert.deepEqual(page.notworkErrors, []);
  await page.close();
});
