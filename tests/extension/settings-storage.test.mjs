// extension/shared/settings.js against storage failures: settings are never lost.
// Each test checks the bytes stored afterwards, not only what the API answered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeProfile, makeContext, makeLocks } from './fake-chrome.mjs';

const plain = (v) => JSON.parse(JSON.stringify(v)); // out of the vm realm, for deepEqual

/** A document big enough to be chunked (over sync's 8 KB per item). */
function bigDoc(S, words = 'limited offer', n = 40) {
  const s = S.defaults();
  s.core.patterns = Array.from({ length: n }, (_, i) => ({
    id: `my-${i}`, pattern: `(?i)${words} ${i}`, label: 'pure_promo', weight: 1,
    description: `pattern ${i}: ` + 'the user spent time on this '.repeat(8),
  }));
  s.blogs = ['blog.example.org'];
  return s;
}
const chunkKeys = (items) => Object.keys(items).filter((k) => k.startsWith('settings.'));

test('a small document is one item; a large one is chunked under its generation, nothing stale', async () => {
  const p = makeProfile();
  const S = makeContext(p);
  const small = S.defaults();
  small.blogs = ['blog.example.org'];
  assert.equal((await S.save(small)).ok, true);
  assert.deepEqual(Object.keys(p.sync.snapshot()), ['settings']);
  assert.deepEqual(plain(p.sync.snapshot().settings.blogs), ['blog.example.org']);

  const big = bigDoc(S);
  assert.equal((await S.save(big)).ok, true);
  const snap = p.sync.snapshot();
  const head = snap.settings;
  assert.ok(head.chunks >= 2, 'chunked');
  assert.match(head.gen, /^[0-9a-z]+$/);
  assert.deepEqual(chunkKeys(snap).sort(), Array.from({ length: head.chunks }, (_, i) => `settings.${head.gen}.${i}`).sort());
  for (const [k, v] of Object.entries(snap)) assert.ok(Buffer.byteLength(k) + Buffer.byteLength(JSON.stringify(v)) <= 8192, `${k} fits an item`);
  assert.deepEqual(plain(await S.load()), plain(S.merge(S.defaults(), big)));

  // A second chunked save replaces every chunk of the first generation.
  const big2 = bigDoc(S, 'buy now', 45);
  assert.equal((await S.save(big2)).ok, true);
  const snap2 = p.sync.snapshot();
  assert.notEqual(snap2.settings.gen, head.gen);
  assert.ok(chunkKeys(snap2).every((k) => k.startsWith(`settings.${snap2.settings.gen}.`)), 'no chunk of the old generation is left');
  // …and going back to a small document removes the chunks too.
  assert.equal((await S.save(small)).ok, true);
  assert.deepEqual(Object.keys(p.sync.snapshot()), ['settings']);
});

test('the generation switch is atomic: after every single storage operation a reader sees the old or the new document', async () => {
  const p = makeProfile();
  const S = makeContext(p);
  const a = bigDoc(S, 'alpha', 40);
  const b = bigDoc(S, 'beta', 42);
  await S.save(a);
  p.sync.ops.length = 0;
  const seen = [];
  p.sync.watchers.push((snap) => {
    const r = S._inspect(snap);
    seen.push(r.problem ? 'problem: ' + r.problem.message : JSON.stringify(S.merge(S.defaults(), r.doc)));
  });
  assert.equal((await S.save(b)).ok, true);
  const A = JSON.stringify(S.merge(S.defaults(), a));
  const B = JSON.stringify(S.merge(S.defaults(), b));
  assert.ok(seen.length >= 3, `chunks, head, cleanup: ${seen.length} operations`);
  for (const s of seen) assert.ok(s === A || s === B, 'never a mix or a gap: ' + s.slice(0, 120));
  assert.equal(seen[0], A, 'new chunks first: the old document still reads');
  assert.equal(seen[seen.length - 1], B);
  assert.deepEqual(p.sync.ops.map((o) => o.split(':')[0]), ['set', 'set', 'remove'], 'write chunks, flip the head, delete the old');
  assert.equal(p.sync.ops[1], 'set:settings');
});

test('a missing chunk: load shows the defaults but every save is refused; the stored bytes stay; export keeps them', async () => {
  const p = makeProfile();
  const S = makeContext(p);
  const mine = bigDoc(S);
  await S.save(mine);
  const { gen } = p.sync.snapshot().settings;
  await p.sync.remove(`settings.${gen}.1`); // still syncing from another device
  const before = p.sync.snapshot();

  const shown = await S.load();
  assert.deepEqual(plain(shown), plain(S.defaults()), 'the defaults are shown meanwhile');
  assert.match(S.loadProblem(), /chunk 2 of \d+ is missing/);
  assert.equal(S.problem().kind, 'unreadable');

  // The one click that used to write the defaults over everything:
  const res = await S.dismissRules(['P3.feed_footprint']);
  assert.equal(res.ok, false);
  assert.equal(res.refused, true);
  assert.match(res.errors[0].message, /not saved: .*missing.*left untouched/);
  const saved = await S.save(shown);
  assert.equal(saved.ok, false);
  assert.equal(saved.refused, true);
  assert.deepEqual(p.sync.snapshot(), before, 'not one stored byte changed');

  const exported = JSON.parse(await S.exportJSON());
  assert.match(exported.notworkUnreadableSettings.problem, /missing/);
  assert.deepEqual(exported.notworkUnreadableSettings.items, before, 'export has every stored item');

  // The chunk arrives: everything is back and saves work again.
  await p.sync.set({ [`settings.${gen}.1`]: S._encode(S.merge(S.defaults(), mine), gen)[`settings.${gen}.1`] });
  assert.deepEqual(plain(await S.load()), plain(S.merge(S.defaults(), mine)));
  assert.equal(S.loadProblem(), null);
  assert.equal((await S.dismissRules(['P3.feed_footprint'])).ok, true);
  const after = await S.load();
  assert.deepEqual(plain(after.nudges.dismissedRules), ['P3.feed_footprint']);
  assert.equal(after.core.patterns.length, 40, 'the user\'s patterns survived');
});

test('a head without its chunks (first sync from another device) is not "nothing stored"', async () => {
  const p = makeProfile();
  const S = makeContext(p);
  const items = S._encode(S.merge(S.defaults(), bigDoc(S)), 'remote1');
  await p.sync.set(Object.fromEntries(Object.entries(items).filter(([k]) => k !== 'settings'))); // chunks first, no head yet
  const before = p.sync.snapshot();
  await S.load();
  assert.match(S.loadProblem(), /head is missing/);
  assert.equal((await S.save(S.defaults())).refused, true);
  assert.deepEqual(p.sync.snapshot(), before);
});

test('mixed generations: chunks from two saves are detected, never parsed into a hybrid, never overwritten', async () => {
  const p = makeProfile();
  const S = makeContext(p);
  const a = S.merge(S.defaults(), bigDoc(S, 'alpha', 40));
  const b = S.merge(S.defaults(), bigDoc(S, 'beta', 40));
  const longer = S.merge(S.defaults(), bigDoc(S, 'gamma-delta', 40));
  // New layout: the head names generation g1 but one of its keys holds another save's piece.
  const ia = S._encode(a, 'g1');
  const ib = S._encode(b, 'g1');
  await p.sync.set({ ...ia, 'settings.g1.1': ib['settings.g1.1'] });
  let before = p.sync.snapshot();
  await S.load();
  assert.match(S.loadProblem(), /different saves/);
  assert.equal((await S.save(a)).refused, true);
  assert.equal((await S.dismissRules(['P3.feed_footprint'])).refused, true);
  assert.deepEqual(p.sync.snapshot(), before);

  // The old layout (settings.chunk.<i>, no checksum) mixed by a sync: refused as well.
  await p.sync.clear();
  const text = (d) => JSON.stringify(d);
  const ta = text(a);
  const tb = text(longer);
  const pieces = (t) => Array.from({ length: Math.ceil(t.length / 5000) }, (_, i) => t.slice(i * 5000, (i + 1) * 5000));
  const legacy = (parts) => Object.assign({ settings: { schema: 1, chunks: parts.length } }, ...parts.map((x, i) => ({ [`settings.chunk.${i}`]: x })));
  const pa = pieces(ta);
  const pb = pieces(tb);
  assert.ok(pa.length >= 2 && pb.length >= pa.length);
  // (The old layout cannot tell two saves of the same length apart — the reason for gen + sum;
  // chunks of a longer save end the text in the wrong place.)
  await p.sync.set(legacy([pa[0], ...pb.slice(1, pa.length)]));
  before = p.sync.snapshot();
  await S.load();
  assert.ok(S.loadProblem(), 'a problem is reported: ' + S.loadProblem());
  assert.equal((await S.save(a)).ok, false);
  assert.deepEqual(p.sync.snapshot(), before);

  // An intact old-layout document still loads, and the next save moves it to the new layout.
  await p.sync.clear();
  await p.sync.set(legacy(pa));
  assert.deepEqual(plain(await S.load()), plain(a));
  assert.equal((await S.dismissRules(['P8.duplicate'])).ok, true);
  const snap = p.sync.snapshot();
  assert.ok(!Object.keys(snap).some((k) => k.startsWith('settings.chunk.')), 'old-layout chunks removed');
  assert.equal((await S.load()).core.patterns.length, 40);
});

test('a quota error leaves the previous document byte for byte, without half-written chunks', async () => {
  const p = makeProfile();
  const S = makeContext(p);
  const a = bigDoc(S, 'alpha', 40);
  await S.save(a);
  const before = p.sync.snapshot();
  // Something else fills sync storage: the new chunks no longer fit.
  p.sync.quotaBytes = p.sync.bytesInUse() + 2000;
  const res = await S.save(bigDoc(S, 'beta', 44));
  assert.equal(res.ok, false);
  assert.match(res.errors[0].message, /refused the settings: QUOTA_BYTES quota exceeded/);
  assert.deepEqual(p.sync.snapshot(), before);
  p.sync.quotaBytes = 102400;

  // The chunks went in but the head write failed: the new chunks are removed again.
  p.sync.failures.push(null); // placeholder replaced below
  p.sync.failures = [];
  const realSet = p.sync.set.bind(p.sync);
  let calls = 0;
  p.sync.set = async (items) => { if (++calls === 2) throw new Error('MAX_WRITE_OPERATIONS_PER_MINUTE quota exceeded'); return realSet(items); };
  const res2 = await S.save(bigDoc(S, 'gamma', 41));
  p.sync.set = realSet;
  assert.equal(res2.ok, false);
  assert.match(res2.errors[0].message, /MAX_WRITE_OPERATIONS_PER_MINUTE/);
  assert.deepEqual(p.sync.snapshot(), before, 'no orphan chunks');
  assert.deepEqual(plain(await S.load()), plain(S.merge(S.defaults(), a)));

  // A document too large to keep two copies is refused before anything is written.
  const huge = bigDoc(S, 'huge', 190);
  const res3 = await S.save(huge);
  assert.equal(res3.ok, false);
  assert.match(res3.errors[0].message, /too large/);
  assert.deepEqual(p.sync.snapshot(), before);
});

test('a newer schema from another device is never overwritten by a click here; export hands it over as is', async () => {
  const p = makeProfile();
  const S = makeContext(p);
  const newer = { schema: 2, core: { version: 1 }, feeds: { something: 'new' }, nudges: { enabled: false, dismissedRules: ['P3.feed_footprint'] } };
  await p.sync.set({ settings: newer });
  const before = p.sync.snapshot();
  const shown = await S.load();
  assert.deepEqual(plain(shown), plain(S.defaults()));
  assert.equal(S.problem().kind, 'newer');
  assert.match(S.loadProblem(), /newer Notwork \(schema 2\)/);
  for (const attempt of [() => S.save(shown), () => S.dismissRules(['P8.duplicate']), () => S.update((s) => { s.blogs = ['x.example']; return s; })]) {
    const r = await attempt();
    assert.equal(r.ok, false);
    assert.equal(r.refused, true);
    assert.match(r.errors[0].message, /newer Notwork/);
  }
  assert.deepEqual(p.sync.snapshot(), before);
  assert.deepEqual(JSON.parse(await S.exportJSON()), newer, 'export gives the newer document itself');
  // A chunked newer document (head only readable) is refused the same way.
  await p.sync.clear();
  await p.sync.set({ settings: { schema: 3, chunks: 4, gen: 'zz', parts: 'whatever the new layout is' } });
  await S.load();
  assert.equal(S.problem().kind, 'newer');
  assert.equal((await S.save(S.defaults())).refused, true);
  // An explicit import (the user's own file) or reset may replace it.
  const imp = await S.importJSON(JSON.stringify({ schema: 1, blogs: ['blog.example.org'] }));
  assert.equal(imp.ok, true, JSON.stringify(imp.errors));
  assert.deepEqual(plain(p.sync.snapshot().settings.blogs), ['blog.example.org']);
});

test('two writers at once (two extension contexts sharing one profile): no change is lost', async () => {
  const p = makeProfile();
  const locks = makeLocks();
  const tab = makeContext(p, { locks });
  const worker = makeContext(p, { locks });
  await tab.save(bigDoc(tab, 'alpha', 30)); // chunked: every write is several operations
  let seed = 7;
  const rnd = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
  p.sync.delay = () => Math.floor(rnd() * 4);
  const rules = (prefix, n) => Array.from({ length: n }, (_, i) => `${prefix}.rule_${i}`);
  const [ra, rb] = [rules('P3', 12), rules('P8', 12)];
  const results = await Promise.all([
    ...ra.map((r) => tab.dismissRules([r])),
    ...rb.map((r) => worker.dismissRules([r])),
    worker.update((s) => { s.blogs = [...s.blogs, 'second.example.org']; return s; }),
    tab.update((s) => { s.mastodonInstances = [...s.mastodonInstances, 'hachyderm.io']; return s; }),
  ]);
  assert.ok(results.every((r) => r.ok), JSON.stringify(results.filter((r) => !r.ok)));
  p.sync.delay = () => 0;
  const final = await makeContext(p).load();
  assert.deepEqual(plain(final.nudges.dismissedRules).sort(), [...ra, ...rb].sort(), 'every dismissal is stored');
  assert.deepEqual(plain(final.blogs), ['blog.example.org', 'second.example.org']);
  assert.deepEqual(plain(final.mastodonInstances), ['mastodon.social', 'hachyderm.io']);
  assert.equal(final.core.patterns.length, 30);
  const snap = p.sync.snapshot();
  assert.ok(Object.keys(snap).every((k) => k === 'settings' || k.startsWith(`settings.${snap.settings.gen}.`)), 'one generation stored');

  // Within one context (no Web Locks, e.g. Node or an old browser) the queue does the same.
  const q = makeProfile();
  const solo = makeContext(q);
  q.sync.delay = () => Math.floor(rnd() * 3);
  await Promise.all(ra.map((r) => solo.dismissRules([r])));
  q.sync.delay = () => 0;
  assert.deepEqual(plain((await solo.load()).nudges.dismissedRules).sort(), [...ra].sort());
});

test('the same two writers without the exclusive read-modify-write lose changes (what the test guards against)', async () => {
  const p = makeProfile();
  const a = makeContext(p);
  const b = makeContext(p);
  p.sync.delay = () => 1;
  const naive = async (S, rule) => { const s = await S.load(); s.nudges.dismissedRules.push(rule); return S.save(s); };
  await Promise.all([naive(a, 'P3.one'), naive(b, 'P8.two')]);
  p.sync.delay = () => 0;
  assert.equal((await a.load()).nudges.dismissedRules.length, 1, 'load-then-save loses one: the fake storage interleaves like the real one');
});

test('muted authors and dismissed rules are capped; a full list refuses and says so, nothing is dropped', async () => {
  const p = makeProfile();
  const S = makeContext(p);
  const full = Object.fromEntries(Array.from({ length: S.MUTED_MAX }, (_, i) => [`x:user${i}`, true]));
  await p.local.set({ mutedAuthors: full });
  const r = await S.setMuted('x:one_more', true);
  assert.equal(r.ok, false);
  assert.equal(r.full, true);
  assert.match(r.message, /already hides 2000 accounts/);
  assert.equal(Object.keys(p.local.snapshot().mutedAuthors).length, S.MUTED_MAX);
  assert.ok(!p.local.snapshot().mutedAuthors['x:one_more']);
  assert.equal((await S.setMuted('x:user5', false)).ok, true, 'un-muting works when full');
  assert.equal((await S.setMuted('x:one_more', true)).ok, true, 'then there is room again');
  const long = 'x:' + 'a'.repeat(S.MUTED_KEY_MAX);
  const r2 = await S.setMuted(long, true);
  assert.equal(r2.ok, false);
  assert.equal(r2.tooLong, true);
  assert.equal((await S.setMuted('nosuchsite:me', true)).ok, false);
  assert.ok(!(long in p.local.snapshot().mutedAuthors));

  const many = Array.from({ length: S.DISMISSED_MAX }, (_, i) => `custom.p${i}`);
  assert.equal((await S.dismissRules(many)).ok, true);
  const before = p.sync.snapshot();
  const r3 = await S.dismissRules(['P3.feed_footprint']);
  assert.equal(r3.ok, false);
  assert.equal(r3.full, true);
  assert.match(r3.errors[0].message, /already hides 256 nudge rules/);
  assert.deepEqual(p.sync.snapshot(), before);
  assert.equal((await S.dismissRules(['x'.repeat(S.RULE_ID_MAX + 1)])).ok, false);
  const bad = S.defaults();
  bad.nudges.dismissedRules = [...many, 'one.too.many'];
  assert.ok(S.validate(bad).some((e) => e.path === '/nudges/dismissedRules'));
});

test('opened links: bounded, normalised, answered per link', async () => {
  const p = makeProfile();
  const S = makeContext(p);
  assert.equal(await S.recordOpenedLink('https://www.example.org/a/?utm_source=x#top'), true);
  assert.equal(await S.recordOpenedLink('javascript:alert(1)'), false);
  assert.equal(await S.recordOpenedLink('https://example.org/' + 'x'.repeat(5000)), false);
  assert.deepEqual(plain(await S.openedAmong(['http://example.org/a', 'https://example.org/b', 42, null])), [true, false, false, false]);
  const many = Array.from({ length: 200 }, () => 'https://example.org/a');
  assert.equal((await S.openedAmong(many)).length, S.QUERY_MAX);
  await Promise.all(Array.from({ length: S.OPENED_LINKS_MAX + 20 }, (_, i) => S.recordOpenedLink(`https://example.org/p/${i}`)));
  const list = p.local.snapshot().openedLinks;
  assert.equal(list.length, S.OPENED_LINKS_MAX, 'concurrent records all counted, list bounded');
  assert.equal(list[list.length - 1], `example.org/p/${S.OPENED_LINKS_MAX + 19}`);
});

test('onChange does not hand the defaults to a tab while the stored document is unreadable', async () => {
  const p = makeProfile();
  const S = makeContext(p);
  await S.save(bigDoc(S));
  const got = [];
  S.onChange((s) => got.push(s.core.patterns ? s.core.patterns.length : 0));
  const { gen, chunks } = p.sync.snapshot().settings;
  const item = p.sync.snapshot()[`settings.${gen}.0`];
  await p.sync.remove(`settings.${gen}.0`);
  await new Promise((r) => setTimeout(r, 20));
  assert.deepEqual(got, [], 'no callback with the defaults');
  await p.sync.set({ [`settings.${gen}.0`]: item });
  await new Promise((r) => setTimeout(r, 20));
  assert.deepEqual(got, [40]);
  assert.ok(chunks >= 2);
});

test('a content script never waits on the page\'s Web Locks (a page could hold them forever)', async () => {
  const p = makeProfile();
  const held = { request: () => new Promise(() => {}) }; // the page holds every lock
  const content = makeContext(p, { locks: held, protocol: 'https:' });
  const res = await Promise.race([content.setMuted('x:someone', true), new Promise((r) => setTimeout(() => r('stalled'), 2000))]);
  assert.notEqual(res, 'stalled');
  assert.equal(res.ok, true);
  // An extension page does use them (and would wait here): the lock is what keeps writers apart.
  const page = makeContext(p, { locks: held });
  const r2 = await Promise.race([page.setMuted('x:other', true), new Promise((r) => setTimeout(() => r('waits'), 300))]);
  assert.equal(r2, 'waits');
});
