// The quality targets of the scoring core, measured on the labelled development corpora
// (../shared/corpora) with the native CLI, one test per target so a regression names itself.
// Figures and their meaning: docs/quality.md; the evaluator: scripts/eval.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const report = JSON.parse(execFileSync('node', [path.join(repo, 'scripts/eval.mjs'), '--json'],
  { encoding: 'utf8', maxBuffer: 64 << 20 }));

test('every post corpus was scored', () => {
  for (const name of ['youtube-spam-dev.jsonl', 'ira-troll-dev.jsonl', 'caverlee2011-dev.jsonl']) {
    assert.ok(report.corpora[name]?.rows > 0, `${name} missing from the evaluation`);
  }
  assert.ok(report.targets.length >= 7);
});

for (const t of report.targets) {
  test(`${t.description} ${t.op} ${t.threshold}`, () => {
    const ok = t.op === '>=' ? t.value >= t.threshold : t.value <= t.threshold;
    assert.ok(ok, `${t.id}: measured ${t.value.toFixed(4)}, target ${t.op} ${t.threshold}`);
  });
}
