// Author memory through WebAssembly: the wrapper's exportState/importState (one call for the
// whole state), the same state bytes as the native core, and `node wasm/cli.mjs score --state`
// with the native CLI's output, state file and messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { corpora, createEngine, readPosts, requireNative, requireWasm, runNative, runWasm } from './helpers.mjs';

requireNative();
requireWasm();

const TITLES = ['Markets rally as rates hold steady', 'City council approves new bike lanes', 'Storm warning issued for the coast',
  'Local team wins the regional final', 'New museum wing opens to the public', 'Rail strike talks resume on Monday',
  'Researchers map the deep sea floor', 'Schools trial a four day week'];
const feed = (from, to, day) => Array.from({ length: to - from }, (_, k) => {
  const i = from + k;
  return { id: `wire-${i}`, author: 'dailywire', site: 'x', created_at: `${day}T1${i % 10}:00:00Z`,
    text: `${TITLES[i % 8]} https://dailywire.example/news/${1000 + i}` };
});
const jsonl = (posts) => posts.map((p) => JSON.stringify(p)).join('\n') + '\n';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'notwork-state-'));
const write = (name, text) => { const f = path.join(tmp, name); fs.writeFileSync(f, text); return f; };
const fired = (result, rule) => result.reasons.some((r) => r.rule === rule && r.contribution > 0);

test('engine: exportState / importState round trip, and the state carries context to a new engine', async () => {
  const a = await createEngine();
  a.scoreBatch(feed(0, 6, '2026-03-02'));
  const state = a.exportState();
  assert.equal(typeof state, 'string');
  assert.ok(state.startsWith('{"format":"notwork-state","version":1,'));
  assert.ok(!state.includes('Markets'), 'no post text');

  const b = await createEngine();
  const next = feed(6, 7, '2026-03-03');
  const cold = (await createEngine()).scoreBatch(next)[0];
  assert.deepEqual(b.importState(state), { authors: 1, comments: 0, error: '', expired: 0, ok: true, posts: 6 });
  assert.equal(b.exportState(), state);
  const warm = b.scoreBatch(next)[0];
  // A context rule the fitted weights keep: the headline streak needs the author's history.
  assert.ok(!fired(cold, 'P3.headline_streak'));
  assert.ok(fired(warm, 'P3.headline_streak'), JSON.stringify(warm.reasons));

  // Options cross the boundary too; bad ones are errors.
  assert.equal(JSON.parse(a.exportState({ max_authors: 0 })).authors.length, 0);
  assert.throws(() => a.exportState({ max_bytes: 1 }), /max_bytes/);
  // Bad states are refused whole.
  const before = b.exportState();
  for (const bad of ['', 'nope', state.slice(0, -3), state.replace('"version":1', '"version":9'), JSON.stringify({ settings: {} })]) {
    const answer = b.importState(bad);
    assert.equal(answer.ok, false, bad.slice(0, 40));
    assert.ok(answer.error.length > 0);
  }
  assert.throws(() => b.importState(42), TypeError);
  assert.equal(b.exportState(), before, 'nothing half-imported');
  const now = Math.floor(Date.parse('2026-05-01T00:00:00Z') / 1000);
  assert.equal(b.importState(state, { now }).expired, 6, 'explicit now: all older than 30 days');
  for (const e of [a, b]) e.destroy();
});

test('engine: the same posts give the same state bytes as the native core', async () => {
  const file = corpora()[0];
  const posts = readPosts(file).slice(0, 400);
  const input = write('sample.jsonl', jsonl(posts));
  const stateFile = path.join(tmp, 'native-sample.state');
  const native = runNative(['score', '--state', stateFile, input]);
  assert.equal(native.status, 0, native.stderr);
  const engine = await createEngine();
  engine.scoreBatch(posts);
  assert.equal(engine.exportState(), fs.readFileSync(stateFile, 'utf8'));
  engine.destroy();
});

test('node wasm/cli.mjs score --state: same output, state file and messages as the native CLI', () => {
  const yesterday = write('yesterday.jsonl', jsonl(feed(0, 6, '2026-03-02')));
  const today = write('today.jsonl', jsonl(feed(6, 8, '2026-03-03')));
  const n = path.join(tmp, 'native.state');
  const w = path.join(tmp, 'wasm.state');
  for (const input of [yesterday, today]) {
    const a = runNative(['score', '--state', n, input]);
    const b = runWasm(['score', '--state', w, input]);
    assert.equal(a.status, 0, a.stderr);
    assert.equal(b.status, 0, b.stderr);
    assert.ok(a.stdout.equals(b.stdout), `${path.basename(input)}: outputs differ`);
    assert.ok(fs.readFileSync(n).equals(fs.readFileSync(w)), 'state files differ');
    assert.equal(b.stderr, '');
  }
  assert.ok(fired(JSON.parse(runWasm(['score', '--state', w, today]).stdout.toString().split('\n')[0]), 'P3.headline_streak'));
  assert.deepEqual(fs.readdirSync(tmp).filter((f) => /\.state\./.test(f)), [], 'no temporary files left');

  // A corrupt or foreign state: the same message, ignored, exit 0, replaced at the end.
  const plain = runNative(['score', today]).stdout;
  for (const [what, text] of [['truncated', fs.readFileSync(n, 'utf8').slice(0, 100)], ['foreign', '{"version":1,"rules":{}}']]) {
    const cn = write(`${what}-native.state`, text);
    const cw = write(`${what}-wasm.state`, text);
    const a = runNative(['score', '--state', cn, today]);
    const b = runWasm(['score', '--state', cw, today]);
    assert.equal(a.status, 0);
    assert.equal(b.status, 0);
    assert.ok(a.stdout.equals(plain) && b.stdout.equals(plain), `${what}: scored as without memory`);
    assert.match(a.stderr, /ignored/);
    assert.equal(b.stderr.replace(cw, 'FILE'), a.stderr.replace(cn, 'FILE'), `${what}: same message`);
    assert.ok(fs.readFileSync(cn).equals(fs.readFileSync(cw)), `${what}: same replacement`);
  }
  // Cannot save: exit 1 with the same words.
  const a = runNative(['score', '--state', path.join(tmp, 'missing-dir', 's'), today]);
  const b = runWasm(['score', '--state', path.join(tmp, 'missing-dir', 's'), today]);
  assert.equal(a.status, 1);
  assert.equal(b.status, 1);
  assert.equal(b.stderr, a.stderr);
  assert.match(runWasm(['score', '--help']).stdout.toString(), /--state FILE/);
});
