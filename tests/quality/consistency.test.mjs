// The label-consistency estimate of scripts/eval.mjs ("What the labels allow",
// docs/quality.md) on small corpora whose answer is known by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { labelCeilings } from '../../scripts/lib/consistency.mjs';

// 100 posts of people: 20 own link posts, 10 re-shares with a link, 70 without a link.
function people() {
  const rows = [];
  for (let i = 0; i < 100; i++) {
    const text = i < 20 ? `Headline ${i} https://news.example/${i}` : i < 30 ? `RT @other: item ${i} http://x.example/${i}` : `just talking ${i}`;
    rows.push({ id: `p${i}`, text, source_label: 'person' });
  }
  rows.push({ id: 't0', text: 'Troll headline https://t.example/0', source_label: 'troll' });
  return rows;
}

test('a cap on people\'s flags caps the recall on the same kind of post', () => {
  // The careful reader saw 10 of the 20 own link posts and called 5 of them feed or promo;
  // 10 feed/promo posts are expected among the 20, and a 5% cap allows 5 flags: recall <= 0.5.
  const labelled = [];
  for (let i = 0; i < 10; i++) labelled.push({ id: `p${i}`, gold: i < 5 ? 'autofeed' : 'other' });
  const out = labelCeilings(people(), labelled, [{ source_label: 'person', cap: 0.05, target: 'people.flagged' }]);
  const g = out.groups[0];
  assert.equal(g.posts, 100);
  assert.equal(g.strata.own.link_posts, 20);
  assert.equal(g.strata.reshare.link_posts, 10);
  assert.equal(g.estimated_feed_promo, 10, 'the unsampled re-shares count as no feed or promo');
  assert.equal(g.recall_ceiling, 0.5);
  assert.equal(out.labelled.feed_promo, 5);
  assert.equal(out.labelled.ceiling, 0.5);
});

test('accounts without a cap count as fully reachable, and a loose cap does not bind', () => {
  const labelled = [
    { id: 'p0', gold: 'pure_promo' }, { id: 'p1', gold: 'other' },
    { id: 'p20', gold: 'autofeed' }, { id: 'p21', gold: 'genuine_share' },
    { id: 't0', gold: 'autofeed' },
  ];
  // own: 1 of 2 sampled -> 10 of 20; re-shares: 1 of 2 -> 5 of 10; 15 expected, 5% allows 5.
  const tight = labelCeilings(people(), labelled, [{ source_label: 'person', cap: 0.05, target: 't' }]);
  assert.equal(tight.groups[0].estimated_feed_promo, 15);
  assert.ok(Math.abs(tight.groups[0].recall_ceiling - 1 / 3) < 1e-12);
  assert.equal(tight.labelled.uncapped_feed_promo, 1);
  assert.ok(Math.abs(tight.labelled.ceiling - (2 / 3 + 1) / 3) < 1e-12);
  const loose = labelCeilings(people(), labelled, [{ source_label: 'person', cap: 0.5, target: 't' }]);
  assert.equal(loose.groups[0].recall_ceiling, 1);
  assert.equal(loose.labelled.ceiling, 1);
});

test('no labelled feed or promo: no ceiling to report', () => {
  const out = labelCeilings(people(), [{ id: 'p0', gold: 'other' }], [{ source_label: 'person', cap: 0.03, target: 't' }]);
  assert.equal(out.groups[0].recall_ceiling, 1);
  assert.equal(out.labelled.ceiling, null);
});
