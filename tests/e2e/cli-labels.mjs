// What a fixture post's badge should be: the native CLI's label (build/native/notwork score) for
// the post as the site's adapter extracts it, scored in page order — as tests/e2e/badge-vs-cli
// does. Fixture pages carry data-expect (the label a post was written to show), but which posts
// get which badge is the fitted core's decision (core/data/weights.json), so the site suites
// compare the page with the CLI instead of with hand-set labels; where the two differ the
// suites say so as a diagnostic (the fixture no longer shows what it was written for).
// Works with Playwright (Chromium) and puppeteer (Firefox) pages alike.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './harness.mjs';
import { cliPath } from './surfaces-lib.mjs';

const BADGED = new Set(['autofeed', 'pure_promo', 'genuine_share']);
const ADAPTERS = ['extension/content/namespace.js', 'extension/adapters/x.js', 'extension/adapters/mastodon.js',
  'extension/adapters/bluesky.js', 'extension/adapters/youtube.js', 'extension/adapters/wordpress.js',
  'extension/adapters/reddit.js', 'extension/adapters/linkedin.js'];

/** Map fixture id → the badge the CLI gives its post (null: no badge). Call after settle(); it
 *  loads a second copy of the adapters into the page's main world to extract the posts. */
export async function cliBadges(page) {
  for (const s of ADAPTERS) await page.addScriptTag({ path: path.join(ROOT, s) });
  const posts = await page.evaluate(() => {
    const a = Notwork.adapters.forPage(location, document);
    return a.findPosts(document).map((el) => ({ fixture: el.getAttribute('data-fixture'), post: a.extract(el) }));
  });
  // A root the adapter cannot extract (e.g. an X post whose handle is not a handle) is never
  // scored, so never badged. The rest: what the content script sends the engine, the post
  // without its page-only fields.
  const scored = posts.filter((p) => p.post);
  const input = scored.map(({ post: { key, promoted, ...rest } }) => JSON.stringify(rest)).join('\n') + '\n';
  const out = scored.length ? execFileSync(cliPath(), ['score', '-'], { input, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }).split('\n').filter(Boolean).map((l) => JSON.parse(l).label) : [];
  if (out.length !== scored.length) throw new Error(`the CLI answered ${out.length} lines for ${scored.length} posts`);
  const labels = new Map(posts.map((p) => [p.fixture, null]));
  scored.forEach((p, i) => labels.set(p.fixture, BADGED.has(out[i]) ? out[i] : null));
  return labels;
}

/** Fixture posts whose written intent (data-expect) the fitted core no longer gives. */
export function driftFromIntent(posts, cli) {
  return posts.filter((p) => p.expect && cli.has(p.fixture) && (BADGED.has(p.expect) ? p.expect : null) !== cli.get(p.fixture))
    .map((p) => `${p.fixture} was written as ${p.expect}; the core gives ${cli.get(p.fixture) || 'no badge'}`);
}
