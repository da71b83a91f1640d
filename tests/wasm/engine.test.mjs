// The JS wrapper (wasm/notwork.js) over the wasm core, as the extension uses it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { corpora, createEngine, engineModule, readPosts, repo, require, requireWasm } from './helpers.mjs';

requireWasm();
const engine = await createEngine();
const catalogue = engine.catalogue();

// A post whose score for `label` comes partly from a post-scoped rule, with the score
// strictly between 0 and 1 (so a weight change must move it).
function findRuleAtWork() {
  const postRules = new Map(catalogue.rules.filter((r) => r.scope === 'post').map((r) => [r.id, r]));
  for (const file of corpora()) {
    for (const post of readPosts(file).slice(0, 400)) {
      engine.resetContext();
      const [result] = engine.scoreBatch([post]);
      const reason = result.reasons.find((r) => postRules.has(r.rule) && r.contribution > 0 &&
        result.scores[r.label] > 0 && result.scores[r.label] < 1);
      if (reason) return { post, reason, rule: postRules.get(reason.rule), score: result.scores[reason.label] };
    }
  }
  throw new Error('no corpus post is scored by a post rule');
}

const scoreAlone = (post) => {
  engine.resetContext();
  return engine.scoreBatch([post])[0];
};

test('validatePattern returns RE2\'s own error text', () => {
  assert.deepEqual(engine.validatePattern('a('), { ok: false, error: 'missing ): a(' });
  assert.equal(engine.validatePattern('(?i)limited offer').ok, true);
  const lookahead = engine.validatePattern('foo(?=bar)');
  assert.equal(lookahead.ok, false);
  assert.match(lookahead.error, /invalid perl operator: \(\?=/);
});

test('validateConfig lists every error with its JSON path', () => {
  const answer = engine.validateConfig({ rules: { 'P99.nope': { weight: 1 } }, thresholds: { autofeed: 'high' } });
  assert.equal(answer.ok, false);
  assert.ok(answer.errors.length >= 2, JSON.stringify(answer.errors));
  for (const e of answer.errors) {
    assert.equal(typeof e.path, 'string');
    assert.ok(e.path.startsWith('/'), e.path);
    assert.ok(e.message.length > 0);
  }
  assert.ok(answer.errors.some((e) => e.path === '/rules/P99.nope'));
  assert.ok(answer.errors.some((e) => e.path === '/thresholds/autofeed'));
  assert.deepEqual(engine.validateConfig(engine.defaultConfig()), { ok: true, errors: [] });
});

test('configure: a weight change changes scores; a bad config afterwards changes nothing', () => {
  const { post, reason, rule, score } = findRuleAtWork();
  const lighter = { version: 1, rules: { [rule.id]: { weight: rule.weight / 2 } } };
  assert.equal(engine.configure(lighter).ok, true);
  const weighted = scoreAlone(post);
  assert.ok(weighted.scores[reason.label] < score,
    `${rule.id} at half weight: ${reason.label} ${weighted.scores[reason.label]} should be below ${score}`);

  const bad = engine.configure({ rules: { [rule.id]: { weight: 'heavy' } }, thresholds: { [reason.label]: 0.1 } });
  assert.equal(bad.ok, false);
  assert.ok(bad.errors.some((e) => e.path.startsWith(`/rules/${rule.id}`)), JSON.stringify(bad.errors));
  assert.deepEqual(scoreAlone(post), weighted, 'the previous configuration stays in effect, all of it');
  assert.deepEqual(engine.configResult, bad);

  const broken = engine.configure('{"rules": ');
  assert.equal(broken.ok, false);
  assert.deepEqual(scoreAlone(post), weighted);

  assert.equal(engine.configure(engine.defaultConfig()).ok, true);
  assert.equal(scoreAlone(post).scores[reason.label], score, 'defaults restore the original score');
});

test('create({config}) starts with that configuration', async () => {
  const { post, reason, rule, score } = findRuleAtWork();
  const other = await createEngine({ config: { rules: { [rule.id]: { enabled: false } } } });
  assert.equal(other.configResult.ok, true);
  const [result] = other.scoreBatch([post]);
  assert.ok(!result.reasons.some((r) => r.rule === rule.id));
  assert.ok(result.scores[reason.label] < score);
  other.destroy();
});

test('catalogue lists rules with ids, principles, labels and descriptions', () => {
  assert.ok(catalogue.rules.length >= 10);
  const ids = new Set();
  for (const rule of catalogue.rules) {
    assert.match(rule.id, /^P\d{1,2}\.[a-z0-9_]+$/);
    assert.match(rule.principle, /^P\d{1,2}$/);
    assert.ok(rule.id.startsWith(`${rule.principle}.`), rule.id);
    assert.ok(catalogue.labels.includes(rule.label), rule.label);
    assert.ok(rule.description.length > 10, rule.id);
    assert.equal(typeof rule.weight, 'number');
    assert.ok(['post', 'context', 'account'].includes(rule.scope));
    ids.add(rule.id);
  }
  assert.equal(ids.size, catalogue.rules.length, 'rule ids are unique');
  for (const label of ['autofeed', 'pure_promo', 'genuine_share', 'conversation']) {
    assert.equal(typeof catalogue.thresholds[label], 'number');
  }
});

test('scoreBatch keeps per-author context across calls: a draft repeating a post is seen as a repeat', () => {
  engine.resetContext();
  const post = { author: 'ada', text: 'Read my latest article on garden birds https://ada.example/birds', created_at: '2024-03-01T10:00:00Z' };
  // The repeat rule (P8) reads a draft against the author's posts.
  const draft = { author: 'ada', text: post.text, kind: 'draft' };
  const isRepeat = (result) => result.reasons.some((r) => r.principle === 'P8');
  const [before] = engine.scoreBatch([draft]);
  assert.ok(!isRepeat(before), 'nothing to repeat yet');
  engine.scoreBatch([{ ...post, id: '1' }]);
  const [second] = engine.scoreBatch([draft]);
  assert.ok(isRepeat(second), `a draft of the same text in a later call is a repeat: ${JSON.stringify(second.reasons)}`);
  const [other] = engine.scoreBatch([{ ...draft, author: 'bea' }]);
  assert.ok(!isRepeat(other), 'context is per author');
  engine.resetContext();
  const [fresh] = engine.scoreBatch([draft]);
  assert.ok(!isRepeat(fresh), 'resetContext forgets');
});

test('scoreBatch: one call for a large batch, results in order, Unicode intact', () => {
  const posts = readPosts(corpora()[0]);
  const batch = [];
  for (let i = 0; batch.length < 20000; i++) batch.push({ ...posts[i % posts.length], author: `a${i % 977}`, id: String(i) });
  batch[12345] = { text: 'Ünïcødé 😀 thanks @zoë — what do you think?', author: 'zoë' };
  engine.resetContext();
  const results = engine.scoreBatch(batch);
  assert.equal(results.length, batch.length);
  assert.equal(results[12345].label, 'conversation');
  assert.deepEqual(engine.scoreBatch([]), []);
});

test('audit reports on one author\'s posts', () => {
  const posts = readPosts(corpora().find((f) => f.includes('ira')) || corpora()[0]);
  const byAuthor = new Map();
  for (const p of posts) byAuthor.set(p.author, [...(byAuthor.get(p.author) || []), p]);
  const [author, own] = [...byAuthor.entries()].sort((a, b) => b[1].length - a[1].length)[0];
  const report = engine.audit(own);
  assert.equal(report.posts, own.length, author);
  assert.ok(report.score >= 0 && report.score <= 100);
  assert.ok(report.breakdown.length > 0);
  for (const key of ['P1', 'P2', 'P8', 'P9', 'P12', 'P14']) assert.ok(key in report.figures, key);
  assert.equal(Object.values(report.label_mix).reduce((a, b) => a + b, 0), own.length);
  assert.ok(report.suggestions.length > 0 && report.suggestions.length <= 3);
});

test('bad input throws a clear Error and the engine keeps working', () => {
  assert.throws(() => engine.scoreBatch([{ id: 'no text' }]), (e) => e instanceof Error && /text/.test(e.message));
  assert.throws(() => engine.scoreBatch([{ text: 42 }]), /text/);
  assert.throws(() => engine.scoreBatch('not posts'), TypeError);
  assert.throws(() => engine.scoreBatchJson('{"text": "an object, not an array"}'), /array/);
  assert.throws(() => engine.scoreBatchJson('[{"text": "unterminated'), /notwork: /);
  assert.throws(() => engine.audit({}), TypeError);
  assert.throws(() => engine.validatePattern(5), TypeError);
  assert.equal(engine.scoreBatch([{ text: 'still here, thanks!' }]).length, 1);
});

test('works as a classic script in a worker-like global scope (importScripts)', async () => {
  const dir = path.dirname(engineModule);
  const scope = vm.createContext({
    console, WebAssembly, TextEncoder, TextDecoder, URL, setTimeout, clearTimeout, Promise,
  });
  scope.self = scope;
  scope.location = { href: 'chrome-extension://notwork/background/worker.js' };
  const files = { 'notwork-core.js': path.join(dir, 'notwork-core.js'), 'notwork.js': path.join(repo, 'wasm', 'notwork.js') };
  scope.importScripts = (...names) => {
    for (const f of names) vm.runInContext(fs.readFileSync(files[f], 'utf8'), scope, { filename: f });
  };
  vm.runInContext("importScripts('notwork-core.js', 'notwork.js')", scope);
  assert.equal(typeof scope.NotworkEngine.create, 'function');
  const wasmBinary = fs.readFileSync(path.join(dir, 'notwork-core.wasm'));
  const worker = await scope.NotworkEngine.create({ wasmBinary: wasmBinary.buffer.slice(wasmBinary.byteOffset, wasmBinary.byteOffset + wasmBinary.length) });
  const [result] = worker.scoreBatch([{ text: 'New post: Why Rust is eating the world of embedded... https://techdigest.example/p/rust #rss' }]);
  assert.equal(result.label, 'autofeed');
  await assert.rejects(vm.runInContext('NotworkEngine.create({wasmBinary: 5})', scope), /wasmBinary/);
});

test('the extension gets the module and the wrapper (extension/generated/)', () => {
  const generated = path.join(repo, 'extension', 'generated');
  for (const f of ['notwork-core.js', 'notwork-core.wasm', 'notwork.js']) {
    assert.ok(fs.existsSync(path.join(generated, f)), `extension/generated/${f}`);
  }
  assert.ok(fs.readFileSync(path.join(generated, 'notwork-core.wasm')).equals(fs.readFileSync(engineModule.replace(/\.js$/, '.wasm'))));
  assert.equal(fs.readFileSync(path.join(generated, 'notwork.js'), 'utf8'), fs.readFileSync(path.join(repo, 'wasm', 'notwork.js'), 'utf8'));
  const { create } = require(path.join(repo, 'wasm', 'notwork.js'));
  assert.equal(typeof create, 'function');
});

test('start-up in steps: prepareStep counts down to 0, then a session scores as usual', async () => {
  // A fresh module (its start-up is process-wide, so the shared engine above cannot show it).
  const factory = require(engineModule);
  const wasmBinary = fs.readFileSync(engineModule.replace(/\.js$/, '.wasm'));
  const module = await factory({ wasmBinary });
  const NotworkEngine = require('../../wasm/notwork.js');
  const counts = [];
  for (let left = -1; left !== 0;) {
    left = NotworkEngine.prepareStep(module);
    counts.push(left);
    assert.ok(counts.length < 20, 'start-up ends');
  }
  assert.ok(counts.length >= 3, `start-up has several steps (${counts})`);
  assert.deepEqual(counts, [...counts].sort((a, b) => b - a), 'the count only goes down');
  assert.equal(NotworkEngine.prepareStep(module), 0, 'done stays done');
  const stepped = new NotworkEngine.Engine(module);
  const posts = readPosts(corpora()[0]).slice(0, 200);
  engine.resetContext();
  assert.deepEqual(stepped.scoreBatch(posts), engine.scoreBatch(posts));
  stepped.destroy();
});
