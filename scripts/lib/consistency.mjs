// Do the targets agree with the product's own labels? (docs/quality.md, "What the labels
// allow").
//
// The labelled tweets are a sample of the link posts of the same people that two other
// targets count as never to be flagged (the honeypot's legitimate users, the multilingual
// humans). A careful reader labelled a share of that sample autofeed or pure_promo. A rule
// cannot tell a sampled post from an unsampled one of the same kind, so the share found in
// the sample is also the best estimate for the unsampled link posts, and a cap on how many
// of a group's posts may be flagged caps the recall on that group's feed and promo posts:
//
//   recall ceiling(group) = min(1, cap x posts / (share x link posts))
//
// even if every flag fell on a true feed or promo post (precision 1). The labelled-recall
// ceiling weighs each group's labelled feed/promo posts by its ceiling; groups without a
// cap (the IRA troll accounts) count as recall 1. Link posts are estimated per stratum
// (re-shares "RT @..." apart from own posts); a stratum the sample never drew from counts as
// holding no feed or promo at all, which only raises the ceiling: the figure is an upper
// bound in the targets' favour.
//
// Inputs are the corpora's rows as read from JSON Lines; nothing here reads files.

const LINK = /\bhttps?:\/\/|\bwww\.[a-z0-9-]/i;
const FLAGGED = new Set(['autofeed', 'pure_promo']);

const hasLink = (text) => LINK.test(String(text ?? ''));
const isReshare = (row) => row.is_repost === true || /^\s*RT @\w/.test(String(row.text ?? ''));

/**
 * @param {object[]} sourceRows   rows of the people corpora (id, text, source_label, ...)
 * @param {object[]} labelledRows rows of the labelled tweets (id, gold)
 * @param {{source_label: string, cap: number, target: string}[]} caps  the capped groups
 * @returns {{groups: object[], labelled: {feed_promo: number, ceiling: number|null}}}
 */
export function labelCeilings(sourceRows, labelledRows, caps) {
  const source = new Map(sourceRows.map((r) => [r.id, r]));
  const groups = new Map(caps.map((c) => [c.source_label, {
    source_label: c.source_label, target: c.target, cap: c.cap, posts: 0,
    strata: { own: { link_posts: 0, sampled: 0, feed_promo: 0 }, reshare: { link_posts: 0, sampled: 0, feed_promo: 0 } },
  }]));
  for (const r of sourceRows) {
    const g = groups.get(r.source_label);
    if (!g) continue;
    g.posts++;
    if (hasLink(r.text)) g.strata[isReshare(r) ? 'reshare' : 'own'].link_posts++;
  }
  let labelledFeedPromo = 0, uncappedFeedPromo = 0;
  for (const l of labelledRows) {
    const r = source.get(l.id);
    const fp = FLAGGED.has(l.gold);
    if (fp) labelledFeedPromo++;
    const g = r && groups.get(r.source_label);
    if (!g) { if (fp) uncappedFeedPromo++; continue; }
    const s = g.strata[isReshare(r) ? 'reshare' : 'own'];
    s.sampled++;
    if (fp) s.feed_promo++;
  }
  let reachable = uncappedFeedPromo;
  const out = [];
  for (const g of groups.values()) {
    const strata = Object.values(g.strata);
    let estimated = 0;
    for (const s of strata) if (s.sampled > 0) estimated += (s.feed_promo / s.sampled) * s.link_posts;
    const allowed = g.cap * g.posts;
    const ceiling = estimated > 0 ? Math.min(1, allowed / estimated) : 1;
    const sampledFeedPromo = strata.reduce((n, s) => n + s.feed_promo, 0);
    reachable += ceiling * sampledFeedPromo;
    out.push({ ...g, estimated_feed_promo: estimated, estimated_share: g.posts ? estimated / g.posts : null,
      flags_allowed: allowed, recall_ceiling: ceiling, labelled_feed_promo: sampledFeedPromo });
  }
  return { groups: out, labelled: { feed_promo: labelledFeedPromo, uncapped_feed_promo: uncappedFeedPromo,
    ceiling: labelledFeedPromo ? reachable / labelledFeedPromo : null } };
}
