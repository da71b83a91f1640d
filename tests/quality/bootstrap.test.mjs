// The grouped bootstrap behind eval's "90% over draws of authors" (scripts/lib/bootstrap.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupedBootstrap } from '../../scripts/lib/bootstrap.mjs';

// 40 authors, 5 posts each; the first 10 authors have every post flagged, the others none.
const rows = [];
for (let a = 0; a < 40; a++) for (let k = 0; k < 5; k++) rows.push({ author: `a${a}`, flagged: a < 10 });
const share = (sample) => ({ flagged: sample.filter((r) => r.flagged).length / sample.length });

test('an author is drawn with all of their posts', () => {
  const sizes = new Set();
  groupedBootstrap(rows, (r) => r.author, (sample) => {
    const per = new Map();
    for (const r of sample) per.set(r.author, (per.get(r.author) || 0) + 1);
    for (const n of per.values()) sizes.add(n % 5);
    return { n: sample.length };
  }, { replicates: 20 });
  assert.deepEqual([...sizes], [0], 'every author appears a whole number of times');
});

test('the interval brackets the figure, and is the same on every run', () => {
  const a = groupedBootstrap(rows, (r) => r.author, share);
  const b = groupedBootstrap(rows, (r) => r.author, share);
  assert.deepEqual(a, b);
  const [lo, hi] = a.flagged;
  assert.ok(lo < 0.25 && hi > 0.25, `${lo}..${hi} brackets 0.25`);
  assert.ok(hi - lo > 0.1, 'ten flagged authors of forty: a wide interval');
});

test('drawing by post instead of by author understates the spread', () => {
  const byAuthor = groupedBootstrap(rows, (r) => r.author, share).flagged;
  let i = 0;
  const byPost = groupedBootstrap(rows, () => `row${i++}`, share).flagged;
  assert.ok(byPost[1] - byPost[0] < byAuthor[1] - byAuthor[0]);
});

test('a figure that is the same in every draw has a zero-width interval; one that is never defined has none', () => {
  const out = groupedBootstrap(rows, (r) => r.author, () => ({ one: 1, none: null }), { replicates: 10 });
  assert.deepEqual(out.one, [1, 1]);
  assert.equal(out.none, null);
});
