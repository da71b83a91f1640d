// Selector health: every adapter against its fixture, in plain Chromium (no extension, no
// wasm needed). The adapters are injected into the page; expected counts and extracted fields
// catch markup drift early (refresh the fixtures from real pages when a site changes).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { ROOT, FIXTURES, PAGES } from './harness.mjs';
import { SURFACE_PAGES } from './surfaces-lib.mjs';

const ALL_PAGES = { ...PAGES, ...SURFACE_PAGES };

const SCRIPTS = ['extension/content/namespace.js', 'extension/adapters/x.js', 'extension/adapters/mastodon.js',
  'extension/adapters/bluesky.js', 'extension/adapters/youtube.js', 'extension/adapters/wordpress.js'];
let browser, context;
before(async () => {
  browser = await chromium.launch({ executablePath: process.env.NOTWORK_CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox', '--host-resolver-rules=MAP * ~NOTFOUND'] });
  context = await browser.newContext();
  await context.route('**/*', (route) => {
    const u = new URL(route.request().url());
    const hit = Object.values(ALL_PAGES).find((p) => { const pu = new URL(p.url); return pu.origin + pu.pathname === u.origin + u.pathname; });
    if (hit) return route.fulfill({ contentType: 'text/html; charset=utf-8', body: fs.readFileSync(path.join(FIXTURES, hit.file)) });
    return route.abort();
  });
});
after(async () => { if (browser) await browser.close(); });

async function load(name) {
  const page = await context.newPage();
  await page.goto(ALL_PAGES[name].url);
  for (const s of SCRIPTS) await page.addScriptTag({ path: path.join(ROOT, s) });
  return page;
}
const extractAll = (page) => page.evaluate(() => {
  const a = Notwork.adapters.forPage(location, document);
  return { id: a && a.id, posts: a ? a.findPosts(document).map((el) => ({ fixture: el.getAttribute('data-fixture'), post: a.extract(el), anchorInside: el.contains(a.badgeAnchor(el)) })) : [] };
});
const byFixture = (r) => Object.fromEntries(r.posts.map((p) => [p.fixture, p.post]));

test('X: posts, t.co expansion, cards, reposts, replies, the Automated label', async () => {
  const page = await load('x');
  const r = await extractAll(page);
  assert.equal(r.id, 'x');
  assert.equal(r.posts.length, 10);
  assert.ok(r.posts.every((p) => p.post && p.anchorInside));
  const p = byFixture(r);
  assert.equal(p['x-autofeed-1'].key, 'x:1900000000000000101');
  assert.deepEqual(p['x-autofeed-1'].links, ['https://dailytechwire.com/2026/03/14/bike-lanes-pilot-results'], 't.co link expanded from its visible text');
  assert.match(p['x-autofeed-1'].text, /pilot… https:\/\/dailytechwire\.com\/2026\/03\/14\/bike-lanes-pilot-results #rss$/);
  assert.equal(p['x-autofeed-2'].automated, true);
  assert.equal(p['x-autofeed-1'].automated, false);
  assert.equal(p['x-reply-1'].is_reply, true);
  assert.equal(p['x-reply-1'].reply_to, 'ana_reads');
  assert.equal(p['x-repost-share'].is_repost, true);
  assert.equal(p['x-repost-share'].author, 'priya_codes', 'a repost is attributed to the original author');
  assert.deepEqual(p['x-share-1'].mentions, ['lenaparks', 'sam_k']);
  assert.equal(p['x-share-1'].author_name, 'Ana Ribeiro');
  assert.equal(p['x-share-1'].created_at, '2026-03-14T08:40:00Z');
  const targets = await page.evaluate(() => {
    const a = Notwork.adapters.get('x');
    const mk = (html) => { const d = document.createElement('div'); d.innerHTML = html; return d.firstChild; };
    return [a.linkTarget(document.querySelector('[data-fixture="x-promo-1"] [data-testid="tweetText"] a[href^="https://t.co/"]')),
      a.linkTarget(mk('<a href="https://t.co/abc" title="https://example.org/full/path">example.org/full…</a>')),
      a.linkTarget(mk('<a href="javascript:alert(1)">https://example.org</a>')),
      a.linkTarget(mk('<a href="/hashtag/rss">#rss</a>'))];
  });
  assert.deepEqual(targets, ['https://glowskin-shop.com/sale?ref=tw&utm_campaign=spring', 'https://example.org/full/path', null, null]);
  await page.close();
});

test('Mastodon: hashtag bar, boosts, replies, acct handles', async () => {
  const page = await load('mastodon');
  const r = await extractAll(page);
  assert.equal(r.id, 'mastodon');
  assert.equal(r.posts.length, 8);
  const p = byFixture(r);
  assert.equal(p['m-autofeed-1'].author, 'climatewire@newsbots.example');
  assert.match(p['m-autofeed-1'].text, /#rss #climate$/, 'trailing hashtags come back from the hashtag bar');
  assert.deepEqual(p['m-autofeed-1'].hashtags, ['rss', 'climate']);
  assert.equal(p['m-reply-1'].is_reply, true);
  assert.equal(p['m-reply-1'].reply_to, 'ruth');
  assert.equal(p['m-boost-share'].is_repost, true);
  assert.equal(p['m-boost-share'].key, 'mastodon:https://mastodon.social/@devi@fosstodon.org/113000000000000108');
  assert.deepEqual(p['m-share-1'].links, ['https://kimwrites.dev/tired-readers']);
  await page.close();
});

test('Bluesky: handle from the test id, full link targets, reposted-by and reply rows', async () => {
  const page = await load('bluesky');
  const r = await extractAll(page);
  assert.equal(r.id, 'bluesky');
  assert.equal(r.posts.length, 8);
  const p = byFixture(r);
  assert.equal(p['b-autofeed-1'].author, 'sportsdesk-feed.bsky.social');
  assert.match(p['b-autofeed-1'].text, /https:\/\/sportsdesk-news\.com\/2026\/03\/14\/late-winner-united \(via dlvr\.it\)$/);
  assert.deepEqual(p['b-share-1'].links, ['https://oskar.dev/blog/saying-no-kindly'], 'the embed card link');
  assert.equal(p['b-reply-1'].is_reply, true);
  assert.equal(p['b-reply-1'].reply_to, 'mei.bsky.social');
  assert.equal(p['b-repost-neutral'].is_repost, true);
  assert.equal(p['b-neutral-1'].is_repost, false);
  assert.equal(p['b-neutral-1'].created_at, '2026-03-14T08:00:00Z');
  await page.close();
});

test('YouTube: comments (kind comment), redirect links decoded, replies', async () => {
  const page = await load('youtube');
  const r = await extractAll(page);
  assert.equal(r.id, 'youtube');
  assert.equal(r.posts.length, 7);
  const p = byFixture(r);
  assert.ok(Object.values(p).every((x) => x.kind === 'comment'));
  assert.deepEqual(p['y-promo-2'].links, ['https://cryptoking-signals.com/join?ref=yt']);
  assert.equal(p['y-reply-1'].is_reply, true);
  assert.equal(p['y-reply-1'].reply_to, 'nadia_learns');
  assert.equal(p['y-share-1'].is_reply, false);
  assert.equal(p['y-promo-1'].key, 'youtube:UgzPromo001AaBbCc');
  await page.close();
});

test('WordPress: comments with linked names, nested replies, pingbacks as automated', async () => {
  const page = await load('wordpress');
  const r = await extractAll(page);
  assert.equal(r.id, 'wordpress');
  assert.equal(r.posts.length, 8);
  const p = byFixture(r);
  assert.equal(p['w-promo-1'].author, 'Best SEO Services London');
  assert.equal(p['w-promo-1'].author_url, 'https://best-seo-services-london.co.uk/');
  assert.equal(p['w-reply-2'].is_reply, true);
  assert.equal(p['w-reply-2'].reply_to, 'Hannah Weiss');
  assert.equal(p['w-pingback-1'].automated, true);
  assert.equal(p['w-pingback-1'].kind, 'comment');
  assert.deepEqual(p['w-pingback-1'].links, ['https://aggregated-tech-digest.info/2026/03/links-112/']);
  assert.equal(p['w-neutral-1'].author_url, undefined);
  await page.close();
});

test('composers and profiles: each adapter finds the editor in a minimal composer', async () => {
  const page = await load('wordpress');
  const c = await page.evaluate(() => {
    const a = Notwork.adapters.get('wordpress');
    const [ta] = a.composers.find(document);
    ta.value = 'Nice post';
    return { n: a.composers.find(document).length, draft: a.composers.readDraft(ta), kind: a.composers.kind(ta), anchor: a.composers.anchor(ta).className };
  });
  assert.deepEqual(c, { n: 1, draft: 'Nice post', kind: 'comment', anchor: 'comment-form-comment' });
  const x = await page.evaluate(() => {
    const a = Notwork.adapters.get('x');
    const root = document.createElement('div');
    root.innerHTML = '<div data-testid="tweetTextarea_0"><div contenteditable="true" role="textbox">New post: hello https://a.example</div></div>';
    document.body.append(root);
    const [ed] = a.composers.find(document);
    return { found: !!ed, draft: ed && a.composers.readDraft(ed), kind: ed && a.composers.kind(ed),
      profile: a.profile.handle({ pathname: '/ana_reads' }), notProfile: a.profile.handle({ pathname: '/home' }) };
  });
  assert.deepEqual(x, { found: true, draft: 'New post: hello https://a.example', kind: 'post', profile: 'ana_reads', notProfile: null });
  await page.close();
});

test('hostile fixture: names and payloads are extracted as plain text, javascript: links dropped', async () => {
  const page = await load('xss');
  const r = await extractAll(page);
  const p = byFixture(r);
  assert.match(p['xss-promo-1'].author_name, /<img src=x onerror=/);
  assert.deepEqual(p['xss-jslink'].links, []);
  assert.equal(await page.evaluate(() => window.__pwned), false);
  await page.close();
});

test('currentUser: each adapter names the logged-in user from its site\'s own markup', async () => {
  const who = async (name) => {
    const page = await load(name);
    const r = await page.evaluate(() => {
      const a = Notwork.adapters.forPage(location, document);
      return { id: a.id, me: a.currentUser(location, document) };
    });
    await page.close();
    return r;
  };
  assert.deepEqual(await who('x'), { id: 'x', me: 'maya_writes' }, 'X: the Profile tab of the side navigation');
  assert.deepEqual(await who('mastodon'), { id: 'mastodon', me: 'maya' }, 'Mastodon: script#initial-state');
  assert.deepEqual(await who('mastodonCompose'), { id: 'mastodon', me: 'maya' }, 'Mastodon: the compose navigation bar');
  assert.deepEqual(await who('bluesky'), { id: 'bluesky', me: 'maya.bsky.social' }, 'Bluesky: the left navigation');
  assert.deepEqual(await who('youtube'), { id: 'youtube', me: null }, 'YouTube does not name the viewer');
  assert.deepEqual(await who('wordpress'), { id: 'wordpress', me: null }, 'no guest fields, not logged in');
  assert.deepEqual(await who('wordpressCompose'), { id: 'wordpress', me: 'Maya Chen' }, 'WordPress: the pre-filled Name field');
  const page = await load('wordpress');
  const loggedIn = await page.evaluate(() => {
    const a = Notwork.adapters.get('wordpress');
    document.getElementById('commentform').insertAdjacentHTML('afterbegin', '<p class="logged-in-as"><a href="https://blog.example.org/wp-admin/profile.php" aria-label="Logged in as Paul (author). Edit your profile.">Logged in as Paul (author)</a>.</p>');
    return a.currentUser(location, document);
  });
  assert.equal(loggedIn, 'Paul (author)');
  await page.close();
});

test('composers in the compose fixtures: X timeline + DM, WordPress comment form', async () => {
  const x = await load('xCompose');
  const xs = await x.evaluate(() => {
    const a = Notwork.adapters.get('x');
    return a.composers.find(document).map((el) => ({
      kind: a.composers.kind(el), where: el.closest('[data-fixture-composer]').getAttribute('data-fixture-composer'),
      anchorHasSend: !!a.composers.anchor(el).querySelector('[data-testid="dmComposerSendButton"]'),
    }));
  });
  assert.deepEqual(xs, [
    { kind: 'post', where: 'post', anchorHasSend: false },
    { kind: 'dm', where: 'dm', anchorHasSend: true },
    { kind: 'reply', where: 'reply', anchorHasSend: false },
  ]);
  await x.close();
  const wp = await load('wordpressCompose');
  const ws = await wp.evaluate(() => {
    const a = Notwork.adapters.get('wordpress');
    const [ta] = a.composers.find(document);
    return { n: a.composers.find(document).length, kind: a.composers.kind(ta), site: a.composers.authorUrl(ta), anchor: a.composers.anchor(ta).className };
  });
  assert.deepEqual(ws, { n: 1, kind: 'comment', site: 'https://mayawrites.blog/', anchor: 'comment-form-comment' });
  await wp.close();
});
