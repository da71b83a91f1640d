// Badges before paint (issue 12): on the in-page engine, posts a page script inserts together
// are scored and badged inside the extension's MutationObserver callback, so the badge is
// already there when the next animation frame runs (the frame that first paints the posts).
// A batch too large for the budget is badged partly at once and completely soon after; on the
// service-worker path nothing is scored synchronously and the badges still come.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, settle, inExtensionWorld } from './harness.mjs';

const WAIT = { timeout: 30000, polling: 100 }; // no rAF polling: it would keep the page from idling
let h;
before(async () => { h = await launch(); });
after(async () => { if (h) await h.close(); });

/** Main world: clones fixture cells with new status ids and texts, appends them in one go, and
 *  reports what the page can see right after (a microtask later) and in the next frame. */
const insertAndLook = (page, specs) => page.evaluate((list) => new Promise((resolve) => {
  const html = document.documentElement;
  const scored0 = Number(html.dataset.notworkScored || 0);
  const frag = document.createDocumentFragment();
  const ids = [];
  for (const [i, s] of list.entries()) {
    const cell = document.querySelector(`[data-fixture="${s.from}"]`).closest('[data-testid="cellInnerDiv"]').cloneNode(true);
    const article = cell.querySelector('article');
    const id = `ff-${s.tag}-${i}`;
    article.setAttribute('data-fixture', id);
    article.removeAttribute('data-notwork-label');
    article.removeAttribute('data-notwork-action');
    for (const b of cell.querySelectorAll('notwork-badge, notwork-collapse')) b.remove();
    for (const a of cell.querySelectorAll('a[href*="/status/"]')) a.setAttribute('href', a.getAttribute('href').replace(/\d+$/, s.status));
    cell.querySelector('[data-testid="tweetText"]').textContent = s.text;
    frag.append(cell);
    ids.push(id);
  }
  const look = () => ids.map((id) => {
    const a = document.querySelector(`[data-fixture="${id}"]`);
    return { id, label: a.getAttribute('data-notwork-label'), badges: a.querySelectorAll('notwork-badge').length };
  });
  document.getElementById('timeline').append(frag);
  const sameTask = look(); // before any microtask: the observer has not run yet
  let microtask = null;
  queueMicrotask(() => { microtask = { posts: look(), scored: Number(html.dataset.notworkScored || 0) - scored0 }; });
  requestAnimationFrame(() => resolve({ sameTask, microtask, frame: { posts: look(), scored: Number(html.dataset.notworkScored || 0) - scored0 } }));
}), specs);

const PROMO = (n) => `🔥 ${20 + n}% OFF all serums this week only! Shop now before they are gone 👉 https://glowskin-shop.com/serums/${n}?ref=tw&utm_campaign=spring #ad #sale`;

test('in-page engine: posts inserted by the page are badged before the next animation frame', async () => {
  const page = await h.open('x');
  await page.waitForFunction(() => document.documentElement.dataset.notworkEngine === 'local', null, WAIT);
  await settle(page);
  const specs = [
    { from: 'x-promo-1', tag: 'promo', status: '1900000000000000711', text: PROMO(1) },
    { from: 'x-neutral-1', tag: 'neutral', status: '1900000000000000712', text: 'Finally some sun after a week of rain. Coffee on the balcony.' },
    { from: 'x-promo-1', tag: 'promo', status: '1900000000000000713', text: PROMO(2) },
  ];
  const seen = await insertAndLook(page, specs);
  // The observation itself is real: right after the insertion nothing is badged yet…
  assert.deepEqual(seen.sameTask.map((p) => p.label), [null, null, null]);
  // …a microtask later (the extension's observer ran in between) and in the next frame the
  // first posts are: at least the first one, and always a prefix in DOM order (as many as the
  // measured cost per post fits in the budget; on an idle machine all three).
  for (const when of ['microtask', 'frame']) {
    const { posts, scored } = seen[when];
    const info = `${when}: ${JSON.stringify(seen[when])}`;
    assert.ok(scored >= 1, info);
    assert.equal(posts[0].label, 'pure_promo', info);
    assert.equal(posts[0].badges, 1, info);
    posts.forEach((p, i) => {
      const want = i < scored && specs[i].tag === 'promo' ? ['pure_promo', 1] : [null, 0];
      assert.deepEqual([p.label, p.badges], want, `${info} (post ${i})`);
    });
  }
  // (what the observer callback had no budget for may follow before the frame, in DOM order)
  assert.ok(seen.frame.scored >= seen.microtask.scored);
  // The same verdicts as the deferred path gives the original posts, and they stay.
  await settle(page);
  const after = await page.evaluate(() => ['x-promo-1', 'ff-promo-0', 'ff-promo-2', 'ff-neutral-1'].map((id) => {
    const a = document.querySelector(`[data-fixture="${id}"]`);
    return [a.getAttribute('data-notwork-label'), a.querySelectorAll('notwork-badge').length];
  }));
  assert.deepEqual(after, [['pure_promo', 1], ['pure_promo', 1], ['pure_promo', 1], [null, 0]]);
  const stats = await inExtensionWorld(page, () => ({ ...Notwork.badges.stats }));
  assert.ok(stats.firstFrame >= seen.microtask.scored && stats.firstFramePasses >= 1, JSON.stringify(stats));
  assert.deepEqual(page.notworkErrors, []);
  await page.close();
});

test('in-page engine: a batch over the budget is badged partly before the frame, all of it soon after', async () => {
  const page = await h.open('x');
  await page.waitForFunction(() => document.documentElement.dataset.notworkEngine === 'local', null, WAIT);
  await settle(page);
  const N = 400;
  const specs = Array.from({ length: N }, (_, i) => ({ from: 'x-promo-1', tag: 'big', status: String(1900000000000100000n + BigInt(i)), text: PROMO(i) }));
  const seen = await insertAndLook(page, specs);
  assert.ok(seen.frame.scored < N, `the budget of a few ms cannot hold ${N} posts (${seen.frame.scored} scored before the frame)`);
  await page.waitForFunction((n) => document.querySelectorAll('[data-fixture^="ff-big-"][data-notwork-label="pure_promo"]').length === n, N, WAIT);
  await settle(page);
  const badges = await page.evaluate(() => [...document.querySelectorAll('[data-fixture^="ff-big-"]')].map((a) => a.querySelectorAll('notwork-badge').length));
  assert.deepEqual([...new Set(badges)], [1], 'every post carries exactly one badge');
  await page.close();
});

test('service-worker path (strict CSP): nothing is scored synchronously, the badges still come', async () => {
  const page = await h.open('csp');
  await page.waitForFunction(() => document.documentElement.dataset.notworkEngineFallback, null, WAIT);
  await page.waitForFunction(() => document.documentElement.dataset.fixtureMore === 'done', null, WAIT);
  await settle(page);
  const seen = await insertAndLook(page, [{ from: 'x-promo-1', tag: 'csp', status: '1900000000000000721', text: PROMO(7) }]);
  assert.equal(seen.microtask.scored, 0, 'no synchronous scoring without the in-page engine');
  await page.waitForSelector('[data-fixture="ff-csp-0"][data-notwork-label="pure_promo"]', WAIT);
  const stats = await inExtensionWorld(page, () => ({ ...Notwork.badges.stats }));
  assert.equal(stats.firstFrame, 0);
  await page.close();
});
