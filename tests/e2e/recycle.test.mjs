// A virtualized timeline that recycles its nodes while scrolling, plus SPA navigation:
// never two badges on a post, never a badge left on the wrong post, verdicts stable per post.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, settle } from './harness.mjs';

let h;
before(async () => { h = await launch(); });
after(async () => { if (h) await h.close(); });

/** Every rendered post with its own key, its badges' keys and its label (main world). */
const snapshot = (page) => page.evaluate(() => [...document.querySelectorAll('article[data-testid="tweet"]')]
  .filter((a) => a.offsetParent !== null)
  .map((a) => {
    const link = a.querySelector('a[href*="/status/"] > time').parentElement.getAttribute('href');
    return { key: 'x:' + link.split('/status/')[1], fixture: a.getAttribute('data-fixture'), label: a.getAttribute('data-notwork-label'),
      badges: [...a.querySelectorAll('notwork-badge')].map((b) => ({ key: b.getAttribute('data-key'), label: b.getAttribute('label') })) };
  }));

function check(rows, firstSeen, where) {
  for (const r of rows) {
    assert.ok(r.badges.length <= 1, `${where}: ${r.fixture} has ${r.badges.length} badges`);
    for (const b of r.badges) {
      assert.equal(b.key, r.key, `${where}: ${r.fixture} carries the badge of another post (${b.key})`);
      assert.equal(b.label, r.label, `${where}: badge and data-notwork-label disagree on ${r.fixture}`);
    }
    if (!r.label) assert.equal(r.badges.length, 0);
    if (firstSeen.has(r.key)) assert.equal(r.label, firstSeen.get(r.key), `${where}: ${r.fixture} changed its verdict after recycling`);
    else firstSeen.set(r.key, r.label);
  }
}

test('recycled nodes and SPA navigation keep badges right', async () => {
  const page = await h.open('recycle');
  await settle(page);
  const firstSeen = new Map();
  let rows = await snapshot(page);
  assert.equal(rows.length, 8);
  check(rows, firstSeen, 'initial');
  assert.ok(rows.some((r) => r.label), 'some posts are badged');
  const poolBefore = await page.evaluate(() => document.querySelectorAll('article[data-testid="tweet"]').length);

  let badgedSeen = 0;
  for (const first of [3, 7, 12, 2, 20, 31, 0, 15]) {
    await page.evaluate((f) => window.fixtureScrollTo(f), first);
    await settle(page, { quietMs: 250 });
    rows = await snapshot(page);
    check(rows, firstSeen, `scrolled to ${first}`);
    badgedSeen += rows.filter((r) => r.label).length;
  }
  assert.equal(await page.evaluate(() => document.querySelectorAll('article[data-testid="tweet"]').length), poolBefore, 'nodes were recycled, not created');
  assert.ok(firstSeen.size >= 30, `saw ${firstSeen.size} distinct posts`);
  assert.ok(badgedSeen > 10);

  // SPA navigation: same nodes, new page, new posts; nothing from /home may remain.
  const homeKeys = new Set(firstSeen.keys());
  await page.evaluate(() => window.fixtureNavigate('explore'));
  await settle(page, { quietMs: 250 });
  assert.match(page.url(), /\/notwork\/recycle\/explore$/);
  rows = await snapshot(page);
  for (const r of rows) {
    assert.ok(!homeKeys.has(r.key));
    for (const b of r.badges) assert.ok(!homeKeys.has(b.key), 'a badge from the previous page survived navigation');
  }
  check(rows, new Map(), 'explore');
  assert.ok(rows.some((r) => r.label), 'the new page is badged');
  assert.deepEqual(page.notworkErrors, []);
  await page.close();
});
