#!/usr/bin/env node
// Core throughput: native CLI vs the WebAssembly build, scoring vs parse-only.
//
//   node scripts/bench-core.mjs [--posts N] [--runs R (default 5)] [--json]
//
// Builds a deterministic corpus of >= 100,000 posts from the shared corpora (every
// post repeated with varied ids and authors, so per-author context stays realistic)
// in build/bench/posts.jsonl, then measures posts/second for:
//   native score, native score --parse-only, wasm CLI score, wasm CLI --parse-only,
//   and in-process NotworkEngine.scoreBatch (batches of 1000 and of 50 posts).
// Targets: wasm <= 2x native, scoring <= 2.5x parse-only, .wasm <= 600 KB.
// Posts per second is a rate: the CLIs also score a corpus twice as long (the same posts
// followed by as many more, build/bench/posts-2x.jsonl), and the steady rate is the second
// half's posts over the extra time. The wasm CLI pays a fixed cost on every run (Node's own
// start-up, compiling the module, V8 tiering the hot functions up to its optimising
// compiler); the whole-run ratios are printed next to it.
// Needs build/native/notwork and build/wasm (./dev build).
//
// Each figure is the best of --runs runs. Throughput is CPU time (user + system, the
// child's for the CLIs): the machine may be shared, and wall time then measures the
// neighbours. Wall time is printed too. The in-process figures exclude the first pass
// (V8 compiles the module in tiers; the CLI figures include start-up and compilation).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const wantJson = args.includes('--json');
const targetPosts = option('--posts', 100000);
const runs = option('--runs', 5);

const corporaDir = process.env.NOTWORK_CORPORA || path.join(repo, '..', 'shared', 'corpora');
const native = path.join(repo, 'build', 'native', 'notwork');
const wasmCli = path.join(repo, 'wasm', 'cli.mjs');
const wasmFile = path.join(repo, 'build', 'wasm', 'notwork-core.wasm');
const cliWasmFile = path.join(repo, 'build', 'wasm', 'notwork-cli-core.wasm');
const benchDir = path.join(repo, 'build', 'bench');
const postsFile = path.join(benchDir, 'posts.jsonl');
const doubleFile = path.join(benchDir, 'posts-2x.jsonl');

function fail(message) {
  console.error(`bench-core: ${message}`);
  process.exit(2);
}

for (const [file, hint] of [[native, 'cmake --preset native && cmake --build --preset native'],
  [wasmFile, 'cmake --preset wasm && cmake --build --preset wasm']]) {
  if (!fs.existsSync(file)) fail(`${path.relative(repo, file)} is missing; build it first (${hint})`);
}

// --- corpus -----------------------------------------------------------------------
function buildCorpus() {
  const files = fs.readdirSync(corporaDir)
    .filter((f) => f.endsWith('.jsonl') && f !== 'source-clients.jsonl').sort();
  if (files.length === 0) fail(`no corpora in ${corporaDir}`);
  const base = [];
  for (const f of files) {
    for (const line of fs.readFileSync(path.join(corporaDir, f), 'utf8').split('\n')) {
      if (line.trim()) base.push(JSON.parse(line));
    }
  }
  const lines = [];
  for (let round = 0; lines.length < 2 * targetPosts; round++) {
    for (const post of base) {
      if (lines.length >= 2 * targetPosts) break;
      const copy = { ...post };
      if (round > 0) {
        copy.id = `${post.id ?? 'post'}~${round}`;
        if (post.author != null) copy.author = `${post.author}~${round}`;
      }
      lines.push(JSON.stringify(copy));
    }
  }
  fs.mkdirSync(benchDir, { recursive: true });
  fs.writeFileSync(postsFile, lines.slice(0, targetPosts).join('\n') + '\n');
  fs.writeFileSync(doubleFile, lines.join('\n') + '\n');
  return { posts: targetPosts, bytes: fs.statSync(postsFile).size, sources: files };
}

// --- measurements -----------------------------------------------------------------
// CPU seconds used by this process's waited-for children (Linux /proc; null elsewhere).
function childrenCpu() {
  try {
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100;  // cutime + cstime, USER_HZ ticks
  } catch {
    return null;
  }
}

// Runs every command once per round, `runs` rounds, and keeps each one's best time. The
// commands take turns (rather than all runs of one, then the next) so that a noisy phase of a
// shared machine slows every measurement alike instead of skewing one ratio. Each round is
// pinned to one CPU, the next round to the next CPU (`taskset`, when there is one): the
// virtual CPUs of a shared machine can differ in speed (seen here: one 1.5x slower than the
// other for minutes), and a run that migrates between them measures neither.
const cpuCount = os.availableParallelism ? os.availableParallelism() : os.cpus().length;
const hasTaskset = spawnSync('taskset', ['-c', '0', 'true']).status === 0;
function timeCommands(commands) {
  const best = commands.map(() => ({ wall: Infinity, cpu: Infinity }));
  const out = path.join(benchDir, 'out.jsonl');
  for (let i = 0; i < runs; i++) {
    commands.forEach(([command, commandArgs], k) => {
      const fd = fs.openSync(out, 'w');
      const cpu0 = childrenCpu();
      const start = process.hrtime.bigint();
      const pinned = hasTaskset ? ['taskset', ['-c', String(i % cpuCount), command, ...commandArgs]] : [command, commandArgs];
      const run = spawnSync(pinned[0], pinned[1], { stdio: ['ignore', fd, 'pipe'], maxBuffer: 1 << 26 });
      const wall = Number(process.hrtime.bigint() - start) / 1e9;
      const cpu = cpu0 === null ? wall : childrenCpu() - cpu0;
      fs.closeSync(fd);
      if (run.status !== 0) {
        fail(`${[command, ...commandArgs].join(' ')} exited with ${run.status}: ${String(run.stderr).slice(0, 500)}`);
      }
      best[k] = { wall: Math.min(best[k].wall, wall), cpu: Math.min(best[k].cpu, cpu) };
    });
  }
  return best;
}

async function timeInProcess(posts, batchSize) {
  const NotworkEngine = require(path.join(repo, 'wasm', 'notwork.js'));
  const engine = await NotworkEngine.create({});
  const pass = () => {
    engine.resetContext();
    let scored = 0;
    for (let at = 0; at < posts.length; at += batchSize) {
      scored += engine.scoreBatch(posts.slice(at, at + batchSize)).length;
    }
    if (scored !== posts.length) fail(`scoreBatch returned ${scored} results for ${posts.length} posts`);
  };
  pass();  // warm-up: tiered compilation of the module and of this loop
  let best = { wall: Infinity, cpu: Infinity };
  for (let i = 0; i < runs; i++) {
    const cpu0 = process.cpuUsage();
    const start = process.hrtime.bigint();
    pass();
    const wall = Number(process.hrtime.bigint() - start) / 1e9;
    const used = process.cpuUsage(cpu0);
    best = { wall: Math.min(best.wall, wall), cpu: Math.min(best.cpu, (used.user + used.system) / 1e6) };
  }
  engine.destroy();
  return best;
}

const corpus = buildCorpus();
const rows = [];
const add = (name, t, posts = corpus.posts) => rows.push({
  name, wallSeconds: t.wall, cpuSeconds: t.cpu, postsPerSecond: posts / t.cpu,
});

const cli = [
  ['native score', native, ['score', postsFile], 1],
  ['native score --parse-only', native, ['score', '--parse-only', postsFile], 1],
  ['wasm cli score', process.execPath, [wasmCli, 'score', postsFile], 1],
  ['wasm cli score --parse-only', process.execPath, [wasmCli, 'score', '--parse-only', postsFile], 1],
  ['native score, 2x corpus', native, ['score', doubleFile], 2],
  ['wasm cli score, 2x corpus', process.execPath, [wasmCli, 'score', doubleFile], 2],
];
timeCommands(cli.map(([, command, commandArgs]) => [command, commandArgs])).forEach((t, k) => add(cli[k][0], t, cli[k][3] * corpus.posts));
const parsed = fs.readFileSync(postsFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
add('wasm scoreBatch, batches of 1000', await timeInProcess(parsed, 1000));
add('wasm scoreBatch, batches of 50', await timeInProcess(parsed, 50));

const cpu = Object.fromEntries(rows.map((r) => [r.name, r.cpuSeconds]));
// The steady rate: the second half of the 2x corpus over the time it added.
const steady = {
  native: corpus.posts / (cpu['native score, 2x corpus'] - cpu['native score']),
  wasm: corpus.posts / (cpu['wasm cli score, 2x corpus'] - cpu['wasm cli score']),
};
// What a run costs besides its posts (start-up; for wasm also V8's compilation).
const fixed = {
  native: cpu['native score'] - corpus.posts / steady.native,
  wasm: cpu['wasm cli score'] - corpus.posts / steady.wasm,
};
const ratios = {
  wasmVsNative: steady.native / steady.wasm,
  wasmVsNativeWholeRun: cpu['wasm cli score'] / cpu['native score'],
  wasmVsNativeWholeRun2x: cpu['wasm cli score, 2x corpus'] / cpu['native score, 2x corpus'],
  nativeScoreVsParseOnly: cpu['native score'] / cpu['native score --parse-only'],
  wasmScoreVsParseOnly: cpu['wasm cli score'] / cpu['wasm cli score --parse-only'],
};
const sizeOf = (file) => {
  const bytes = fs.readFileSync(file);
  return { bytes: bytes.length, gzipBytes: zlib.gzipSync(bytes, { level: 9 }).length };
};
const size = { engine: sizeOf(wasmFile), cli: sizeOf(cliWasmFile) };
const targets = {
  wasmVsNative: ratios.wasmVsNative <= 2,
  nativeScoreVsParseOnly: ratios.nativeScoreVsParseOnly <= 2.5,
  wasmScoreVsParseOnly: ratios.wasmScoreVsParseOnly <= 2.5,
  wasmSize: size.engine.bytes <= 600 * 1024,
};

if (wantJson) {
  console.log(JSON.stringify({ corpus, runs, rows, steady, fixed, ratios, size, targets }, null, 2));
} else {
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  const ok = (b) => (b ? 'ok' : 'MISSED');
  console.log(`corpus: ${corpus.posts} posts, ${(corpus.bytes / 1e6).toFixed(1)} MB (${path.relative(repo, postsFile)}); best of ${runs} runs`);
  console.log('');
  console.log('| measurement | CPU s | wall s | posts/s (CPU) |');
  console.log('|---|---:|---:|---:|');
  for (const r of rows) {
    console.log(`| ${r.name} | ${r.cpuSeconds.toFixed(2)} | ${r.wallSeconds.toFixed(2)} | ${Math.round(r.postsPerSecond).toLocaleString('en-US')} |`);
  }
  console.log('');
  const rate = (n) => Math.round(n).toLocaleString('en-US');
  console.log(`steady rate (second half of the 2x corpus): native ${rate(steady.native)} posts/s, wasm ${rate(steady.wasm)} posts/s`);
  console.log(`fixed cost per run: native ${fixed.native.toFixed(2)} s, wasm ${fixed.wasm.toFixed(2)} s (Node, module compilation, V8 tiering)`);
  console.log(`wasm / native (score, CPU):   ${ratios.wasmVsNative.toFixed(2)}x posts/s  (target <= 2x: ${ok(targets.wasmVsNative)}); ` +
    `whole runs: ${ratios.wasmVsNativeWholeRun.toFixed(2)}x on ${rate(corpus.posts)} posts, ${ratios.wasmVsNativeWholeRun2x.toFixed(2)}x on ${rate(2 * corpus.posts)}`);
  console.log(`native score / parse-only:    ${ratios.nativeScoreVsParseOnly.toFixed(2)}x  (target <= 2.5x: ${ok(targets.nativeScoreVsParseOnly)})`);
  console.log(`wasm score / parse-only:      ${ratios.wasmScoreVsParseOnly.toFixed(2)}x  (target <= 2.5x: ${ok(targets.wasmScoreVsParseOnly)})`);
  console.log(`notwork-core.wasm (engine):   ${kb(size.engine.bytes)}, gzip ${kb(size.engine.gzipBytes)}  (target <= 600 KB: ${ok(targets.wasmSize)})`);
  console.log(`notwork-cli-core.wasm (CLI):  ${kb(size.cli.bytes)}, gzip ${kb(size.cli.gzipBytes)}`);
}
