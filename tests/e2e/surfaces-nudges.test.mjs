// Compose nudges end to end: Chromium + the built extension + compose fixtures on their real
// hostnames. Run: node --test --test-concurrency=1 tests/e2e/surfaces-*.test.mjs
import test from 'node:test';
import assert from 'node:assert/strict';
import { launch, resetSettings, setSettings, clickInShadow } from './harness.mjs';
import { SURFACE_PAGES, serveSurfaces, writeDraft, nudgeIn, tabIdOf, SCREENSHOTS, shotPath } from './surfaces-lib.mjs';

let browser;
test.before(async () => {
  browser = await launch();
  serveSurfaces(browser);
});
test.after(async () => { if (browser) await browser.close(); });
test.beforeEach(async () => { await resetSettings(browser.sw); });

/** Calls `get` until `ok(value)` (or 5 s), returns the last value. */
async function poll(get, ok, ms = 5000) {
  const end = Date.now() + ms;
  let v = await get();
  while (!ok(v) && Date.now() < end) { await new Promise((r) => setTimeout(r, 100)); v = await get(); }
  return v;
}

const X_POST = '[data-fixture-composer="post"]';
const X_REPLY = '[data-fixture-composer="reply"]';
const xEditor = (page, scope) => page.locator(`${scope} [data-testid="tweetTextarea_0"]`);

async function openX() {
  const page = await browser.open(SURFACE_PAGES.xCompose.url);
  // Count every post click / Ctrl+Enter the page itself sees, and whether anyone blocked it.
  await page.evaluate(() => {
    window.__posts = { clicks: 0, keys: 0, prevented: 0 };
    for (const b of document.querySelectorAll('button[data-testid^="tweetButton"]')) {
      b.addEventListener('click', (e) => { window.__posts.clicks += 1; setTimeout(() => { if (e.defaultPrevented) window.__posts.prevented += 1; }); });
    }
    document.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && e.ctrlKey) { window.__posts.keys += 1; setTimeout(() => { if (e.defaultPrevented) window.__posts.prevented += 1; }); }
    });
  });
  return page;
}

test('X: a link-only own-site draft gets a nudge beside the composer, and posting is never blocked', async () => {
  const page = await openX();
  await writeDraft(page, xEditor(page, X_POST), 'New post: Why slow websites lose readers https://mayawrites.blog/2026/05/slow-websites');
  const nudge = await nudgeIn(page, X_POST);
  assert.ok(nudge, 'a nudge is shown for a title-plus-own-link broadcast');
  assert.ok(nudge.rules.length > 0);
  assert.match(nudge.text, /Try:/, 'it suggests a social alternative');
  // The host sits right after the composer's anchor, inside the composer area.
  const placed = await page.evaluate((sel) => !!document.querySelector(`${sel} [data-testid="tweetTextarea_0"] + notwork-nudge, ${sel} notwork-nudge`), X_POST);
  assert.ok(placed);
  if (SCREENSHOTS) await page.locator(X_POST).screenshot({ path: shotPath('nudge.png') });

  // Never blocks: the post button and Ctrl+Enter reach the page, not default-prevented.
  await page.locator(`${X_POST} button[data-testid="tweetButtonInline"]`).click();
  await xEditor(page, X_POST).press('Control+Enter');
  await page.waitForTimeout(50);
  assert.deepEqual(await page.evaluate(() => window.__posts), { clicks: 1, keys: 1, prevented: 0 });
  // The draft itself is untouched.
  assert.match(await xEditor(page, X_POST).innerText(), /slow-websites/);
  assert.deepEqual(page.notworkErrors, []);
  await page.close();
});

test('X: sharing a link you have not opened nudges (P4); opening it first removes that reason', async () => {
  const page = await openX();
  const draft = 'This is great, everyone should read it! https://speedgeek.example/cdn-benchmark-2026';
  await writeDraft(page, xEditor(page, X_POST), draft);
  const before = await nudgeIn(page, X_POST);
  assert.ok(before, 'nudged for an unopened link');
  assert.ok(before.rules.some((r) => r.startsWith('P4')), `a P4 rule is among ${before.rules}`);
  assert.match(before.text, /haven’t opened/);

  // Open the link from the timeline post (a t.co link: the adapter resolves the real target).
  const popupPromise = page.context().waitForEvent('page', { timeout: 5000 }).catch(() => null);
  await page.locator('[data-fixture-link="bench"]').click();
  const popup = await popupPromise;
  if (popup) await popup.close();
  const stored = await poll(() => browser.sw.evaluate(async () => (await chrome.storage.local.get('openedLinks')).openedLinks || []),
    (list) => list.includes('speedgeek.example/cdn-benchmark-2026'));
  assert.ok(stored.includes('speedgeek.example/cdn-benchmark-2026'), `opened link remembered: ${stored}`);

  await writeDraft(page, xEditor(page, X_POST), draft + ' ');
  const after = await nudgeIn(page, X_POST);
  assert.ok(!after || !after.rules.some((r) => r.startsWith('P4')), `no P4 once opened (got ${after && after.rules})`);
  await page.close();
});

test('X: a reply that asks a question gets no nudge', async () => {
  const page = await openX();
  await page.evaluate(() => { document.getElementById('layers').hidden = false; });
  await writeDraft(page, xEditor(page, X_REPLY), '@tomasz_dev Good point! Did you try the same run with a warm cache as well? I wonder how big the gap is.');
  assert.equal(await nudgeIn(page, X_REPLY), null);
  assert.equal(await page.locator('notwork-nudge').count(), 0);
  await page.close();
});

test('"Don\'t show this again" turns off exactly those rules, in this tab and in storage', async (t) => {
  // The user has read their own post: this draft is a broadcast without the P4 reason.
  await browser.sw.evaluate(() => NotworkSettings.recordOpenedLink('https://mayawrites.blog/2026/05/caching-static'));
  const page = await openX();
  const editor = xEditor(page, X_POST);
  await writeDraft(page, editor, 'New post: Caching strategies for static sites https://mayawrites.blog/2026/05/caching-static');
  const first = await nudgeIn(page, X_POST);
  assert.ok(first);
  assert.ok(!first.rules.some((r) => r.startsWith('P4')), `opened link: no P4 (${first.rules})`);
  t.diagnostic(`dismissed: ${first.rules}`);
  await clickInShadow(page, `${X_POST} notwork-nudge`, 'button[data-action="dismiss-rule"]');
  assert.equal(await nudgeIn(page, X_POST), null, 'the nudge goes away at once');
  const saved = await poll(() => browser.sw.evaluate(async () => (await NotworkSettings.load()).nudges.dismissedRules), (l) => l.length > 0);
  assert.deepEqual([...saved].sort(), [...first.rules].sort());

  // The same draft again: those rules stay quiet.
  await writeDraft(page, editor, 'New post: Caching strategies for static sites https://mayawrites.blog/2026/05/caching-static ');
  const again = await nudgeIn(page, X_POST);
  assert.ok(!again || again.rules.every((r) => !first.rules.includes(r)), `dismissed rules stay quiet (got ${again && again.rules})`);
  // A different broadcast still nudges (other rules are not affected).
  await writeDraft(page, editor, 'I have not read it yet but wow https://lea.verou.me/blog/2026/css-nesting/');
  const other = await nudgeIn(page, X_POST);
  assert.ok(other && other.rules.some((r) => r.startsWith('P4')), 'the P4 nudge still works');
  await page.close();
});

test('Mastodon: a promotional draft in the compose textarea is nudged', async () => {
  const page = await browser.open(SURFACE_PAGES.mastodonCompose.url);
  const editor = page.locator('form.compose-form textarea');
  await writeDraft(page, editor, 'Check out my new course on web performance! 40% off this week only, buy now https://mayawrites.blog/course?ref=launch #ad #sale');
  const nudge = await nudgeIn(page, 'form.compose-form');
  assert.ok(nudge, 'nudged');
  assert.ok(nudge.rules.length > 0);
  // A question to someone is fine.
  await writeDraft(page, editor, '@nora I wrote some notes on alt text for charts last year, would they help? Happy to dig them out.');
  assert.equal(await nudgeIn(page, 'form.compose-form'), null);
  await page.close();
});

test('YouTube: a self-promotional comment is nudged, a specific one is not', async () => {
  const page = await browser.open(SURFACE_PAGES.youtubeCompose.url);
  const editor = page.locator('ytd-commentbox #contenteditable-root');
  await writeDraft(page, editor, 'Great video!! Check out my channel for more web tips, subscribe and get 50% off my course https://mayawrites.blog/course');
  const nudge = await nudgeIn(page, 'ytd-comments');
  assert.ok(nudge, 'nudged');
  await writeDraft(page, editor, 'The part at 6:40 about paint holding surprised me: does it also apply to same-origin navigations?');
  assert.equal(await nudgeIn(page, 'ytd-comments'), null);
  await page.close();
});

test('nudges off in the settings: no nudge at all', async () => {
  await browser.sw.evaluate(async () => {
    const s = await NotworkSettings.load();
    s.nudges.enabled = false;
    const r = await NotworkSettings.save(s);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
  });
  const page = await openX();
  await page.waitForTimeout(200);
  await xEditor(page, X_POST).fill('New post: Why slow websites lose readers https://mayawrites.blog/2026/05/slow-websites');
  await page.waitForTimeout(1200);
  assert.equal(await page.locator('notwork-nudge').count(), 0);
  await page.close();
});

test('every broadcast principle of the rulebook has its own nudge wording (noticed + alternative)', async () => {
  const fs = await import('node:fs');
  const path = await import('node:path');
  const { ROOT } = await import('./harness.mjs');
  const messages = JSON.parse(fs.readFileSync(path.join(ROOT, '_locales/en/messages.json'), 'utf8'));
  for (const p of ['P2', 'P3', 'P4', 'P5', 'P6', 'P8', 'P11', 'P13', 'generic']) {
    assert.ok(messages[`nudge_noticed_${p}`] && messages[`nudge_noticed_${p}`].message.length > 10, `nudge_noticed_${p}`);
    assert.ok(messages[`nudge_try_${p}`] && messages[`nudge_try_${p}`].message.length > 10, `nudge_try_${p}`);
  }
});

test('sponsored (P6) drafts get their own wording', async (t) => {
  const page = await openX();
  const editor = xEditor(page, X_POST);
  await writeDraft(page, editor, '#ad Paid partnership: try PixelHost, the fastest hosting for bloggers, 30% off with my code https://pixelhost.example/?aff=maya');
  const sponsored = await nudgeIn(page, X_POST);
  t.diagnostic(`sponsored: ${sponsored && sponsored.rules}`);
  assert.ok(sponsored && sponsored.rules.some((r) => r.startsWith('P6')), 'P6 nudge');
  assert.match(sponsored.text, /sponsored post/);
  await page.close();
});

// P11 is read on drafts only (the core's cross_post.cc): a habit to point out to the writer.
test('cross-posted (P11) drafts get their own wording', async (t) => {
  const page = await openX();
  const editor = xEditor(page, X_POST);
  await writeDraft(page, editor, 'RT @speedgeek: 10 tips for faster pages (via Twitter) #webperf #speed #tips #frontend #dev #perf');
  const cross = await nudgeIn(page, X_POST);
  t.diagnostic(`cross-posted: ${cross && cross.rules}`);
  assert.ok(cross && cross.rules.some((r) => r.startsWith('P11')), 'P11 nudge');
  assert.match(cross.text, /cross-posted/);
  await page.close();
});

// P8 is read on drafts only (duplicate.cc): "you posted this before" is for the writer, with
// the default weights. These two tests check what the extension owns: your posts on the page
// reach the core as context, also after the service worker lost the tab's session.
test('repeating your own recent post is nudged (P8), with your posts on the page as context', async () => {
  const page = await openX();
  // The adapter names the logged-in user (the Profile tab), whose earlier post is on the page.
  await page.waitForSelector('[data-fixture="x-own-earlier"][data-notwork-label]');
  await writeDraft(page, xEditor(page, X_POST), 'New post: Images without layout shift https://mayawrites.blog/2026/05/images-cls #blog');
  const nudge = await nudgeIn(page, X_POST);
  assert.ok(nudge && nudge.rules.some((r) => r.startsWith('P8')), `P8 among ${nudge && nudge.rules}`);
  assert.match(nudge.text, /P8/);
  // Typing on (re-scoring the draft many times) never makes the draft its own duplicate.
  await writeDraft(page, xEditor(page, X_POST), 'Wrote up what I learned fixing layout shift on my blog: reserve the space, always.');
  const later = await nudgeIn(page, X_POST);
  assert.ok(!later || !later.rules.some((r) => r.startsWith('P8')), `no P8 against earlier drafts (${later && later.rules})`);
  await page.close();
});

test('the service worker losing the tab\'s session (restart, eviction) loses no context: P8 still found', async () => {
  // A strict page CSP keeps this tab on the service worker's engine, the path that can lose a session.
  const url = 'https://x.com/compose/strict-csp';
  browser.serve(url, { file: SURFACE_PAGES.xCompose.file, headers: { 'content-security-policy': "script-src 'self'; object-src 'none'" } });
  const page = await browser.open(url);
  await page.waitForFunction(() => document.documentElement.dataset.notworkEngineFallback === 'csp');
  await page.waitForSelector('[data-fixture="x-own-earlier"][data-notwork-label]');
  const tab = await tabIdOf(browser.sw, url);
  const dropped = await browser.sw.evaluate((id) => { const n = Notwork.engineHost.liveEngines(); Notwork.engineHost.forgetTab(id); return n - Notwork.engineHost.liveEngines(); }, tab);
  assert.ok(dropped >= 1, 'the tab had a session in the service worker');
  await writeDraft(page, xEditor(page, X_POST), 'New post: Images without layout shift https://mayawrites.blog/2026/05/images-cls #blog');
  const nudge = await nudgeIn(page, X_POST);
  assert.ok(nudge && nudge.rules.some((r) => r.startsWith('P8')), `the rebuilt context still knows the earlier post (${nudge && nudge.rules})`);
  await page.close();
});

test('a link to your own site is not "a link you have not opened" (no P4), someone else\'s is', async () => {
  const page = await openX();
  await page.waitForSelector('[data-fixture="x-own-earlier"][data-notwork-label]');
  // Never opened, but it is the user's own blog (named after the handle, recurring in their posts).
  await writeDraft(page, xEditor(page, X_POST), 'This is great, I finally finished it! https://mayawrites.blog/2026/05/caching-static');
  const own = await nudgeIn(page, X_POST);
  assert.ok(!own || !own.rules.some((r) => r.startsWith('P4')), `no P4 for the user's own post (got ${own && own.rules})`);
  // The same words with another author's unopened article do get the P4 reason.
  await writeDraft(page, xEditor(page, X_POST), 'This is great, I finally finished it! https://lea.verou.me/blog/2026/css-nesting/');
  const other = await nudgeIn(page, X_POST);
  assert.ok(other && other.rules.some((r) => r.startsWith('P4')), `P4 for someone else's unopened link (got ${other && other.rules})`);
  await page.close();
});

test('X: a promotional direct message is nudged (P5) in the DM composer', async () => {
  const page = await openX();
  const dm = page.locator('[data-fixture-composer="dm"] [data-testid="dmComposerTextInput"]');
  await writeDraft(page, dm, 'Thanks for the follow! Check out my new course on web performance, 30% off this week: https://mayawrites.blog/course?ref=dm');
  const nudge = await nudgeIn(page, '[data-fixture-composer="dm"]');
  assert.ok(nudge && nudge.rules.some((r) => r.startsWith('P5')), `P5 among ${nudge && nudge.rules}`);
  assert.match(nudge.text, /P5/);
  // The nudge sits below the DM composer row, inside the Messages drawer, not in the timeline composer.
  assert.equal(await page.evaluate(() => {
    const host = document.querySelector('[data-fixture-composer="dm"] notwork-nudge');
    return !!host && host.previousElementSibling.contains(document.querySelector('[data-testid="dmComposerSendButton"]'));
  }), true);
  assert.equal(await nudgeIn(page, X_POST), null);
  if (SCREENSHOTS) await page.locator('[data-fixture-composer="dm"]').screenshot({ path: shotPath('nudge-dm.png') });
  // A personal reply in the same composer is not.
  await writeDraft(page, dm, 'Thank you Tomasz! Which part was most useful for your team? Happy to send the slides.');
  assert.equal(await nudgeIn(page, '[data-fixture-composer="dm"]'), null);
  await page.close();
});

test('WordPress: a promotional comment with a link is nudged in the comment form', async () => {
  await setSettings(browser.sw, { blogs: ['blog.example.org'] });
  await browser.sw.evaluate(() => Notwork.registration.sync());
  const page = await browser.open(SURFACE_PAGES.wordpressCompose.url);
  const editor = page.locator('#commentform textarea#comment');
  await writeDraft(page, editor, 'Great post, very informative! Check out my new ebook on blogging, 50% off this week only: https://mayawrites.blog/ebook?ref=comments');
  const nudge = await nudgeIn(page, '#commentform');
  assert.ok(nudge, 'nudged');
  assert.ok(nudge.rules.length > 0);
  // Placed right after the comment field, before the name fields; posting stays possible.
  assert.equal(await page.evaluate(() => document.querySelector('#commentform .comment-form-comment + notwork-nudge') !== null), true);
  assert.equal(await page.locator('#commentform #submit').isEnabled(), true);
  if (SCREENSHOTS) await page.locator('#respond').screenshot({ path: shotPath('nudge-wordpress.png') });
  // A comment that answers the post is not nudged.
  await writeDraft(page, editor, 'I had the same experience with my plugin: nobody replied until I wrote the posts by hand. Did you keep any of the automation?');
  assert.equal(await nudgeIn(page, '#commentform'), null);
  await page.close();
});
