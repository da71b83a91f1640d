#!/usr/bin/env node
// Evaluates the native CLI on the labelled corpora (../shared/corpora, or $NOTWORK_CORPORA):
// per-label precision/recall/F1 against `gold`, "flagged" (autofeed or pure_promo) rates,
// the label mix per `source_label`, then the project's targets as PASS/FAIL.
//
//   node scripts/eval.mjs [--json] [--strict] [--bin PATH]
//
// Each corpus file is scored as one stream in file order (`notwork score FILE`), exactly
// as a user would run it. Exit status: 0, or 1 when a target fails and --strict is given,
// 2 when the CLI cannot be run. No dependencies (Node >= 18).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const LABELS = ['autofeed', 'pure_promo', 'genuine_share', 'conversation', 'neutral'];
const FLAGGED = new Set(['autofeed', 'pure_promo']);
const POSITIVE_GOLD = new Set(['autofeed', 'pure_promo', 'flag_account']); // "should be flagged"
const NOT_POSTS = new Set(['source-clients.jsonl']);

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function parseArgs(argv) {
  const opts = { json: false, strict: false, bin: process.env.NOTWORK_BIN || path.join(repo, 'build', 'native', 'notwork') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') opts.json = true;
    else if (a === '--strict') opts.strict = true;
    else if (a === '--bin') opts.bin = argv[++i];
    else if (a === '--help' || a === '-h') {
      console.log('Usage: node scripts/eval.mjs [--json] [--strict] [--bin PATH]\n' +
        'Corpora: $NOTWORK_CORPORA or ../shared/corpora next to the repository.');
      process.exit(0);
    } else {
      console.error(`eval: unknown argument ${a}`);
      process.exit(2);
    }
  }
  return opts;
}

const ratio = (a, b) => (b > 0 ? a / b : null);
const f1 = (p, r) => (p != null && r != null && p + r > 0 ? (2 * p * r) / (p + r) : null);

function prf(rows, isGold, isPred) {
  let tp = 0, fp = 0, fn = 0;
  for (const r of rows) {
    const g = isGold(r), p = isPred(r);
    if (g && p) tp++;
    else if (p) fp++;
    else if (g) fn++;
  }
  const precision = ratio(tp, tp + fp), recall = ratio(tp, tp + fn);
  return { gold: tp + fn, predicted: tp + fp, tp, precision, recall, f1: f1(precision, recall) };
}

function scoreCorpus(bin, file) {
  const started = process.hrtime.bigint();
  const run = spawnSync(bin, ['score', file], { maxBuffer: 1 << 30, encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.error) throw new Error(`cannot run ${bin}: ${run.error.message}`);
  if (run.status !== 0) throw new Error(`${bin} score ${file} exited with ${run.status}: ${run.stderr.trim()}`);
  const rows = run.stdout.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
  return { rows, seconds };
}

function evaluate(rows) {
  const golds = new Set(rows.map((r) => r.gold));
  const labels = {};
  for (const label of LABELS) {
    if (golds.has(label)) labels[label] = prf(rows, (r) => r.gold === label, (r) => r.label === label);
  }
  const flagged = prf(rows, (r) => POSITIVE_GOLD.has(r.gold), (r) => FLAGGED.has(r.label));
  const groups = {};
  for (const r of rows) {
    const key = r.source_label ?? r.gold ?? '(none)';
    const g = (groups[key] ??= { n: 0, labels: Object.fromEntries(LABELS.map((l) => [l, 0])), flagged: 0 });
    g.n++;
    g.labels[r.label] = (g.labels[r.label] ?? 0) + 1;
    if (FLAGGED.has(r.label)) g.flagged++;
  }
  for (const g of Object.values(groups)) g.flag_rate = ratio(g.flagged, g.n);
  return { rows: rows.length, labels, flagged, groups };
}

// The project's targets; `get` reads a value from the per-corpus results.
const TARGETS = [
  { id: 'youtube.flagged.precision', corpus: 'youtube', unit: 'fraction', text: 'youtube flagged precision', op: '>=', threshold: 0.95,
    get: (c) => c.flagged.precision },
  { id: 'youtube.flagged.recall', corpus: 'youtube', unit: 'fraction', text: 'youtube flagged recall', op: '>=', threshold: 0.92,
    get: (c) => c.flagged.recall },
  { id: 'ira.newsfeed.autofeed', corpus: 'ira', text: 'ira NewsFeed labelled autofeed', op: '>=', threshold: 0.75,
    get: (c) => share(c.groups.NewsFeed, (g) => g.labels.autofeed) },
  { id: 'ira.hashtaggamer.flagged', corpus: 'ira', text: 'ira HashtagGamer flagged', op: '<=', threshold: 0.05,
    get: (c) => share(c.groups.HashtagGamer, (g) => g.flagged) },
  { id: 'ira.commercial.flagged', corpus: 'ira', text: 'ira Commercial flagged', op: '>=', threshold: 0.6,
    get: (c) => share(c.groups.Commercial, (g) => g.flagged) },
  { id: 'caverlee.flag_ratio', corpus: 'caverlee', unit: 'ratio', text: 'caverlee polluter/legit flag ratio', op: '>=', threshold: 3.5,
    get: (c) => ratio(c.groups.content_polluter?.flag_rate ?? 0, c.groups.legitimate_user?.flag_rate ?? 0) },
  { id: 'caverlee.legit.flagged', corpus: 'caverlee', text: 'caverlee legitimate users flagged', op: '<=', threshold: 0.12,
    get: (c) => c.groups.legitimate_user?.flag_rate ?? null },
];

function share(group, pick) {
  return group ? ratio(pick(group), group.n) : null;
}

function checkTargets(results) {
  return TARGETS.map((t) => {
    const name = Object.keys(results).find((n) => n.startsWith(t.corpus));
    const value = name ? t.get(results[name]) : null;
    const pass = value != null && (t.op === '>=' ? value >= t.threshold : value <= t.threshold);
    return { id: t.id, corpus: name ?? null, description: t.text, unit: t.unit ?? 'percent', op: t.op,
             threshold: t.threshold, value, pass,
             ...(name ? {} : { missing: true }) };
  });
}

const fmt = (x, d = 3) => (x == null ? '  n/a' : x.toFixed(d));
const pct = (x) => (x == null ? 'n/a' : `${(100 * x).toFixed(1)}%`);
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);

function printText(bin, dir, results, targets) {
  console.log(`notwork eval: ${path.relative(process.cwd(), bin) || bin} on ${dir}\n`);
  for (const [name, c] of Object.entries(results)) {
    console.log(`${name}: ${c.rows} posts scored in ${c.seconds.toFixed(2)} s`);
    console.log(`  ${pad('label', 16)}${lpad('gold', 6)}${lpad('pred', 6)}${lpad('P', 8)}${lpad('R', 8)}${lpad('F1', 8)}`);
    for (const [label, m] of Object.entries(c.labels)) {
      console.log(`  ${pad(label, 16)}${lpad(m.gold, 6)}${lpad(m.predicted, 6)}${lpad(fmt(m.precision), 8)}` +
        `${lpad(fmt(m.recall), 8)}${lpad(fmt(m.f1), 8)}`);
    }
    const f = c.flagged;
    console.log(`  ${pad('flagged*', 16)}${lpad(f.gold, 6)}${lpad(f.predicted, 6)}${lpad(fmt(f.precision), 8)}` +
      `${lpad(fmt(f.recall), 8)}${lpad(fmt(f.f1), 8)}`);
    console.log('  label mix by source_label (or gold):');
    console.log(`    ${pad('group', 18)}${lpad('n', 6)}` + LABELS.map((l) => lpad(l, 14)).join('') + lpad('flagged', 10));
    for (const [group, g] of Object.entries(c.groups)) {
      console.log(`    ${pad(group, 18)}${lpad(g.n, 6)}` +
        LABELS.map((l) => lpad(pct(ratio(g.labels[l] ?? 0, g.n)), 14)).join('') + lpad(pct(g.flag_rate), 10));
    }
    console.log('');
  }
  console.log('  * flagged = labelled autofeed or pure_promo; gold positive = autofeed, pure_promo or flag_account\n');
  console.log('Targets');
  for (const t of targets) {
    const show = (x) => (t.unit === 'percent' ? pct(x) : fmt(x, t.unit === 'ratio' ? 2 : 3));
    const value = show(t.value), limit = t.unit === 'percent' ? pct(t.threshold) : String(t.threshold);
    console.log(`  ${t.pass ? 'PASS' : 'FAIL'}  ${pad(`${t.description} ${t.op} ${limit}`, 48)} ${value}` +
      (t.missing ? '  (corpus missing)' : ''));
  }
  const failed = targets.filter((t) => !t.pass).length;
  console.log(`\n${targets.length - failed}/${targets.length} targets pass`);
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  const dir = process.env.NOTWORK_CORPORA || path.resolve(repo, '..', 'shared', 'corpora');
  let files;
  try {
    files = fs.readdirSync(dir).filter((f) => f.endsWith('.jsonl') && !NOT_POSTS.has(f)).sort();
  } catch (e) {
    console.error(`eval: cannot read the corpora in ${dir}: ${e.message}`);
    process.exit(2);
  }
  if (!fs.existsSync(opts.bin)) {
    console.error(`eval: ${opts.bin} not found; build it with: cmake --preset native && cmake --build --preset native -j2`);
    process.exit(2);
  }
  const results = {};
  try {
    for (const file of files) {
      const { rows, seconds } = scoreCorpus(opts.bin, path.join(dir, file));
      results[file] = { ...evaluate(rows), seconds };
    }
  } catch (e) {
    console.error(`eval: ${e.message}`);
    process.exit(2);
  }
  const targets = checkTargets(results);
  const pass = targets.every((t) => t.pass);
  if (opts.json) {
    console.log(JSON.stringify({ bin: opts.bin, corpora_dir: dir, corpora: results, targets, pass }, null, 2));
  } else {
    printText(opts.bin, dir, results, targets);
  }
  process.exit(opts.strict && !pass ? 1 : 0);
}

main();
