// Native and WebAssembly give the same answers: `build/native/notwork score` and
// `node wasm/cli.mjs score` on every post corpus, line by line, byte for byte; and the
// extension's engine (NotworkEngine.scoreBatch) agrees with them on labels and scores.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  corpora, createEngine, readPosts, requireNative, requireWasm, runNative, runWasm,
} from './helpers.mjs';

requireNative();
requireWasm();

const lines = (buffer) => buffer.toString('utf8').split('\n').filter(Boolean);

// Compares two CLI outputs; the message names the first differing lines.
function assertSameOutput(name, native, wasm) {
  const a = lines(native);
  const b = lines(wasm);
  const differences = [];
  for (let i = 0; i < Math.max(a.length, b.length) && differences.length < 5; i++) {
    if (a[i] === b[i]) continue;
    const pick = (line) => {
      if (line === undefined) return 'missing';
      const r = JSON.parse(line);
      return `${r.label} ${JSON.stringify(r.scores)} ${(r.reasons || []).map((x) => x.rule).join(',')}`;
    };
    const text = a[i] !== undefined ? JSON.parse(a[i]).text : JSON.parse(b[i]).text;
    differences.push(`  output line ${i + 1} (${JSON.stringify(String(text).slice(0, 80))}):\n` +
      `    native: ${pick(a[i])}\n    wasm:   ${pick(b[i])}`);
  }
  assert.equal(differences.length, 0,
    `${name}: native and wasm differ (${a.length} vs ${b.length} lines); first differences:\n${differences.join('\n')}`);
  assert.ok(native.equals(wasm), `${name}: same lines but different bytes`);
}

for (const file of corpora()) {
  const name = path.basename(file);

  test(`score: same labels, scores and bytes on ${name}`, () => {
    const native = runNative(['score', file]);
    const wasm = runWasm(['score', file]);
    assert.equal(native.status, 0, native.stderr);
    assert.equal(wasm.status, 0, wasm.stderr);
    assert.equal(lines(native.stdout).length, readPosts(file).length);
    assertSameOutput(name, native.stdout, wasm.stdout);
  });

  test(`score --parse-only: same bytes on ${name}`, () => {
    const native = runNative(['score', '--parse-only', file]);
    const wasm = runWasm(['score', '--parse-only', file]);
    assert.equal(native.status, 0, native.stderr);
    assert.equal(wasm.status, 0, wasm.stderr);
    assert.ok(native.stdout.equals(wasm.stdout), `${name}: --parse-only output differs`);
  });
}

// The extension's module is built differently (for size, and with its shared pattern sets
// split for a short start-up: wasm/CMakeLists.txt): the same answers all the same.
test('the extension engine (scoreBatch) agrees with the native CLI on every corpus', async () => {
  for (const file of corpora()) {
    const posts = readPosts(file);
    const native = lines(runNative(['score', file]).stdout).map((l) => JSON.parse(l));
    const engine = await createEngine();
    const results = [];
    for (let at = 0; at < posts.length; at += 200) results.push(...engine.scoreBatch(posts.slice(at, at + 200)));
    assert.equal(results.length, native.length);
    for (let i = 0; i < results.length; i++) {
      assert.deepEqual({ label: results[i].label, scores: results[i].scores, reasons: results[i].reasons },
        { label: native[i].label, scores: native[i].scores, reasons: native[i].reasons },
        `${path.basename(file)} line ${i + 1}`);
    }
    engine.destroy();
  }
});

test('stdin, pass-through fields and number formats survive byte for byte', () => {
  const input = [
    '\uFEFF{"zeta":1.0,"text":"New post: my weekly links https://example.com/p/1","1":"digit key","big":12345678901234567890,"f":1e20,"nested":{"b":[1,2.50,null],"a":"\\u00e9\\/"}}',
    '',
    '  ',
    '{"text":"thanks @ana, great point about RE2 😀","author":"bo","id":7,"links":[]}\r',
  ].join('\n');
  const native = runNative(['score', '-'], input);
  const wasm = runWasm(['score'], input);
  assert.equal(native.status, 0, native.stderr);
  assert.equal(wasm.status, 0, wasm.stderr);
  assert.equal(lines(wasm.stdout).length, 2);
  assertSameOutput('stdin', native.stdout, wasm.stdout);
});

// The Node CLI reads its input 4 MB at a time into one buffer and hands consecutive clean
// lines to the core as one run: lines across chunk ends, a line longer than the buffer,
// CRLF and blank lines inside runs, a bad line far into the file and a last line without
// '\n' must all come out as in the native CLI, with the right line numbers.
test('large input: chunk ends, a line longer than the read buffer, line numbers far in', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'notwork-chunks-'));
  const file = path.join(dir, 'big.jsonl');
  const rows = [];
  for (let i = 0; i < 30000; i++) {
    const text = i % 7 === 0 ? `New post: weekly links ${i} https://example.com/p/${i % 50}` : `thanks @ana ${i}, good point`;
    let line = JSON.stringify({ id: i, author: `a${i % 300}`, text, pad: 'x'.repeat(i % 173) });
    if (i % 1000 === 5) line += '\r';
    rows.push(line);
    if (i % 997 === 0) rows.push(i % 2 ? '' : '   ');
    if (i === 12345) rows.push(JSON.stringify({ id: 'huge', text: `long ${'y'.repeat(9 << 20)}` }));
  }
  fs.writeFileSync(file, rows.join('\n'));  // no '\n' after the last line
  for (const args of [['score', file], ['score', '--batch', '333', file], ['score', '--parse-only', file]]) {
    const native = runNative(args);
    const wasm = runWasm(args);
    assert.equal(native.status, 0, native.stderr);
    assert.equal(wasm.status, 0, wasm.stderr);
    assert.equal(lines(wasm.stdout).length, 30001, `${args.join(' ')}: every post, once`);
    assert.ok(wasm.stdout.equals(native.stdout), `${args.join(' ')}: stdout differs`);
  }
  const bad = rows.slice();
  bad[25000] = '{"text": 42}';
  fs.writeFileSync(file, bad.join('\n'));
  for (const args of [['score', file], ['score', '--skip-invalid', file]]) {
    const native = runNative(args);
    const wasm = runWasm(args);
    assert.equal(wasm.status, native.status, `${args.join(' ')}: exit code`);
    assert.equal(wasm.stderr, native.stderr, `${args.join(' ')}: stderr differs`);
    assert.match(wasm.stderr, /big\.jsonl: line 25001: "text" must be a string/);
    assert.ok(wasm.stdout.equals(native.stdout), `${args.join(' ')}: stdout differs`);
  }
  fs.rmSync(dir, { recursive: true });
});

test('bad lines: same messages (naming the line), output and exit codes', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'notwork-parity-'));
  const file = path.join(dir, 'bad.jsonl');
  fs.writeFileSync(file, [
    '{"text":"first, fine"}',
    '',
    '{"text": "broken", }',
    '{"text": 42}',
    '{"text":"last, fine"}',
  ].join('\n'));
  for (const args of [['score', file], ['score', '--skip-invalid', file], ['score', '--parse-only', file]]) {
    const native = runNative(args);
    const wasm = runWasm(args);
    assert.equal(wasm.status, native.status, `${args.join(' ')}: exit code`);
    assert.ok(wasm.stdout.equals(native.stdout), `${args.join(' ')}: stdout differs`);
    assert.equal(wasm.stderr, native.stderr, `${args.join(' ')}: stderr differs`);
  }
  const directory = [runNative(['score', dir]), runWasm(['score', dir])];
  assert.equal(directory[1].status, directory[0].status, 'a directory: exit code');
  assert.equal(directory[1].stderr, directory[0].stderr, 'a directory: stderr differs');
  assert.match(directory[1].stderr, /cannot read .*: Is a directory/);
  const stopped = runWasm(['score', file]);
  assert.equal(stopped.status, 1);
  assert.match(stopped.stderr, /bad\.jsonl: line 3: not valid JSON/);
  assert.equal(lines(stopped.stdout).length, 1, 'the line before the bad one is written');
  const skipped = runWasm(['score', '--skip-invalid', file]);
  assert.equal(skipped.status, 0);
  assert.match(skipped.stderr, /line 4: "text" must be a string/);
  assert.equal(lines(skipped.stdout).length, 2);
  fs.rmSync(dir, { recursive: true });
});

test('--config: applied the same way; a bad config is refused the same way (exit 2)', async () => {
  const engine = await createEngine();
  const rule = engine.catalogue().rules.find((r) => r.id === 'P3.feed_footprint') || engine.catalogue().rules[0];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'notwork-parity-'));
  const good = path.join(dir, 'good.json');
  const bad = path.join(dir, 'bad.json');
  const broken = path.join(dir, 'broken.json');
  fs.writeFileSync(good, JSON.stringify({ version: 1, rules: { [rule.id]: { weight: rule.weight * 2 } }, thresholds: { autofeed: 0.3 } }));
  fs.writeFileSync(bad, JSON.stringify({ rules: { 'P99.nope': { weight: 1 } } }));
  fs.writeFileSync(broken, '{"rules": ');
  const input = corpora()[0];
  for (const config of [good, bad, broken, path.join(dir, 'missing.json')]) {
    const native = runNative(['score', '--config', config, input]);
    const wasm = runWasm(['score', `--config=${config}`, input]);
    assert.equal(wasm.status, native.status, `${path.basename(config)}: exit code`);
    assert.equal(wasm.stderr, native.stderr, `${path.basename(config)}: stderr`);
    assert.ok(wasm.stdout.equals(native.stdout), `${path.basename(config)}: stdout`);
  }
  assert.equal(runWasm(['score', '--config', bad, input]).status, 2);
  assert.notEqual(runWasm(['score', '--config', good, input]).stdout.toString(),
    runWasm(['score', input]).stdout.toString(), 'the config changes scores');
  fs.rmSync(dir, { recursive: true });
});

test('usage errors exit 2 like the native CLI', () => {
  for (const args of [['score', '--nope'], ['score', 'a', 'b'], ['score', '--batch', '0'], ['score', '--format', 'csv']]) {
    const native = runNative(args);
    const wasm = runWasm(args);
    assert.equal(native.status, 2);
    assert.equal(wasm.status, 2, args.join(' '));
    assert.equal(wasm.stderr, native.stderr, args.join(' '));
  }
});
