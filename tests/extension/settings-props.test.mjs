// Property-based tests (fast-check) of the settings validator and import
// (extension/shared/settings.js), with the shipped wasm core as the engine that checks the
// `core` part (unknown rule ids, RE2 syntax), over the fake chrome.storage of fake-chrome.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { ROOT, makeProfile, makeContext } from './fake-chrome.mjs';

const require = createRequire(import.meta.url);
const NotworkEngine = require(path.join(ROOT, 'extension/generated/notwork.js'));
const plain = (v) => JSON.parse(JSON.stringify(v));
let engine;
let ruleIds;
before(async () => { engine = await NotworkEngine.create({}); ruleIds = engine.catalogue().rules.map((r) => r.id); });
after(() => engine && engine.destroy());

const LABELS = ['autofeed', 'pure_promo', 'genuine_share', 'conversation'];
const SITES = ['x', 'mastodon', 'bluesky', 'youtube', 'wordpress', 'reddit', 'linkedin'];
const label = () => fc.constantFrom(...LABELS);
const word = fc.stringMatching(/^[a-z]{3,12}$/);
const host = fc.tuple(fc.array(fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?$/), { minLength: 1, maxLength: 3 }), fc.stringMatching(/^[a-z]{2,6}$/))
  .map(([labels, tld]) => [...labels, tld].join('.'));

/** A settings document a user could have made in the options page (valid by construction). */
const validDoc = () => fc.record({
  schema: fc.constant(1),
  core: fc.record({
    version: fc.constant(1),
    rules: fc.dictionary(fc.constantFrom(...ruleIds), fc.record({ weight: fc.double({ min: 0, max: 10, noNaN: true }), enabled: fc.boolean() }, { requiredKeys: [] }), { maxKeys: 8 }),
    thresholds: fc.dictionary(label(), fc.double({ min: 0, max: 1, noNaN: true }), { maxKeys: 4 }),
    patterns: fc.array(fc.record({ id: word.map((w) => 'my-' + w), pattern: fc.array(word, { minLength: 1, maxLength: 3 }).map((ws) => '(?i)' + ws.join(' ')), label: label(),
      weight: fc.double({ min: 0, max: 10, noNaN: true }), description: fc.string({ maxLength: 80 }) }), { maxLength: 6 })
      .map((ps) => ps.filter((p, i) => ps.findIndex((q) => q.id === p.id) === i)),
  }, { requiredKeys: ['version'] }),
  sites: fc.dictionary(fc.constantFrom(...SITES), fc.boolean()),
  mastodonInstances: fc.uniqueArray(host, { maxLength: 5 }),
  blogs: fc.uniqueArray(host, { maxLength: 5 }),
  nudges: fc.record({ enabled: fc.boolean(), dismissedRules: fc.uniqueArray(fc.constantFrom(...ruleIds), { maxLength: 10 }) }),
}, { requiredKeys: ['schema'] });

/** Every leaf path of a JSON value, as [path segments]. */
function leaves(v, at = []) {
  if (v !== null && typeof v === 'object') {
    const ks = Object.keys(v);
    if (!ks.length) return [];
    return ks.flatMap((k) => leaves(v[k], [...at, k]));
  }
  return [at];
}
const wrongFor = (v) => (typeof v === 'string' ? 12345 : typeof v === 'number' ? 'not a number' : typeof v === 'boolean' ? 'yes' : 'x');

test('validate never throws and answers a list of {path, message} for any value', () => {
  const S = makeContext(makeProfile());
  fc.assert(fc.property(fc.oneof(fc.anything(), fc.jsonValue(), validDoc().map((d) => ({ ...d, extra: 1 }))), (v) => {
    const errors = S.validate(v, engine);
    assert.ok(Array.isArray(errors));
    for (const e of errors) {
      assert.equal(typeof e.path, 'string');
      assert.ok(e.path === '' || e.path.startsWith('/'));
      assert.equal(typeof e.message, 'string');
      assert.ok(e.message.length > 0);
    }
  }), { numRuns: 1500 });
});

test('a valid document validates, imports, is stored as it is and survives export → import byte for byte', async () => {
  await fc.assert(fc.asyncProperty(validDoc(), async (doc) => {
    const p = makeProfile();
    const S = makeContext(p);
    assert.deepEqual(plain(S.validate(doc, engine)), []);
    const res = await S.importJSON(JSON.stringify(doc), engine);
    assert.equal(res.ok, true, JSON.stringify(res.errors));
    const fresh = makeContext(p); // another context reads what was stored
    const loaded = plain(await fresh.load());
    assert.equal(fresh.loadProblem(), null);
    assert.deepEqual(loaded, plain(S.merge(S.defaults(), doc)));
    const bytes = p.sync.snapshot();
    const again = await fresh.importJSON(await fresh.exportJSON(), engine);
    assert.equal(again.ok, true);
    const after = p.sync.snapshot();
    const strip = (snap) => { const out = {}; for (const [k, v] of Object.entries(snap)) out[k.replace(/^settings\.[0-9a-z]+\./, 'settings.G.')] = v && v.gen ? { ...v, gen: 'G' } : v; return out; };
    assert.deepEqual(strip(after), strip(bytes), 'the same bytes (up to the generation id)');
  }), { numRuns: 150 });
});

test('settings saved before a rule was merged or removed still validate and import, nothing else lost', async () => {
  const retired = engine.catalogue().retired;
  assert.ok(retired.includes('P3.template') && retired.includes('P2.call_to_action'), `retired ids: ${retired}`);
  const doc = {
    schema: 1,
    core: { version: 1, rules: { 'P3.template': { weight: 4 }, 'P2.call_to_action': { enabled: false }, 'P6.sponsored': { weight: 3 } } },
    nudges: { enabled: true, dismissedRules: ['P2.call_to_action', 'P8.near_duplicate'] },
    blogs: ['blog.example.org'],
  };
  assert.deepEqual(plain(makeContext(makeProfile()).validate(doc, engine)), []);
  const p = makeProfile();
  const S = makeContext(p);
  const res = await S.importJSON(JSON.stringify(doc), engine);
  assert.equal(res.ok, true, JSON.stringify(res.errors));
  const loaded = plain(await makeContext(p).load());
  assert.equal(loaded.core.rules['P6.sponsored'].weight, 3);
  assert.deepEqual(loaded.nudges.dismissedRules, ['P2.call_to_action', 'P8.near_duplicate']);
  assert.deepEqual(loaded.blogs, ['blog.example.org']);
  // An id that never was a rule is still refused.
  assert.ok(S.validate({ schema: 1, nudges: { dismissedRules: ['P3.nope'] } }, engine).some((e) => e.path === '/nudges/dismissedRules/0'));
});

test('a document with one wrong value is refused, the error names that value\'s path, and storage is untouched', async () => {
  await fc.assert(fc.asyncProperty(validDoc().filter((d) => leaves(d).length > 1), fc.nat(), async (doc, pick) => {
    const paths = leaves(doc).filter((l) => l.join('/') !== 'schema' && l.join('/') !== 'core/version');
    fc.pre(paths.length > 0);
    const at = paths[pick % paths.length];
    const bad = JSON.parse(JSON.stringify(doc));
    let o = bad;
    for (const k of at.slice(0, -1)) o = o[k];
    const last = at[at.length - 1];
    o[last] = typeof o[last] === 'string' && (at[0] === 'mastodonInstances' || at[0] === 'blogs') ? 'not a host!' : wrongFor(o[last]);
    const p = makeProfile();
    const S = makeContext(p);
    await S.save(S.defaults());
    const before = p.sync.snapshot();
    const errors = plain(S.validate(bad, engine));
    const want = '/' + at.join('/');
    assert.ok(errors.some((e) => want === e.path || want.startsWith(e.path + '/')), `an error at ${want}: ${JSON.stringify(errors)}`);
    const res = await S.importJSON(JSON.stringify(bad), engine);
    assert.equal(res.ok, false);
    assert.deepEqual(p.sync.snapshot(), before);
  }), { numRuns: 300 });
});

test('import of any text never throws; when refused, the stored bytes are exactly as before', async () => {
  const texts = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.jsonValue().map((v) => JSON.stringify(v)),
    fc.anything().map((v) => { try { return JSON.stringify(v) ?? 'undefined'; } catch (_) { return '{'; } }),
    validDoc().map((d) => JSON.stringify(d).slice(0, -1)), // cut short
    validDoc().map((d) => JSON.stringify({ ...d, schema: 2 })), // from a newer Notwork
    validDoc().map((d) => JSON.stringify({ ...d, core: { ...d.core, patterns: [{ pattern: '(unclosed', label: 'pure_promo' }] } })),
  );
  const p = makeProfile();
  const S = makeContext(p);
  const mine = S.defaults();
  mine.blogs = ['blog.example.org'];
  await S.save(mine);
  await fc.assert(fc.asyncProperty(texts, async (text) => {
    const before = p.sync.snapshot();
    let res;
    try {
      res = await S.importJSON(text, engine);
    } catch (e) {
      assert.fail('importJSON threw: ' + e);
    }
    assert.equal(typeof res.ok, 'boolean');
    if (!res.ok) {
      assert.ok(res.errors.length > 0);
      assert.deepEqual(p.sync.snapshot(), before);
    } else {
      await S.save(mine); // back to the user's document for the next run
    }
  }), { numRuns: 600 });
});
