// The quality targets of the scoring core (issue "Verdicts that hold for people the rules
// have never seen"), measured by scripts/eval.mjs on the labelled development corpora
// (../shared/corpora): every figure is the grouped cross-validated one (the weights that
// score a post were fitted without its author's or video's fold). One test per target, so
// a regression names itself. Figures and their meaning: docs/quality.md.
//
// A target this build does not reach yet is a `todo` test: reported (with its figure) on
// every run, never silently dropped, and it does not turn the suite red; OPEN below lists
// them, and a test fails when an OPEN target is in fact reached, so the list stays true.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fit = process.env.NOTWORK_FIT || path.join(repo, 'build/native/notwork-fit');
const corpora = process.env.NOTWORK_CORPORA || path.resolve(repo, '..', 'shared', 'corpora');

// Targets not reached yet (docs/quality.md says by how much and why).
const OPEN = new Set(JSON.parse(fs.readFileSync(path.join(repo, 'tests/quality/open-targets.json'), 'utf8')).open);

test('./dev fit reproduces the shipped weights byte for byte', () => {
  execFileSync(fit, ['--corpora', corpora, '--check', path.join(repo, 'core/data/weights.json')],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
});

const report = JSON.parse(execFileSync('node', [path.join(repo, 'scripts/eval.mjs'), '--json'],
  { encoding: 'utf8', maxBuffer: 256 << 20 }));

test('every corpus and view was measured', () => {
  assert.ok(report.targets.length >= 15);
  for (const t of report.targets) assert.notEqual(t.cv, null, `${t.id} has no figure`);
  // Each figure measured on the corpora's rows has its interval over draws of authors.
  for (const t of report.targets.filter((x) => !/^(blog|audit)\./.test(x.id))) {
    assert.ok(Array.isArray(t.interval) && t.interval[0] <= t.cv && t.cv <= t.interval[1], `${t.id}: ${t.interval}`);
  }
  // What the labels allow: the recall the people's caps leave on the labelled tweets.
  assert.equal(typeof report.consistency?.labelled?.ceiling, 'number');
  assert.equal(report.consistency.groups.length, 2);
});

for (const t of report.targets) {
  const ok = t.op === '>=' ? t.cv >= t.threshold : t.cv <= t.threshold;
  const name = `${t.description} ${t.op} ${t.threshold} (cv ${t.cv?.toFixed?.(4)}, fitted-on-all ${t.all?.toFixed?.(4)})`;
  if (OPEN.has(t.id)) {
    test(name, { todo: 'open target (tests/quality/open-targets.json)' }, () => {
      assert.ok(ok, `${t.id}: cross-validated ${t.cv}, target ${t.op} ${t.threshold}`);
    });
    test(`${t.id} is still open (remove it from open-targets.json once reached)`, () => {
      assert.ok(!ok, `${t.id} is reached now (${t.cv}): remove it from tests/quality/open-targets.json`);
    });
  } else {
    test(name, () => assert.ok(ok, `${t.id}: cross-validated ${t.cv}, target ${t.op} ${t.threshold}`));
  }
}

// The fit's other operating point (docs/quality.md, "What the labels allow"): people's link
// posts count only where the careful reader labelled them. Its data file says so, and it is
// not the shipped one.
test('--careful-people-links fits another operating point, named in its data file', () => {
  const dir = fs.mkdtempSync(path.join(repo, 'build', 'careful-'));
  try {
    const out = path.join(dir, 'weights.json');
    execFileSync(fit, ['--corpora', corpora, '--careful-people-links', '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
    const doc = JSON.parse(fs.readFileSync(out, 'utf8'));
    assert.match(doc.training, /link posts are examples only where the careful reader labelled them/);
    const shipped = JSON.parse(fs.readFileSync(path.join(repo, 'core/data/weights.json'), 'utf8'));
    assert.doesNotMatch(shipped.training, /only where the careful reader/);
    assert.notDeepEqual(doc.labels, shipped.labels);
    assert.throws(() => execFileSync(fit, ['--corpora', corpora, '--careful-people-links', '--check',
      path.join(repo, 'core/data/weights.json')], { stdio: ['ignore', 'pipe', 'pipe'] }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
