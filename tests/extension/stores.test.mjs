// What Notwork remembers locally (extension/shared/settings.js): trusted authors, paused sites
// and the opened-links history — bounded, validated, re-read before every change, expiring.
// Each test checks what is stored afterwards, not only what the API answered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeProfile, makeContext, makeLocks } from './fake-chrome.mjs';

const plain = (v) => JSON.parse(JSON.stringify(v)); // out of the vm realm, for deepEqual
const DAY = 24 * 60 * 60 * 1000;

test('setTrusted: stored as {"<site>:<handle>": true}, counted, undone, unchanged twice', async () => {
  const p = makeProfile();
  const S = makeContext(p);
  const r = await S.setTrusted('x:lenaparks', true);
  assert.deepEqual(plain(r), { ok: true, trusted: 1 });
  assert.deepEqual(p.local.snapshot().trustedAuthors, { 'x:lenaparks': true });
  const again = await S.setTrusted('x:lenaparks', true);
  assert.equal(again.ok, true);
  assert.equal(again.unchanged, true);
  assert.equal(again.trusted, 1);
  assert.equal((await S.setTrusted('mastodon:ada@mastodon.social', true)).trusted, 2);
  assert.deepEqual(plain(await S.trustedAuthors()), { 'x:lenaparks': true, 'mastodon:ada@mastodon.social': true });
  assert.deepEqual(plain(await S.setTrusted('x:lenaparks', false)), { ok: true, trusted: 1 });
  assert.deepEqual(p.local.snapshot().trustedAuthors, { 'mastodon:ada@mastodon.social': true });
  // Trust and mute are separate stores.
  assert.equal(p.local.snapshot().mutedAuthors, undefined);
});

test('setTrusted: the muted authors\' caps and key rules; a full list refuses and drops nothing', async () => {
  const p = makeProfile();
  const S = makeContext(p);
  assert.equal(S.TRUSTED_MAX, S.MUTED_MAX);
  const full = Object.fromEntries(Array.from({ length: S.TRUSTED_MAX }, (_, i) => [`x:user${i}`, true]));
  await p.local.set({ trustedAuthors: full });
  const r = await S.setTrusted('x:one_more', true);
  assert.equal(r.ok, false);
  assert.equal(r.full, true);
  assert.equal(r.trusted, S.TRUSTED_MAX);
  assert.match(r.message, /already trusts 2000 accounts/);
  assert.equal(Object.keys(p.local.snapshot().trustedAuthors).length, S.TRUSTED_MAX);
  assert.ok(!p.local.snapshot().trustedAuthors['x:one_more']);
  assert.equal((await S.setTrusted('x:user7', false)).ok, true, 'untrusting works when full');
  assert.equal((await S.setTrusted('x:one_more', true)).ok, true, 'then there is room again');

  for (const bad of ['x:' + 'a'.repeat(S.MUTED_KEY_MAX), 'nosuchsite:me', 'x:', ':me', 'lenaparks', '', 42, null, undefined]) {
    const res = await S.setTrusted(bad, true);
    assert.equal(res.ok, false, `refused: ${String(bad).slice(0, 20)}`);
    assert.ok(res.message, 'and says why');
  }
  assert.equal((await S.setTrusted('x:' + 'a'.repeat(S.MUTED_KEY_MAX), true)).tooLong, true);
  assert.equal(Object.keys(p.local.snapshot().trustedAuthors).length, S.TRUSTED_MAX);
});

test('setTrusted re-reads first: two extension contexts trusting at once lose nothing; another tab\'s change is kept', async () => {
  const p = makeProfile();
  const locks = makeLocks();
  const a = makeContext(p, { locks });
  const b = makeContext(p, { locks });
  let n = 0;
  p.local.delay = () => (n++ % 3) * 2; // interleave the reads and writes
  const names = Array.from({ length: 30 }, (_, i) => `bluesky:user${i}.bsky.social`);
  await Promise.all(names.map((k, i) => (i % 2 ? a : b).setTrusted(k, true)));
  assert.deepEqual(Object.keys(p.local.snapshot().trustedAuthors).sort(), names.slice().sort());
  // Written behind this context's back (another device's options, a test): kept by the next change.
  const cur = p.local.snapshot().trustedAuthors;
  await p.local.set({ trustedAuthors: Object.assign({}, cur, { 'reddit:spez': true }) });
  await a.setTrusted('x:lenaparks', true);
  const after = p.local.snapshot().trustedAuthors;
  assert.equal(after['reddit:spez'], true);
  assert.equal(after['x:lenaparks'], true);
  assert.equal(Object.keys(after).length, 32);
});

test('clearAuthors empties one list only', async () => {
  const p = makeProfile();
  const S = makeContext(p);
  await S.setTrusted('x:a', true);
  await S.setMuted('x:b', true);
  assert.equal((await S.clearAuthors('trustedAuthors')).ok, true);
  assert.equal(p.local.snapshot().trustedAuthors, undefined);
  assert.deepEqual(p.local.snapshot().mutedAuthors, { 'x:b': true });
  assert.equal((await S.clearAuthors('settings')).ok, false, 'not an author list: nothing removed');
  assert.equal((await S.clearAuthors('mutedAuthors')).ok, true);
  assert.equal(p.local.snapshot().mutedAuthors, undefined);
});

test('opened links expire after OPENED_LINKS_DAYS: ignored on read, dropped on write', async () => {
  const p = makeProfile();
  const S = makeContext(p);
  const t0 = Date.UTC(2026, 10, 1);
  assert.equal(S.OPENED_LINKS_DAYS, 30);
  await S.recordOpenedLink('https://example.org/old', t0);
  await S.recordOpenedLink('https://example.org/new', t0 + 20 * DAY);
  assert.deepEqual(plain(await S.openedAmong(['https://example.org/old', 'https://example.org/new'], t0 + 29 * DAY)), [true, true]);
  // Day 31 after the first: the old one is no longer "opened", though still stored until a write.
  const day31 = t0 + 31 * DAY;
  assert.deepEqual(plain(await S.openedAmong(['https://example.org/old', 'https://example.org/new'], day31)), [false, true]);
  assert.equal((await S.openedLinksInfo(day31)).count, 1);
  assert.deepEqual(p.local.snapshot().openedLinks, ['example.org/old', 'example.org/new']);
  await S.recordOpenedLink('https://example.org/third', day31);
  assert.deepEqual(p.local.snapshot().openedLinks, ['example.org/new', 'example.org/third'], 'the expired entry is dropped on write');
  assert.deepEqual(p.local.snapshot().openedLinksAt, [t0 + 20 * DAY, day31]);
  // Opening a link again refreshes it (LRU: moved last, with the new time).
  await S.recordOpenedLink('https://www.example.org/new/', day31 + DAY);
  assert.deepEqual(p.local.snapshot().openedLinks, ['example.org/third', 'example.org/new']);
  assert.deepEqual(p.local.snapshot().openedLinksAt, [day31, day31 + DAY]);
  assert.deepEqual(plain(await S.openedAmong(['https://example.org/new'], day31 + 30 * DAY)), [true], 'timed from its last opening');
  assert.deepEqual(plain(await S.openedAmong(['https://example.org/new'], day31 + 32 * DAY)), [false]);
});

test('opened links stored before they had times: kept, then timed from the first write', async () => {
  const p = makeProfile();
  const S = makeContext(p);
  await p.local.set({ openedLinks: ['example.org/a', 'example.org/b'] }); // the earlier format
  const now = Date.UTC(2026, 11, 1);
  assert.deepEqual(plain(await S.openedAmong(['https://example.org/a'], now)), [true]);
  await S.recordOpenedLink('https://example.org/c', now);
  assert.deepEqual(p.local.snapshot().openedLinks, ['example.org/a', 'example.org/b', 'example.org/c']);
  assert.deepEqual(p.local.snapshot().openedLinksAt, [now, now, now]);
  assert.deepEqual(plain(await S.openedAmong(['https://example.org/a'], now + 31 * DAY)), [false]);
});

test('opened links: info reports count, stored bytes and bound; clear removes both keys', async () => {
  const p = makeProfile();
  const S = makeContext(p);
  assert.deepEqual(plain(await S.openedLinksInfo()), { count: 0, bytes: 0, oldest: null, days: 30, max: S.OPENED_LINKS_MAX });
  const now = Date.now();
  await S.recordOpenedLink('https://example.org/a', now - DAY);
  await S.recordOpenedLink('https://example.org/b', now);
  const info = await S.openedLinksInfo(now);
  assert.equal(info.count, 2);
  assert.equal(info.oldest, now - DAY);
  const snap = p.local.snapshot();
  const expected = ['openedLinks', 'openedLinksAt'].reduce((n, k) => n + k.length + JSON.stringify(snap[k]).length, 0);
  assert.equal(info.bytes, expected);
  assert.equal((await S.clearOpenedLinks()).ok, true);
  assert.equal(p.local.snapshot().openedLinks, undefined);
  assert.equal(p.local.snapshot().openedLinksAt, undefined);
  assert.deepEqual(plain(await S.openedAmong(['https://example.org/a'])), [false]);
});

test('pause on a site: per host, normalised, bounded, re-read', async () => {
  const p = makeProfile();
  const S = makeContext(p);
  assert.equal(await S.isPaused('x.com'), false);
  assert.deepEqual(plain(await S.setPaused('X.com', true)), { ok: true, paused: true, count: 1 });
  assert.deepEqual(p.local.snapshot().pausedSites, { 'x.com': true });
  assert.equal(await S.isPaused('x.com'), true);
  assert.equal(await S.isPaused('mastodon.social'), false);
  assert.equal((await S.setPaused('not a host', true)).ok, false);
  assert.equal((await S.setPaused(42, true)).ok, false);
  await p.local.set({ pausedSites: { 'x.com': true, 'bsky.app': true } }); // another context
  assert.equal((await S.setPaused('x.com', false)).ok, true);
  assert.deepEqual(p.local.snapshot().pausedSites, { 'bsky.app': true });
  const full = Object.fromEntries(Array.from({ length: S.PAUSED_MAX }, (_, i) => [`s${i}.example.org`, true]));
  await p.local.set({ pausedSites: full });
  const r = await S.setPaused('x.com', true);
  assert.equal(r.ok, false);
  assert.equal(r.full, true);
  assert.equal(Object.keys(p.local.snapshot().pausedSites).length, S.PAUSED_MAX);
  assert.equal((await S.setPaused('s3.example.org', false)).ok, true, 'resuming works when full');
});
