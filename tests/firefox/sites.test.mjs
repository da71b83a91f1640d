// Real Firefox (firefox-esr over WebDriver BiDi) with the Firefox package: every site fixture
// gets the right badges, the in-page wasm engine is used on a normal page, the badge explains
// itself from the keyboard, and nothing reaches the network. (Chromium: tests/e2e/sites.test.mjs
// and engine-paths.test.mjs.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, setSettings, resetSettings, settle, readPosts, waitIn, inExtensionWorld, waitInExtensionWorld, PAGES } from './harness.mjs';
import { cliBadges, driftFromIntent } from '../e2e/cli-labels.mjs';

const dataset = (page) => page.evaluate(() => ({ ...document.documentElement.dataset }));
const waitLocal = (page) => waitIn(page, () => document.documentElement.dataset.notworkEngine === 'local', undefined, { timeout: 30000 });
let h;
before(async () => {
  h = await launch();
  // The user adds a blog and a second Mastodon instance (permissions pre-granted in the test copy);
  // the background page registers their content scripts on the settings change.
  await setSettings(h, { blogs: ['blog.example.org'], mastodonInstances: ['mastodon.social', 'hachyderm.io'] });
});
after(async () => { if (h) await h.close(); });

async function checkSite(name, site, t) {
  const page = await h.open(name);
  await settle(page);
  assert.match((await dataset(page)).notworkEngine, /^(local|background)$/);
  assert.equal((await dataset(page)).notworkSite, site);
  const posts = await readPosts(page);
  assert.ok(posts.length >= 6, `fixture ${name} has posts`);
  // The expected badge of each post is the CLI's for the same post (tests/e2e/cli-labels.mjs):
  // the fitted weights decide the labels, the page must show what the core says.
  const cli = await cliBadges(page);
  const wrong = [];
  for (const p of posts) {
    assert.ok(p.badges <= 1, `${p.fixture} carries ${p.badges} badges`);
    assert.equal(p.badges, p.label ? 1 : 0, `${p.fixture}: badge and data-notwork-label agree`);
    if (!p.expect) continue;
    assert.ok(cli.has(p.fixture), `${p.fixture}: the adapter finds the post`);
    if (p.label !== cli.get(p.fixture)) wrong.push(`${p.fixture}: the CLI gives ${cli.get(p.fixture)}, the page ${p.label}`);
  }
  assert.deepEqual(wrong, [], `labels on ${name}`);
  for (const d of driftFromIntent(posts, cli)) t.diagnostic(`${name}: ${d}`);
  assert.ok(posts.filter((p) => p.label).length >= 2, `${name} shows badges`);
  assert.deepEqual(page.notworkErrors, []);
  return page;
}

for (const [name, site] of [['x', 'x'], ['twitter', 'x'], ['mastodon', 'mastodon'], ['bluesky', 'bluesky'], ['youtube', 'youtube'], ['wordpress', 'wordpress'], ['mastodon2', 'mastodon']]) {
  test(`Firefox, ${name}: every fixture post gets the CLI's label`, async (t) => {
    const page = await checkSite(name, site, t);
    await page.close();
  });
}

test('Firefox, normal page: the engine moves into the page (in-page wasm), same verdicts, late posts scored there', async () => {
  const page = await h.open('x');
  await settle(page);
  const first = new Map((await readPosts(page)).map((p) => [p.fixture, p.label]));
  await waitLocal(page);
  await settle(page);
  const d = await dataset(page);
  assert.equal(d.notworkEngine, 'local', `in-page engine (fallback: ${d.notworkEngineFallback})`);
  assert.equal(d.notworkEngineFallback, undefined);
  assert.ok(Number(d.notworkEngineCreateMs) > 0, 'the in-page session creation was measured');
  const posts = await readPosts(page);
  const cli = await cliBadges(page);
  for (const p of posts) if (p.expect) assert.equal(p.label, cli.get(p.fixture), `${p.fixture}: the CLI's label`);
  for (const p of posts) if (first.get(p.fixture) !== undefined && first.get(p.fixture) !== null) assert.equal(p.label, first.get(p.fixture));
  // A post arriving later (infinite scroll) is scored by the in-page engine.
  const scoredBefore = Number(d.notworkScored);
  await page.evaluate(() => {
    const cell = document.querySelector('[data-fixture="x-promo-1"]').closest('[data-testid="cellInnerDiv"]').cloneNode(true);
    const article = cell.querySelector('article');
    article.setAttribute('data-fixture', 'late-promo');
    article.removeAttribute('data-notwork-label');
    for (const b of cell.querySelectorAll('notwork-badge')) b.remove();
    for (const a of cell.querySelectorAll('a[href*="/status/"]')) a.setAttribute('href', a.getAttribute('href').replace(/\d+$/, '1900000000000000901'));
    cell.querySelector('[data-testid="tweetText"]').textContent = '🔥 40% OFF all serums this week only! Shop now before they are gone 👉 https://glowskin-shop.com/serums?ref=tw&utm_campaign=spring #ad #sale';
    document.getElementById('timeline').append(cell);
  });
  await waitIn(page, () => document.querySelector('[data-fixture="late-promo"][data-notwork-label]'));
  assert.equal(await page.evaluate(() => document.querySelector('[data-fixture="late-promo"]').getAttribute('data-notwork-label')), 'pure_promo');
  assert.ok(Number((await dataset(page)).notworkScored) > scoredBefore);
  assert.equal((await dataset(page)).notworkEngine, 'local');
  assert.deepEqual(page.notworkErrors, []);
  await page.close();
});

test('Firefox, strict-CSP page: the page may not compile WebAssembly, the content script still runs the engine in the page', async () => {
  const normal = await h.open('x');
  await settle(normal);
  const expected = new Map((await readPosts(normal)).map((p) => [p.fixture, p.label]));
  await normal.close();
  const page = await h.open('csp');
  await waitIn(page, () => document.documentElement.dataset.fixtureMore === 'done', undefined, { timeout: 30000 });
  // Firefox runs content scripts under the extension's CSP, not the page's: the in-page
  // engine is allowed here (Chromium falls back to the service worker, tests/e2e/csp.test.mjs).
  const attempt = await page.evaluate(async () => {
    try { await WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])); return 'compiled'; } catch (e) { return e.name; }
  });
  assert.equal(attempt, 'CompileError', 'the page\'s own scripts are refused WebAssembly');
  await waitIn(page, () => document.documentElement.dataset.notworkEngine === 'local' || document.documentElement.dataset.notworkEngineFallback, undefined, { timeout: 30000 });
  await settle(page);
  const d = await dataset(page);
  assert.equal(d.notworkEngine, 'local', `in-page engine despite the page's CSP (fallback: ${d.notworkEngineFallback})`);
  assert.equal(d.notworkEngineFallback, undefined);
  const posts = await readPosts(page);
  assert.equal(posts.length, expected.size);
  for (const p of posts) assert.equal(p.label, expected.get(p.fixture), `${p.fixture}: same label as without a CSP`);
  assert.ok(posts.filter((p) => p.label).length >= 5);
  await page.close();
});

test('Firefox: the badge is a labelled button; Enter opens the explanation, Escape closes it', async () => {
  await resetSettings(h);
  const page = await h.open('x');
  await settle(page);
  // The badge's shadow root is closed to the page; the test reads it through the harness.
  assert.equal(await page.evaluate(() => document.querySelector('[data-fixture="x-autofeed-1"] notwork-badge').shadowRoot), null, 'a closed shadow root');
  const BADGE = '[data-fixture="x-autofeed-1"] notwork-badge';
  const info = await inExtensionWorld(page, (sel, shadowOf) => {
    const b = document.querySelector(sel);
    const btn = shadowOf(b).querySelector('button');
    return { text: btn.textContent, name: btn.getAttribute('aria-label'), inAnchor: !!b.closest('[data-testid="User-Name"]') };
  }, BADGE);
  assert.equal(info.text, 'autofeed');
  assert.match(info.name, /^Notwork: reads like an automated feed/);
  assert.ok(info.inAnchor);
  const focusBadge = () => inExtensionWorld(page, (sel, shadowOf) => { shadowOf(document.querySelector(sel)).querySelector('button.badge').focus(); }, BADGE);
  await focusBadge();
  await page.keyboard.press('Enter');
  await waitInExtensionWorld(page, (sel, shadowOf) => shadowOf(document.querySelector(sel)).querySelector('button.badge').getAttribute('aria-expanded') === 'true', BADGE);
  const pop = await inExtensionWorld(page, (sel, shadowOf) => {
    const root = shadowOf(document.querySelector(sel));
    const panel = root.querySelector('.panel');
    return { visible: panel.matches(':popover-open') || !panel.hidden, pids: [...root.querySelectorAll('.pid')].map((e) => e.textContent),
      mute: root.querySelector('.mute') && root.querySelector('.mute').textContent, focused: root.activeElement && root.activeElement.className };
  }, BADGE);
  assert.ok(pop.visible);
  assert.ok(pop.pids.includes('P3'), `the autofeed explanation cites P3 (${pop.pids})`);
  assert.equal(pop.mute, 'Don’t badge @dailytechwire');
  assert.equal(pop.focused, 'mute', 'focus moves into the popover');
  await page.keyboard.press('Escape');
  assert.equal(await inExtensionWorld(page, (sel, shadowOf) => shadowOf(document.querySelector(sel)).querySelector('button').getAttribute('aria-expanded'), BADGE), 'false');
  // "Don't badge this account": its badges go at once.
  await focusBadge();
  await page.keyboard.press('Enter');
  await waitInExtensionWorld(page, (sel, shadowOf) => !!shadowOf(document.querySelector(sel)).activeElement, BADGE);
  await page.keyboard.press('Enter');
  await waitIn(page, () => !document.querySelector('[data-fixture="x-autofeed-1"] notwork-badge'));
  assert.equal(await page.evaluate(() => document.querySelector('[data-fixture="x-autofeed-1"]').getAttribute('data-notwork-label')), null);
  await page.close();
  await resetSettings(h);
});

const labelled = async (page) => (await readPosts(page)).filter((p) => p.label).map((p) => `${p.fixture}:${p.label}`).sort();

test('Firefox: switching a site off removes its badges in the open tab; on brings them back', async () => {
  const page = await h.open('bluesky');
  await settle(page);
  const before = await labelled(page);
  assert.ok(before.length >= 3);
  await setSettings(h, { sites: { bluesky: false } });
  await waitIn(page, () => !document.querySelector('notwork-badge') && !document.querySelector('[data-notwork-label]'));
  await setSettings(h, { sites: { bluesky: true } });
  await waitIn(page, (n) => document.querySelectorAll('[data-notwork-label]').length === n, before.length);
  assert.deepEqual(await labelled(page), before);
  await page.close();
});

test('Firefox: raising the thresholds re-scores the open tab without a reload; the defaults restore it', async () => {
  const page = await h.open('x');
  await settle(page);
  const before = await labelled(page);
  const scored = Number((await dataset(page)).notworkScored);
  await setSettings(h, { core: { thresholds: { autofeed: 1, pure_promo: 1, genuine_share: 1 } } });
  await waitIn(page, (n) => Number(document.documentElement.dataset.notworkScored) > n, scored);
  await settle(page);
  const strict = await labelled(page);
  assert.ok(strict.length < before.length, `fewer badges with thresholds at 1 (${strict.length} < ${before.length})`);
  await (await h.ext()).evaluate(async () => {
    const cur = await NotworkSettings.load();
    await NotworkSettings.save({ ...cur, core: { version: 1 } });
  });
  await waitIn(page, (n) => document.querySelectorAll('[data-notwork-label]').length === n, before.length);
  assert.deepEqual(await labelled(page), before);
  await page.close();
});

test('Firefox: no network request beyond the fixtures', async () => {
  assert.deepEqual(h.blocked, []);
  const opened = new Set(Object.values(PAGES).map((p) => new URL(p.url).origin));
  for (const r of h.requests) assert.ok(opened.has(new URL(r.url).origin), r.url);
});
