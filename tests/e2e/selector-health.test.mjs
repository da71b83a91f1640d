// Selector health: every adapter's selectors (adapter.selectors) against every fixture page, in
// plain Chromium (no extension, no wasm), compared with the counts recorded in
// tests/fixtures/selector-health.json, so markup drift names itself ("page P: wordpress.post 8 → 0").
// Plus the invariants a user would notice on each page: its own adapter takes it, every post
// root is found and extracted with text and a unique key, the badge anchor sits inside the post,
// and the composers are found with the right kind.
// After a deliberate fixture or adapter change: NOTWORK_UPDATE_SELECTOR_HEALTH=1 node --test
// tests/e2e/selector-health.test.mjs rewrites the expected counts (review the diff).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { ROOT, FIXTURES, PAGES } from './harness.mjs';
import { SURFACE_PAGES } from './surfaces-lib.mjs';
import { SITE_PAGES } from '../fixtures/pages.mjs';

const EXPECTED_FILE = path.join(FIXTURES, 'selector-health.json');
const UPDATE = process.env.NOTWORK_UPDATE_SELECTOR_HEALTH === '1';
const SCRIPTS = ['extension/content/namespace.js', 'extension/adapters/x.js', 'extension/adapters/mastodon.js',
  'extension/adapters/bluesky.js', 'extension/adapters/youtube.js', 'extension/adapters/wordpress.js',
  'extension/adapters/reddit.js', 'extension/adapters/linkedin.js'];
const SITE_OF = { x: 'x', twitter: 'x', mastodon: 'mastodon', mastodon2: 'mastodon', bluesky: 'bluesky', youtube: 'youtube', wordpress: 'wordpress',
  csp: 'x', recycle: 'x', xss: 'x', xCompose: 'x', xProfile: 'x', mastodonCompose: 'mastodon', youtubeCompose: 'youtube', wordpressCompose: 'wordpress' };
const ALL = { ...PAGES, ...SURFACE_PAGES, ...SITE_PAGES };

let browser, context;
before(async () => {
  browser = await chromium.launch({ executablePath: process.env.NOTWORK_CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox', '--host-resolver-rules=MAP * ~NOTFOUND'] });
  context = await browser.newContext();
  await context.route('**/*', (route) => {
    const u = new URL(route.request().url());
    const hit = Object.values(ALL).find((p) => { const pu = new URL(p.url); return pu.origin + pu.pathname === u.origin + u.pathname; });
    if (hit) return route.fulfill({ contentType: 'text/html; charset=utf-8', body: fs.readFileSync(path.join(FIXTURES, hit.file)) });
    return route.abort();
  });
});
after(async () => { if (browser) await browser.close(); });

async function survey(name) {
  const page = await context.newPage();
  await page.goto(ALL[name].url);
  for (const s of SCRIPTS) await page.addScriptTag({ path: path.join(ROOT, s) });
  const r = await page.evaluate(() => {
    const counts = {};
    for (const a of Notwork.adapters.all()) {
      for (const [k, sel] of Object.entries(a.selectors || {})) {
        const n = document.querySelectorAll(sel).length;
        if (n) counts[`${a.id}.${k}`] = n;
      }
    }
    const a = Notwork.adapters.forPage(location, document);
    const roots = a ? a.findPosts(document) : [];
    return {
      id: a && a.id,
      counts,
      selectorsPerAdapter: Notwork.adapters.all().map((x) => [x.id, Object.keys(x.selectors || {}).length]),
      fixtures: document.querySelectorAll('[data-fixture]').length,
      posts: roots.map((el) => {
        let post = null;
        try { post = a.extract(el); } catch (e) { post = { error: String(e) }; }
        return { fixture: el.getAttribute('data-fixture'), post, anchorInside: el.contains(a.badgeAnchor(el)) };
      }),
      composers: a && a.composers ? a.composers.find(document).map((el) => ({ kind: a.composers.kind(el), where: (el.closest('[data-fixture-composer]') || { getAttribute: () => null }).getAttribute('data-fixture-composer') })) : [],
    };
  });
  await page.close();
  return r;
}

const results = {};
test('every fixture page: its adapter, every post found and extracted, anchors inside posts', async () => {
  for (const name of Object.keys(ALL)) {
    const r = await survey(name);
    results[name] = r;
    const site = ALL[name].site || SITE_OF[name];
    assert.equal(r.id, site, `${name} is taken by the ${site} adapter`);
    for (const [id, n] of r.selectorsPerAdapter) assert.ok(n >= 5, `${id} lists its selectors`);
    if (ALL[name].posts === 0 || ['recycle', 'xCompose', 'mastodonCompose', 'youtubeCompose', 'xProfile'].includes(name)) continue;
    assert.ok(r.fixtures >= 3, `${name} has fixture posts`);
    assert.equal(r.posts.length, r.fixtures, `${name}: every fixture post is a post root (${r.posts.map((p) => p.fixture).join(', ')})`);
    const keys = new Set();
    for (const p of r.posts) {
      assert.ok(p.post && !p.post.error, `${name} ${p.fixture}: extracted (${p.post && p.post.error})`);
      assert.ok(p.post.text && p.post.text.length > 10, `${name} ${p.fixture}: has its text`);
      assert.ok(p.post.author, `${name} ${p.fixture}: has its author`);
      assert.ok(!keys.has(p.post.key), `${name} ${p.fixture}: unique key ${p.post.key}`);
      keys.add(p.post.key);
      assert.ok(p.anchorInside, `${name} ${p.fixture}: the badge goes inside the post`);
    }
  }
});

test('selector counts match the recorded ones on every fixture page', () => {
  const now = Object.fromEntries(Object.entries(results).map(([k, r]) => [k, r.counts]));
  if (UPDATE) {
    fs.writeFileSync(EXPECTED_FILE, JSON.stringify(now, Object.keys(now).sort().flatMap((k) => [k, ...Object.keys(now[k])]).filter((v, i, a) => a.indexOf(v) === i).sort(), 1) + '\n');
    return;
  }
  const want = JSON.parse(fs.readFileSync(EXPECTED_FILE, 'utf8'));
  const drift = [];
  for (const name of new Set([...Object.keys(want), ...Object.keys(now)])) {
    const a = want[name] || {};
    const b = now[name] || {};
    for (const sel of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if ((a[sel] || 0) !== (b[sel] || 0)) drift.push(`${name}: ${sel} ${a[sel] || 0} → ${b[sel] || 0}`);
    }
  }
  assert.deepEqual(drift, [], 'selector counts drifted');
});

test('site findings: what each page type must yield', () => {
  const p = (page, fixture) => results[page].posts.find((x) => x.fixture === fixture).post;
  // WordPress block and classic themes: started, pingbacks automated, replies, commenters' sites.
  for (const page of ['wpBlock', 'wpClassic', 'wpBlockDe', 'wpClassicDe']) {
    assert.equal(p(page, 'w-reply-2').is_reply, true, page);
    assert.equal(p(page, 'w-reply-2').reply_to, 'Hannah Weiss', page);
    assert.equal(p(page, 'w-pingback-1').automated, true, page);
    assert.equal(p(page, 'w-promo-1').author_url, 'https://best-seo-services-london.co.uk/', page);
    assert.equal(p(page, 'w-neutral-1').author_url, undefined, `${page}: an empty author link is no website`);
    assert.deepEqual(results[page].composers, [{ kind: 'comment', where: null }], `${page}: the comment form`);
  }
  assert.equal(p('wpBlock', 'w-share-1').created_at, '2026-03-14T09:45:00Z');
  assert.equal(p('wpClassic', 'w-share-1').created_at, undefined, 'classic comments carry no <time>');
  assert.equal(p('wpBlock', 'w-share-1').lang, 'en-GB');
  assert.equal(p('wpClassic', 'w-promo-2').text.startsWith('Nice article.'), true, 'a theme callback comment (li#li-comment-N)');
  // Mastodon's post page: the focused status with its application; hidden hashtags recovered.
  const d = p('mastodonStatus', 'm-detailed-autofeed');
  assert.equal(d.source_client, 'dlvr.it');
  assert.equal(d.key, 'mastodon:https://mastodon.social/@climatewire@newsbots.example/113000000000000301');
  assert.deepEqual(d.hashtags, ['rss', 'climate', 'solar', 'energy', 'news'], 'tags behind "…and 2 more"');
  assert.match(d.text, /#rss #climate #solar #energy #news$/);
  assert.equal(d.is_reply, false);
  assert.equal(p('mastodonStatus', 'm-thread-reply-1').is_reply, true);
  assert.deepEqual(p('mastodonStatusDe', 'm-detailed-autofeed').hashtags, d.hashtags, 'the German "…und 2 weitere"');
  for (const page of ['mastodon', 'mastodonDe', 'mastodonRedesign']) {
    assert.equal(p(page, 'm-boost-share').is_repost, true, `${page}: the boost icon`);
    assert.equal(p(page, 'm-share-1').is_repost, false, page);
    assert.equal(p(page, 'm-share-1').lang, 'en', page);
  }
  // Bluesky threads: anchor text and permalink, replies as replies, the reply composer.
  for (const page of ['blueskyThread', 'blueskyThreadDe']) {
    const anchor = p(page, 'b-thread-anchor');
    assert.equal(anchor.key, 'bluesky:/profile/sportsdesk-feed.bsky.social/post/3lkbbbbbbb201', `${page}: the anchor's permalink is the page`);
    assert.match(anchor.text, /^New post: Derby day tickets sell out/, `${page}: anchor text without postText`);
    assert.equal(anchor.is_reply, false);
    assert.equal(anchor.created_at, '2026-03-14T10:00:00Z', `${page}: the anchor's date line`);
    for (const f of ['b-thread-reply-1', 'b-thread-promo', 'b-thread-reply-2']) assert.equal(p(page, f).is_reply, true, `${page} ${f}`);
    assert.deepEqual(results[page].composers, [{ kind: 'reply', where: 'reply' }], `${page}: the publish button says reply`);
  }
  for (const page of ['bluesky', 'blueskyDe']) {
    assert.equal(p(page, 'b-reply-1').is_reply, true, `${page}: "Replied to" by its icon`);
    assert.equal(p(page, 'b-repost-neutral').is_repost, true, page);
    assert.equal(p(page, 'b-neutral-1').created_at, '2026-03-14T08:00:00Z', `${page}: the date in the UI's language`);
  }
  // X: Chat and the older DM drawer, the mobile composer, German reposts and Automated labels.
  assert.deepEqual(results.xChat.composers, [{ kind: 'dm', where: 'dm' }]);
  assert.deepEqual(results.xChatDe.composers, [{ kind: 'dm', where: 'dm' }]);
  assert.deepEqual(results.xMobileCompose.composers, [{ kind: 'post', where: 'post' }]);
  for (const page of ['x', 'xDe']) {
    assert.equal(p(page, 'x-repost-share').is_repost, true, page);
    assert.equal(p(page, 'x-autofeed-2').automated, true, page);
    assert.equal(p(page, 'x-reply-1').reply_to, 'ana_reads', page);
    assert.equal(p(page, 'x-share-1').lang, 'en', page);
    assert.deepEqual(p(page, 'x-share-1').links, ['https://lenaparks.net/essays/feeds-and-friends'], page);
  }
  // Reddit: new and old markup give the same thread; promoted posts; the platform's bot.
  for (const page of ['redditThread', 'oldReddit']) {
    assert.equal(p(page, 'r-post-promo').kind, 'post', page);
    assert.deepEqual(p(page, 'r-post-promo').links, ['https://speedcheck-pro.io/signup?ref=reddit&utm_source=reddit'], page);
    assert.equal(p(page, 'r-comment-share').kind, 'comment', page);
    assert.equal(p(page, 'r-comment-share').is_reply, false, page);
    assert.equal(p(page, 'r-reply-1').is_reply, true, page);
    assert.equal(p(page, 'r-reply-1').reply_to, 'lena_codes', page);
    assert.equal(p(page, 'r-comment-automod').automated, true, page);
    assert.deepEqual(results[page].composers, [{ kind: 'comment', where: 'comment' }], page);
  }
  const strip = ({ key, id, ...rest }) => rest;
  assert.deepEqual(results.oldReddit.posts.map((x) => strip(x.post)), results.redditThread.posts.map((x) => strip(x.post)), 'old Reddit extracts what new Reddit does');
  assert.equal(p('redditFeed', 'r-feed-ad').promoted, true, 'shreddit-ad-post');
  assert.equal(results.oldReddit.id, 'reddit');
  // LinkedIn: the feed, "Promoted" (in German too), the share box and the invitation note.
  for (const page of ['linkedinFeed', 'linkedinFeedDe']) {
    assert.equal(p(page, 'l-ad-1').promoted, true, page);
    assert.equal(p(page, 'l-share-1').promoted, undefined, page);
    assert.equal(p(page, 'l-share-1').author, 'priya-raman', page);
    assert.deepEqual(p(page, 'l-promo-1').links, ['https://garygrowth.academy/masterclass?utm_source=linkedin'], `${page}: LinkedIn's redirect decoded`);
    assert.deepEqual(p(page, 'l-promo-1').hashtags, ['sales', 'growth', 'leadgen'], page);
    assert.deepEqual(results[page].composers, [{ kind: 'post', where: 'post' }, { kind: 'invitation', where: 'invitation' }], page);
  }
  // Every non-English page extracts exactly what its English page does (UI language ignored),
  // apart from the page language WordPress states for the whole page.
  for (const [name, spec] of Object.entries(SITE_PAGES)) {
    if (!spec.same) continue;
    const strip = (post) => { const { lang, key, ...rest } = post; return spec.site === 'wordpress' ? rest : { lang, ...rest }; };
    const a = results[spec.same].posts.map((x) => [x.fixture, strip(x.post)]);
    const b = results[name].posts.map((x) => [x.fixture, strip(x.post)]);
    if (spec.site === 'mastodon' && name === 'mastodonRedesign') {
      // The redesigned status does not say whether it is a reply; the core reads the text.
      for (const row of [...a, ...b]) { delete row[1].is_reply; delete row[1].reply_to; }
      for (const row of b) delete row[1].id;
      for (const row of a) delete row[1].id;
    }
    assert.deepEqual(b, a, `${name} extracts what ${spec.same} does`);
  }
});

test('labels only given as text are read in en, de, fr, es, pt, it and ja', async () => {
  const load = async (name) => {
    const page = await context.newPage();
    await page.goto(ALL[name].url);
    for (const s of SCRIPTS) await page.addScriptTag({ path: path.join(ROOT, s) });
    return page;
  };
  const x = await load('x');
  const xr = await x.evaluate(() => {
    const a = Notwork.adapters.get('x');
    const base = document.querySelector('[data-fixture="x-autofeed-2"]');
    const automated = {};
    for (const [lang, label] of Object.entries({ en: 'Automated by ', de: 'Automatisiert von ', fr: 'Automatisé par ', es: 'Automatizado por ', pt: 'Automatizado por ', it: 'Automatizzato da ', ja: '自動化: ' })) {
      const el = base.cloneNode(true);
      const span = [...el.querySelectorAll('span')].find((s) => s.textContent.startsWith('Automated by'));
      span.textContent = label;
      automated[lang] = a.extract(el).automated;
    }
    const repost = {};
    const src = document.querySelector('[data-fixture="x-repost-share"]');
    for (const [lang, label] of Object.entries({ en: 'Jo reposted', de: 'Jo hat repostet', fr: 'Jo a reposté', es: 'Jo reposteó', pt: 'Jo repostou', it: 'Jo ha ripostato', ja: 'Joさんがリポストしました' })) {
      const el = src.cloneNode(true);
      const ctx = el.querySelector('[data-testid="socialContext"]');
      ctx.closest('a').replaceWith(ctx); // no profile link: only the words are left
      ctx.textContent = label;
      repost[lang] = a.extract(el).is_repost;
    }
    return { automated, repost };
  });
  await x.close();
  for (const [lang, v] of Object.entries(xr.automated)) assert.equal(v, true, `X Automated label, ${lang}`);
  for (const [lang, v] of Object.entries(xr.repost)) assert.equal(v, true, `X repost context, ${lang}`);
  const li = await load('linkedinFeed');
  const promoted = await li.evaluate(() => {
    const a = Notwork.adapters.get('linkedin');
    const base = document.querySelector('[data-fixture="l-ad-1"]');
    const out = {};
    for (const [lang, label] of Object.entries({ en: 'Promoted', de: 'Gesponsert', fr: 'Sponsorisé', es: 'Promocionado', pt: 'Promovido', it: 'Promosso', ja: 'プロモーション', none: '2h • ' })) {
      const el = base.cloneNode(true);
      el.querySelector('.update-components-actor__sub-description span').textContent = label;
      out[lang] = !!a.extract(el).promoted;
    }
    return out;
  });
  await li.close();
  assert.deepEqual(promoted, { en: true, de: true, fr: true, es: true, pt: true, it: true, ja: true, none: false });
  const wp = await load('wpBlock');
  const who = await wp.evaluate(() => {
    const a = Notwork.adapters.get('wordpress');
    const form = document.getElementById('commentform');
    const out = {};
    for (const [lang, html] of Object.entries({ en: 'Logged in as Paul Jones. <a href="/wp-admin/profile.php">Edit your profile</a>.', de: 'Angemeldet als Paul Jones. <a href="/wp-admin/profile.php">Profil bearbeiten</a>.',
      fr: 'Connecté en tant que Paul Jones. <a href="/wp-admin/profile.php">Modifier votre profil</a>.', es: 'Conectado como Paul Jones. <a href="/wp-admin/profile.php">Edita tu perfil</a>.',
      pt: 'Sessão iniciada como Paul Jones. <a href="/wp-admin/profile.php">Editar o seu perfil</a>.', it: 'Connesso come Paul Jones. <a href="/wp-admin/profile.php">Modifica il tuo profilo</a>.',
      ja: 'Paul Jones としてログインしています。<a href="/wp-admin/profile.php">プロフィールを編集します</a>。' })) {
      form.querySelector('.logged-in-as')?.remove();
      const p = document.createElement('p');
      p.className = 'logged-in-as';
      p.innerHTML = html; // fixture markup written by this test, not page content
      form.prepend(p);
      out[lang] = a.currentUser(location, document);
    }
    form.querySelector('.logged-in-as').remove();
    document.body.insertAdjacentHTML('afterbegin', '<div id="wpadminbar"><ul><li id="wp-admin-bar-my-account"><a class="ab-item">Howdy, <span class="display-name">Paula Admin</span></a></li></ul></div>');
    out.adminBar = a.currentUser(location, document);
    return out;
  });
  await wp.close();
  assert.deepEqual(who, { en: 'Paul Jones', de: 'Paul Jones', fr: 'Paul Jones', es: 'Paul Jones', pt: 'Paul Jones', it: 'Paul Jones', ja: 'Paul Jones', adminBar: 'Paula Admin' });
});
