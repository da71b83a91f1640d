// Badge vs CLI, one test per page type: every post's badge on the page (the built extension,
// wasm core in the page or the service worker) must equal what `build/native/notwork score`
// gives the same post as the adapter extracted it (text, author, kind, reply, repost, source
// client, lang…), scored in the same order. A badge the CLI gives but the page lacks (or the
// other way round) is an extraction or wiring bug, whatever the core's weights are.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch, setSettings, settle, ROOT, FIXTURES, PAGES } from './harness.mjs';
import { cliPath } from './surfaces-lib.mjs';
import { SITE_PAGES, serveSitePages } from '../fixtures/pages.mjs';

const BADGED = new Set(['autofeed', 'pure_promo', 'genuine_share']);
const ADAPTERS = ['extension/content/namespace.js', 'extension/adapters/x.js', 'extension/adapters/mastodon.js',
  'extension/adapters/bluesky.js', 'extension/adapters/youtube.js', 'extension/adapters/wordpress.js',
  'extension/adapters/reddit.js', 'extension/adapters/linkedin.js'];
const CLI = cliPath();
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'notwork-badge-cli-'));

let h;
before(async () => {
  h = await launch();
  await serveSitePages(h, FIXTURES);
  await setSettings(h.sw, { blogs: ['blog.example.org'], mastodonInstances: ['mastodon.social', 'hachyderm.io'] });
  await h.sw.evaluate(() => Notwork.registration.sync());
});
after(async () => { if (h) await h.close(); fs.rmSync(TMP, { recursive: true, force: true }); });

/** The page's posts as the adapter extracts them (in the page's main world, a second copy of the
 *  same adapter files), each with its root's badge. */
async function pagePosts(page) {
  for (const s of ADAPTERS) await page.addScriptTag({ path: path.join(ROOT, s) });
  return page.evaluate(() => {
    const a = Notwork.adapters.forPage(location, document);
    return a.findPosts(document).map((el) => {
      const post = a.extract(el);
      const badges = el.querySelectorAll('notwork-badge');
      return { fixture: el.getAttribute('data-fixture'), post, label: el.getAttribute('data-notwork-label'), badges: badges.length,
        badgeLabel: badges[0] ? badges[0].getAttribute('label') : null };
    });
  });
}

function cliLabels(posts, name) {
  const file = path.join(TMP, `${name}.jsonl`);
  // What the content script sends the engine: the post without its page-only fields.
  fs.writeFileSync(file, posts.map(({ key, promoted, ...rest }) => JSON.stringify(rest)).join('\n') + '\n');
  const out = execFileSync(CLI, ['score', file], { encoding: 'utf8' });
  return out.split('\n').filter(Boolean).map((l) => JSON.parse(l).label);
}

const PAGE_TYPES = [
  ['x', 'X timeline'], ['xDe', 'X timeline, German UI'],
  ['mastodon', 'Mastodon home'], ['mastodonDe', 'Mastodon home, German UI'], ['mastodonRedesign', 'Mastodon redesigned statuses'],
  ['mastodonStatus', 'Mastodon post page'], ['mastodonStatusDe', 'Mastodon post page, German UI'],
  ['bluesky', 'Bluesky feed'], ['blueskyDe', 'Bluesky feed, German UI'], ['blueskyThread', 'Bluesky thread'], ['blueskyThreadDe', 'Bluesky thread, German UI'],
  ['youtube', 'YouTube comments'], ['youtubeDe', 'YouTube comments, German UI'],
  ['wordpress', 'WordPress (HTML5 comments)'], ['wpBlock', 'WordPress block theme'], ['wpClassic', 'WordPress classic theme'],
  ['wpBlockDe', 'WordPress block theme, German UI'], ['wpClassicDe', 'WordPress classic theme, German UI'],
  ['redditThread', 'Reddit post page'], ['redditThreadDe', 'Reddit post page, German UI'], ['redditFeed', 'Reddit subreddit feed'], ['oldReddit', 'old Reddit post page'],
  ['linkedinFeed', 'LinkedIn feed'], ['linkedinFeedDe', 'LinkedIn feed, German UI'],
];
const shown = {};

for (const [name, what] of PAGE_TYPES) {
  test(`${what}: each post's badge is the CLI's label for the post as extracted`, { skip: !CLI && 'build the native CLI first' }, async () => {
    const spec = PAGES[name] || SITE_PAGES[name];
    const page = await h.open(spec.url);
    await settle(page);
    const posts = await pagePosts(page);
    assert.ok(posts.length >= 4, `${name} has posts`);
    assert.ok(posts.every((p) => p.post && p.post.text), `${name}: every post extracted`);
    const scored = Number(await page.evaluate(() => document.documentElement.dataset.notworkScored));
    assert.ok(scored >= posts.length, `${name}: all ${posts.length} posts scored (scored ${scored})`);
    const labels = cliLabels(posts.map((p) => p.post), name);
    const wrong = [];
    posts.forEach((p, i) => {
      const want = BADGED.has(labels[i]) ? labels[i] : null;
      if (p.label !== want || p.badges !== (want ? 1 : 0) || (want && p.badgeLabel !== want)) {
        wrong.push(`${p.fixture}: page ${p.label} (${p.badges} badge${p.badges === 1 ? '' : 's'}), CLI ${labels[i]}`);
      }
    });
    assert.deepEqual(wrong, [], `${what}: badges equal the CLI`);
    assert.ok(posts.some((p) => p.label), `${what}: some post is badged`);
    shown[name] = Object.fromEntries(posts.map((p) => [p.fixture, p.label]));
    assert.deepEqual(page.notworkErrors, []);
    await page.close();
  });
}

test('a non-English UI gives the same badges as the English page', { skip: !CLI && 'build the native CLI first' }, () => {
  for (const [name, spec] of Object.entries(SITE_PAGES)) {
    if (!spec.same || !shown[name] || !shown[spec.same]) continue;
    assert.deepEqual(shown[name], shown[spec.same], `${name} badges like ${spec.same}`);
  }
  assert.ok(Object.keys(shown).length >= PAGE_TYPES.length, 'every page type ran');
});
