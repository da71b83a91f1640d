// extension/shared/corrections.js: "This badge is wrong" as a bounded online logistic step of
// the fitted model, stored locally with caps, undone exactly, exported and imported with the
// settings, damaged data reported and never lost. The catalogue and the scores come from the
// real wasm core (extension/generated), the fitted model from core/data/weights.json.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { ROOT, makeProfile, makeLocks } from './fake-chrome.mjs';

const require = createRequire(import.meta.url);
const plain = (v) => JSON.parse(JSON.stringify(v));
const SRC = ['extension/shared/settings.js', 'extension/shared/corrections.js'].map((f) => [f, fs.readFileSync(path.join(ROOT, f), 'utf8')]);
const FITTED = JSON.parse(fs.readFileSync(path.join(ROOT, 'core/data/weights.json'), 'utf8')).labels;

/** A fresh extension context (settings.js + corrections.js) over `profile`. */
function makeContext(profile, { locks } = {}) {
  const listeners = [];
  for (const a of [profile.sync, profile.local]) a.listeners.push((c, n) => listeners.forEach((l) => l(c, n)));
  const chrome = { storage: { sync: profile.sync, local: profile.local, onChanged: { addListener: (l) => listeners.push(l), removeListener() {} } } };
  const sandbox = { chrome, TextEncoder, URL, URLSearchParams, console, setTimeout, queueMicrotask, location: { protocol: 'chrome-extension:' } };
  if (locks) sandbox.navigator = { locks };
  vm.createContext(sandbox);
  for (const [f, text] of SRC) vm.runInContext(text, sandbox, { filename: f });
  return { S: sandbox.NotworkSettings, C: sandbox.NotworkCorrections };
}

let engine;
let catalogue;
before(async () => {
  const NE = require(path.join(ROOT, 'extension/generated/notwork.js'));
  engine = await NE.create({
    wasmBinary: fs.readFileSync(path.join(ROOT, 'extension/generated/notwork-core.wasm')),
    modulePath: path.join(ROOT, 'extension/generated/notwork-core.js'),
  });
  catalogue = engine.catalogue();
});

const FEED = { id: '1900000000000000101', site: 'x', author: 'dailytechwire', text: 'New post: How cities are rethinking bike lanes after the pilot… https://dailytechwire.com/2026/03/14/bike-lanes-pilot-results #rss' };
const FEED2 = { id: '1900000000000000104', site: 'x', author: 'dailytechwire', text: 'New post: Five things we learned from the battery recall… https://dailytechwire.com/2026/03/14/battery-recall-lessons #rss' };
const PERSON = { id: '1900000000000000106', site: 'x', author: 'jo_walks', text: 'Rainy morning here, so the dog and I took the long way round the park. Worth it.' };

/** Scores `post` with `core` (a fresh context each time, so results are comparable). */
function score(post, core) {
  const r = engine.configure(core || { version: 1 });
  assert.equal(r.ok, true, JSON.stringify(r.errors));
  engine.resetContext();
  const { id, ...rest } = post;
  return engine.scoreBatch([{ ...rest, id }])[0];
}
/** What a tab sends: the post's reference and its reasons as scored. */
const correction = (C, post, result, label, right) => ({
  site: post.site, author: post.author, post: C.postRef(post), label, right,
  reasons: result.reasons.map(({ rule, label: l, contribution }) => ({ rule, label: l, contribution })),
});
const model = (core) => ({ fitted: FITTED, catalogue, core: core || { version: 1 } });

test('"This badge is wrong" lowers the rules that made the badge by a bounded step, and the score with them', async () => {
  const p = makeProfile();
  const { C } = makeContext(p);
  const before = score(FEED);
  assert.equal(before.label, 'autofeed');
  const res = await C.add(correction(C, FEED, before, 'autofeed', false), model());
  assert.equal(res.ok, true, res.message);
  const moved = plain(res.moved);
  // Every rule that argued for autofeed is lowered, none by more than 4 %.
  for (const r of before.reasons.filter((x) => x.label === 'autofeed' && x.contribution > 0)) {
    assert.ok(moved[r.rule] < 0, `${r.rule} lowered (${moved[r.rule]})`);
  }
  for (const d of Object.values(moved)) assert.ok(Math.abs(d) <= C.STEP_MAX + 1e-12, `step ${d} within ${C.STEP_MAX}`);
  assert.equal(moved['P2.own_domain'], undefined, 'a rule on another label does not move');
  // The stored entry: no text, the strengths on that label, the time.
  const stored = p.local.snapshot().corrections;
  assert.equal(stored.v, 1);
  assert.equal(stored.list.length, 1);
  const e = stored.list[0];
  assert.deepEqual(Object.keys(e).sort(), ['author', 'base', 'id', 'label', 'post', 'right', 'site', 'step', 'strengths', 'time']);
  assert.equal(e.post, 'id:' + FEED.id);
  assert.ok(!JSON.stringify(stored).includes('bike lanes'), 'the post\'s text is never stored');
  const c = before.reasons.find((x) => x.rule === 'P3.title_link' && x.label === 'autofeed').contribution;
  assert.ok(Math.abs(e.strengths['P3.title_link'] - c / FITTED.autofeed.weights['P3.title_link']) < 1e-3, 'strength = contribution ÷ weight');
  // The engine, configured with the corrections, scores the same post and a similar one lower.
  const core = C.composeCore({ version: 1 }, stored.list);
  const after = score(FEED, core);
  assert.ok(after.scores.autofeed < before.scores.autofeed, `${after.scores.autofeed} < ${before.scores.autofeed}`);
  const title = (r) => r.reasons.find((x) => x.rule === 'P3.title_link').contribution;
  assert.ok(title(after) < title(before));
  assert.ok(score(FEED2, core).scores.autofeed < score(FEED2).scores.autofeed, 'a similar post too');
  // With the user's threshold a little below the score, one correction un-badges the post.
  const th = { version: 1, thresholds: { autofeed: Math.floor((before.scores.autofeed - 0.005) * 100) / 100 } };
  assert.equal(score(FEED, th).label, 'autofeed');
  assert.notEqual(score(FEED, C.composeCore(th, stored.list)).label, 'autofeed');
});

test('"this is a feed" on an unbadged post raises what argued for it and lowers what argued against', async () => {
  const { C } = makeContext(makeProfile());
  const r = score(PERSON);
  assert.ok(!['autofeed', 'pure_promo'].includes(r.label));
  const res = await C.add(correction(C, PERSON, r, 'autofeed', true), model());
  assert.equal(res.ok, true, res.message);
  // Its only autofeed evidence is against (personal voice): that weight is lowered.
  assert.ok(res.moved['P15.personal_voice'] < 0);
  assert.ok(score(PERSON, C.composeCore({ version: 1 }, [res.entry])).scores.autofeed > r.scores.autofeed);
  // A post with no rule on that label cannot be corrected: said so, nothing stored.
  const none = await C.add(correction(C, PERSON, r, 'pure_promo', true), model());
  assert.equal(none.ok, false);
  assert.equal(none.nothing, true);
  assert.equal((await C.read()).list.length, 1);
});

test('a comment\'s step includes the model\'s comment base rate (comment_bias)', () => {
  const { C } = makeContext(makeProfile());
  const strengths = { 'P17.generic_praise': 1 };
  const post = C.stepOf('pure_promo', false, strengths, model());
  const comment = C.stepOf('pure_promo', false, strengths, model(), true);
  const sig = (z) => 1 / (1 + Math.exp(-z));
  const w = FITTED.pure_promo.weights['P17.generic_praise'];
  assert.equal(post.p, Math.round(sig(FITTED.pure_promo.bias + w) * 1e4) / 1e4);
  assert.equal(comment.p, Math.round(sig(FITTED.pure_promo.bias + (FITTED.pure_promo.comment_bias || 0) + w) * 1e4) / 1e4);
});

test('steps are bounded for any strengths; multipliers stay within [0.5, 1.5] however many corrections', () => {
  const { C } = makeContext(makeProfile());
  const rules = Object.keys(FITTED.pure_promo.weights).filter((r) => catalogue.rules.find((x) => x.id === r && x.weight > 0));
  fc.assert(fc.property(
    fc.dictionary(fc.constantFrom(...rules), fc.double({ min: -3, max: 3, noNaN: true }), { maxKeys: 12 }),
    fc.boolean(),
    (strengths, right) => {
      const s = C.stepOf('pure_promo', right, strengths, model());
      for (const [r, d] of Object.entries(s.step)) {
        if (!(Math.abs(d) <= C.STEP_MAX)) return false;
        // The direction of the log-loss gradient: "right" pushes the evidence up, "wrong" down.
        if (Math.sign(d) !== Math.sign((right ? 1 : -1) * strengths[r])) return false;
        if (s.base[r] !== catalogue.rules.find((x) => x.id === r).weight) return false;
      }
      return true;
    }), { numRuns: 300 });
  const step = C.stepOf('autofeed', false, { 'P3.title_link': 1 }, model());
  const many = Array.from({ length: 40 }, (_, i) => ({ id: 'c' + i, step: step.step, base: step.base }));
  assert.equal(C.multipliers(many)['P3.title_link'], C.M_MIN);
  const up = C.stepOf('autofeed', true, { 'P3.title_link': 1 }, model());
  assert.equal(C.multipliers(Array.from({ length: 40 }, () => ({ step: up.step })))['P3.title_link'], C.M_MAX);
  // Deterministic: the same correction, the same step.
  assert.deepEqual(plain(C.stepOf('autofeed', false, { 'P3.title_link': 1, 'P18.own_feed': 0.8 }, model())), plain(C.stepOf('autofeed', false, { 'P18.own_feed': 0.8, 'P3.title_link': 1 }, model())));
});

test('undo removes exactly one correction\'s step; the multipliers do not depend on order; reset empties', async () => {
  const p = makeProfile();
  const { C } = makeContext(p);
  const a = await C.add(correction(C, FEED, score(FEED), 'autofeed', false), model());
  const b = await C.add(correction(C, FEED2, score(FEED2), 'autofeed', false), model());
  const c = await C.add(correction(C, PERSON, score(PERSON), 'autofeed', true), model());
  assert.ok(a.ok && b.ok && c.ok);
  const list = plain((await C.read()).list);
  assert.equal(list.length, 3);
  assert.deepEqual(plain(C.multipliers(list)), plain(C.multipliers([...list].reverse())));
  const core0 = { version: 1, rules: { 'P3.title_link': { weight: 1.5 } } };
  const withAll = score(FEED, C.composeCore(core0, list));
  assert.equal((await C.undo(b.entry.id)).ok, true);
  const left = plain((await C.read()).list);
  assert.deepEqual(left.map((e) => e.id), [a.entry.id, c.entry.id]);
  assert.deepEqual(plain(C.multipliers(left)), plain(C.multipliers([list[0], list[2]])));
  // The user's own weight is scaled, not replaced.
  assert.equal(C.composeCore(core0, left).rules['P3.title_link'].weight, Math.round(1.5 * C.multipliers(left)['P3.title_link'] * 1e4) / 1e4);
  assert.ok(score(FEED, C.composeCore(core0, left)).scores.autofeed > withAll.scores.autofeed);
  // Undo all: the configuration and the verdict are exactly the user's own again.
  assert.equal((await C.undo(a.entry.id)).ok, true);
  assert.equal((await C.undo(c.entry.id)).ok, true);
  const none = (await C.read()).list;
  assert.equal(C.composeCore(core0, none), core0, 'nothing moves: the very same configuration');
  assert.deepEqual(plain(score(FEED, C.composeCore(core0, none))), plain(score(FEED, core0)));
  // Reset.
  await C.add(correction(C, FEED, score(FEED), 'autofeed', false), model());
  assert.equal((await C.reset()).ok, true);
  assert.equal(p.local.snapshot().corrections, undefined);
  assert.deepEqual(plain((await C.read()).list), []);
  // A rule the user switched off stays off.
  const off = { version: 1, rules: { 'P3.title_link': { enabled: false } } };
  assert.deepEqual(plain(C.composeCore(off, [a.entry]).rules['P3.title_link']), { enabled: false });
});

test('the same post and label corrected again replaces the earlier correction (no doubled step)', async () => {
  const { C } = makeContext(makeProfile());
  const r = score(FEED);
  const one = await C.add(correction(C, FEED, r, 'autofeed', false), model());
  const m1 = plain(C.multipliers((await C.read()).list));
  // The tab re-scored the post with the correction in force; the user says it again.
  const again = score(FEED, C.composeCore({ version: 1 }, (await C.read()).list));
  const two = await C.add(correction(C, FEED, again, 'autofeed', false), model());
  assert.ok(one.ok && two.ok);
  const list = (await C.read()).list;
  assert.equal(list.length, 1);
  const m2 = plain(C.multipliers(list));
  assert.deepEqual(Object.keys(m2), Object.keys(m1));
  for (const k of Object.keys(m1)) assert.ok(Math.abs(m2[k] - m1[k]) <= 2e-4, `${k}: ${m2[k]} vs ${m1[k]} (the strengths are recovered at the weights in force)`);
});

test('caps: a full list (count or bytes) refuses new corrections and keeps every stored one', async () => {
  const p = makeProfile();
  const { C } = makeContext(p);
  // Count: MAX_ENTRIES small corrections.
  const r = score(FEED);
  const small = { ...correction(C, FEED, r, 'autofeed', false), reasons: r.reasons.filter((x) => x.rule === 'P3.title_link' && x.label === 'autofeed') };
  for (let i = 0; i < C.MAX_ENTRIES; i++) {
    const res = await C.add({ ...small, post: 'id:' + i }, model(), 1e12 + i);
    assert.equal(res.ok, true, `${i}: ${res.message}`);
  }
  const full = p.local.snapshot().corrections;
  const refused = await C.add({ ...small, post: 'id:one-more' }, model());
  assert.equal(refused.ok, false);
  assert.equal(refused.full, true);
  assert.match(refused.message, /limit/);
  assert.deepEqual(p.local.snapshot().corrections, full, 'nothing dropped, nothing added');
  // A re-stated correction of a stored post is still taken (it replaces one).
  assert.equal((await C.add({ ...small, post: 'id:7' }, model())).ok, true);
  assert.equal((await C.read()).list.length, C.MAX_ENTRIES);

  // Bytes: large entries (a long author name, every promo rule) reach MAX_BYTES first.
  const q = makeProfile();
  const { C: C2 } = makeContext(q);
  const reasons = Object.keys(FITTED.pure_promo.weights).map((rule) => ({ rule, label: 'pure_promo', contribution: 0.5 }));
  let n = 0;
  let last;
  for (;; n++) {
    last = await C2.add({ site: 'wordpress', author: 'best seo services london '.repeat(8), post: 'h:' + C2.hashText('post ' + n), label: 'pure_promo', right: false, reasons }, model());
    if (!last.ok) break;
    assert.ok(last.bytes <= C2.MAX_BYTES);
  }
  assert.ok(n > 10 && n < C2.MAX_ENTRIES, `${n} entries fit`);
  assert.equal(last.full, true);
  assert.match(last.message, /bytes/);
  assert.equal((await C2.read()).list.length, n);
  // Over-long authors are refused outright.
  const long = await C2.add({ site: 'x', author: 'a'.repeat(201), post: 'id:1', label: 'autofeed', right: false, reasons: small.reasons }, model());
  assert.equal(long.ok, false);
});

test('two contexts correcting at once both keep their correction (every write re-reads first)', async () => {
  const p = makeProfile();
  const locks = makeLocks();
  const a = makeContext(p, { locks });
  const b = makeContext(p, { locks });
  p.local.delay = () => Math.random() * 5;
  const [x, y] = await Promise.all([
    a.C.add(correction(a.C, FEED, score(FEED), 'autofeed', false), model()),
    b.C.add(correction(b.C, FEED2, score(FEED2), 'autofeed', false), model()),
  ]);
  assert.ok(x.ok && y.ok);
  assert.equal(p.local.snapshot().corrections.list.length, 2);
});

test('export and import carry the corrections with the settings, exactly; a bad file changes nothing', async () => {
  const p = makeProfile();
  const { S, C } = makeContext(p);
  const s = S.defaults();
  s.core.rules = { 'P3.title_link': { weight: 1.2 } };
  assert.equal((await S.save(s)).ok, true);
  await C.add(correction(C, FEED, score(FEED), 'autofeed', false), model());
  await C.add(correction(C, PERSON, score(PERSON), 'autofeed', true), model());
  const text = await S.exportJSON();
  const doc = JSON.parse(text);
  assert.equal(doc.corrections.list.length, 2);
  const storedBefore = plain(p.local.snapshot().corrections);

  // Into a fresh profile: the same settings and the same corrections.
  const q = makeProfile();
  const fresh = makeContext(q);
  const res = await fresh.S.importJSON(text);
  assert.equal(res.ok, true, JSON.stringify(res.errors));
  assert.deepEqual(plain(q.local.snapshot().corrections), storedBefore);
  assert.deepEqual(plain(await fresh.S.load()), plain(await S.load()));
  assert.equal(await fresh.S.exportJSON(), text, 'round trip, byte for byte');

  // A file with a damaged correction: refused as a whole, nothing written.
  const bad = JSON.parse(text);
  bad.corrections.list[1].step['P15.personal_voice'] = 0.9; // over the per-correction bound
  bad.blogs = ['blog.example.org'];
  const before = { sync: q.sync.snapshot(), local: q.local.snapshot() };
  const refused = await fresh.S.importJSON(JSON.stringify(bad));
  assert.equal(refused.ok, false);
  assert.ok(refused.errors.some((e) => e.path === '/corrections/list/1'), JSON.stringify(refused.errors));
  assert.deepEqual({ sync: q.sync.snapshot(), local: q.local.snapshot() }, before);
  // An old export without corrections leaves the stored corrections alone.
  const old = JSON.parse(text);
  delete old.corrections;
  assert.equal((await fresh.S.importJSON(JSON.stringify(old))).ok, true);
  assert.deepEqual(plain(q.local.snapshot().corrections), storedBefore);
  // No corrections stored: the export is the settings alone, as before.
  await C.reset();
  assert.equal(JSON.parse(await S.exportJSON()).corrections, undefined);
});

test('damaged stored corrections are reported, still applied where valid, and never overwritten by a correction', async () => {
  const p = makeProfile();
  const { S, C } = makeContext(p);
  const a = await C.add(correction(C, FEED, score(FEED), 'autofeed', false), model());
  const good = plain(a.entry);
  const damaged = { v: 1, list: [good, { id: 'x', site: 'x', step: 'nope' }] };
  await p.local.set({ corrections: damaged });
  const r = await C.read();
  assert.equal(r.problem.kind, 'invalid');
  assert.match(r.problem.message, /1 of the 2/);
  assert.deepEqual(plain(r.list), [good], 'the valid correction still applies');
  assert.deepEqual(plain(C.multipliers(r.list)), plain(C.multipliers([good])));
  // Writes are refused: the damaged record stays byte for byte.
  const add = await C.add(correction(C, FEED2, score(FEED2), 'autofeed', false), model());
  assert.equal(add.ok, false);
  assert.equal(add.refused, true);
  assert.equal((await C.undo(good.id)).refused, true);
  assert.deepEqual(p.local.snapshot().corrections, damaged);
  // The export carries it as stored (for rescue).
  assert.deepEqual(JSON.parse(await S.exportJSON()).corrections, damaged);
  // Not an object / a newer version: reported the same way.
  await p.local.set({ corrections: 'garbage' });
  assert.equal((await C.read()).problem.kind, 'unreadable');
  await p.local.set({ corrections: { v: 2, list: [] } });
  assert.equal((await C.read()).problem.kind, 'newer');
  assert.equal((await C.add(correction(C, FEED2, score(FEED2), 'autofeed', false), model())).refused, true);
  assert.deepEqual(p.local.snapshot().corrections, { v: 2, list: [] });
  // Only an explicit reset replaces it.
  assert.equal((await C.reset()).ok, true);
  assert.equal((await C.read()).problem, null);
  assert.equal((await C.add(correction(C, FEED2, score(FEED2), 'autofeed', false), model())).ok, true);
});

test('a post is named by its id, or by a hash of its text; never by the text', () => {
  const { C } = makeContext(makeProfile());
  assert.equal(C.postRef({ id: '123', text: 'hello' }), 'id:123');
  const h = C.postRef({ text: 'hello world' });
  assert.match(h, /^h:[0-9a-f]{16}$/);
  assert.equal(h, C.postRef({ text: 'hello world' }));
  assert.notEqual(h, C.postRef({ text: 'hello world!' }));
  assert.match(C.postRef({ id: 'x'.repeat(500), text: 't' }), /^h:/);
});
