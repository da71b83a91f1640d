// An action per label (extension/content/actions.js), end to end in Chromium (the unpacked
// extension) and in Firefox (the Firefox package): badge, dim, collapse and hide on every site
// fixture, per-site overrides, never on the user's own posts, the collapsed post's keyboard
// button, the popup's count of hidden posts and its way to reveal them, the options menus.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as C from './harness.mjs';
import * as F from '../firefox/harness.mjs';

const SITES = ['x', 'mastodon', 'bluesky', 'youtube', 'wordpress'];
const LABELS = ['autofeed', 'pure_promo', 'genuine_share'];
const NAMES = { autofeed: 'autofeed', pure_promo: 'pure promo', genuine_share: 'genuine share' };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `fn(arg)` in the page until it returns something truthy (or fails after 15 s). */
async function until(page, fn, arg, what = 'condition', ms = 15000) {
  const end = Date.now() + ms;
  for (;;) {
    // As an expression, so an element found counts as true in both drivers (BiDi serialises
    // a returned node to nothing).
    const v = await page.evaluate(`(() => !!(${fn.toString()})(${JSON.stringify(arg === undefined ? null : arg)}))()`);
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** Every post root of the fixture: label, action, geometry, the collapsed bar's text. The bar's
 *  root is closed (as the badges'): it is read through the harness's closed-root helper. */
let ui = null; // the current driver's inExtensionWorld(page, fn, arg) — fn gets (arg, shadowOf)
const snapshot = (page) => ui(page, (_, shadowOf) => [...document.querySelectorAll('[data-fixture]')].map((el) => {
  const r = el.getBoundingClientRect();
  const bar = [...el.children].find((c) => c.localName === 'notwork-collapse');
  const s = bar && shadowOf(bar);
  const button = s && s.querySelector('button');
  return {
    fixture: el.getAttribute('data-fixture'), expect: el.getAttribute('data-expect'),
    label: el.getAttribute('data-notwork-label'), action: el.getAttribute('data-notwork-action'),
    expanded: el.hasAttribute('data-notwork-expanded'), height: Math.round(r.height),
    inner: (() => { const cs = getComputedStyle(el); return Math.round(r.height - ['paddingTop', 'paddingBottom', 'borderTopWidth', 'borderBottomWidth'].reduce((n, k) => n + parseFloat(cs[k] || 0), 0)); })(),
    display: getComputedStyle(el).display, opacity: Number(getComputedStyle(el).opacity),
    badges: el.querySelectorAll('notwork-badge').length,
    bar: s ? { chip: s.querySelector('.chip').textContent, who: s.querySelector('.who').textContent, button: button.textContent,
      expandedAttr: button.getAttribute('aria-expanded'), name: button.getAttribute('aria-label'), group: s.querySelector('[role="group"]').getAttribute('aria-label') } : null,
  };
}));

/** The two browsers behind one small interface. */
const DRIVERS = {
  Chromium: async () => {
    const h = await C.launch();
    return {
      h,
      open: (name) => h.open(name),
      serve: (url, spec) => h.serve(url, spec),
      set: (patch) => C.setSettings(h.sw, patch),
      reset: () => C.resetSettings(h.sw),
      settle: (page) => C.settle(page),
      tabId: (url) => h.sw.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u).id, url),
      extensionPage: (rel) => h.openExtensionPage(rel),
      select: (page, sel, value) => page.locator(sel).selectOption(value),
      stored: () => h.sw.evaluate(() => NotworkSettings.load()),
      ui: C.inExtensionWorld,
      close: () => h.close(),
    };
  },
  Firefox: async () => {
    const h = await F.launch();
    return {
      h,
      open: (name) => h.open(name),
      serve: (url, spec) => h.serve(url, spec),
      set: (patch) => F.setSettings(h, patch),
      reset: () => F.resetSettings(h),
      settle: (page) => F.settle(page),
      tabId: async (url) => (await h.ext()).evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u).id, url),
      extensionPage: (rel) => h.openExtensionPage(rel),
      select: (page, sel, value) => page.select(sel, value),
      stored: async () => (await h.ext()).evaluate(() => NotworkSettings.load()),
      ui: F.inExtensionWorld,
      close: () => h.close(),
    };
  },
};

const everywhere = (action) => ({ actions: Object.fromEntries(LABELS.map((l) => [l, action])) });
/** Waits until every labelled post of the page carries `action` (none for "badge"). */
const applied = (page, action) => until(page, (a) => {
  const roots = [...document.querySelectorAll('[data-notwork-label]')];
  return roots.length > 0 && roots.every((r) => (a === 'badge' ? !r.hasAttribute('data-notwork-action') : r.getAttribute('data-notwork-action') === a));
}, action, `data-notwork-action=${action}`);

for (const [browser, make] of Object.entries(DRIVERS)) describe(browser, () => {
  let d;
  const pages = {};
  const expected = {}; // site -> fixture -> label with the badge only
  before(async () => {
    d = await make();
    ui = d.ui;
    await d.set({ blogs: ['blog.example.org'] });
    for (const site of SITES) {
      pages[site] = await d.open(site);
      await d.settle(pages[site]);
      expected[site] = new Map((await snapshot(pages[site])).map((p) => [p.fixture, p]));
    }
  });
  after(async () => { if (d) await d.close(); });

  /** Brings the tab forward, waits for `action`, checks what every action shares. */
  async function check(site, action) {
    const page = pages[site];
    await page.bringToFront();
    await applied(page, action);
    await sleep(250); // the dim transition (.15 s)
    const posts = await snapshot(page);
    assert.ok(posts.some((p) => p.label), `${site} has badged posts`);
    for (const p of posts) {
      const before = expected[site].get(p.fixture);
      assert.equal(p.label, before.label, `${site} ${p.fixture}: the label stays in data-notwork-label`);
      assert.equal(p.badges, before.badges, `${site} ${p.fixture}: the badge stays`);
      if (!p.label) {
        assert.equal(p.action, null, `${site} ${p.fixture}: an unbadged post is left alone`);
        assert.equal(p.height, before.height, `${site} ${p.fixture}: same size`);
        assert.equal(p.display, before.display);
      }
    }
    return posts.filter((p) => p.label);
  }

  test(`${browser}: badge (the default) changes nothing on any site fixture`, async () => {
    await d.set(everywhere('badge'));
    for (const site of SITES) {
      const labelled = await check(site, 'badge');
      for (const p of labelled) {
        const before = expected[site].get(p.fixture);
        assert.equal(p.height, before.height, `${site} ${p.fixture}: same size as before`);
        assert.equal(p.opacity, 1);
        assert.equal(p.bar, null);
      }
      assert.equal(await pages[site].evaluate(() => document.documentElement.dataset.notworkHidden), '0');
    }
  });

  test(`${browser}: dim fades every badged post on every site fixture, still readable, full on focus`, async () => {
    await d.set(everywhere('dim'));
    for (const site of SITES) {
      const labelled = await check(site, 'dim');
      for (const p of labelled) {
        assert.ok(p.opacity >= 0.5 && p.opacity < 0.7, `${site} ${p.fixture}: faded (${p.opacity})`);
        assert.equal(p.height, expected[site].get(p.fixture).height, `${site} ${p.fixture}: nothing is hidden`);
        assert.equal(p.bar, null);
      }
      // Keyboard focus inside the post (its badge) brings it back to full strength.
      const page = pages[site];
      const id = labelled[0].fixture;
      await d.ui(page, (f, shadowOf) => { shadowOf(document.querySelector(`[data-fixture="${f}"] notwork-badge`)).querySelector('button').focus(); }, id);
      await until(page, (f) => getComputedStyle(document.querySelector(`[data-fixture="${f}"]`)).opacity === '1', id, 'full opacity on focus');
      await page.evaluate(() => document.activeElement && document.activeElement.blur());
    }
  });

  test(`${browser}: collapse shrinks every badged post to one line (label, author, Show) that the keyboard expands`, async () => {
    await d.set(everywhere('collapse'));
    for (const site of SITES) {
      const labelled = await check(site, 'collapse');
      for (const p of labelled) {
        assert.ok(p.inner > 0 && p.inner <= 44, `${site} ${p.fixture}: one line (${p.inner}px inside its padding, ${p.height}px in all; was ${expected[site].get(p.fixture).height}px)`);
        assert.ok(p.bar, `${site} ${p.fixture}: the bar`);
        assert.equal(p.bar.chip, NAMES[p.label]);
        assert.ok(p.bar.who.length > 1 && p.bar.who !== 'someone', `${site} ${p.fixture}: the author (${p.bar.who})`);
        assert.equal(p.bar.button, 'Show');
        assert.equal(p.bar.expandedAttr, 'false');
        assert.equal(p.bar.name, `Show the post by ${p.bar.who}`);
        assert.equal(p.bar.group, `Notwork collapsed this post: ${NAMES[p.label]}`);
      }
      // Tab to the button and press Enter: the post opens, the button says so; Enter again closes.
      const page = pages[site];
      const id = labelled[0].fixture;
      // The bar's root is closed to the page, and a script's click (even from inside) is not the user's.
      assert.equal(await page.evaluate((f) => [...document.querySelector(`[data-fixture="${f}"]`).children].find((c) => c.localName === 'notwork-collapse').shadowRoot, id), null, `${site}: the bar's root is closed`);
      await d.ui(page, (f, shadowOf) => {
        const b = shadowOf([...document.querySelector(`[data-fixture="${f}"]`).children].find((c) => c.localName === 'notwork-collapse')).querySelector('button');
        b.click();
        b.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      }, id);
      await sleep(200);
      assert.equal(await page.evaluate((f) => document.querySelector(`[data-fixture="${f}"]`).hasAttribute('data-notwork-expanded'), id), false, `${site}: an untrusted click does not expand`);
      await d.ui(page, (f, shadowOf) => { shadowOf([...document.querySelector(`[data-fixture="${f}"]`).children].find((c) => c.localName === 'notwork-collapse')).querySelector('button').focus(); }, id);
      await page.keyboard.press('Enter');
      await until(page, (f) => document.querySelector(`[data-fixture="${f}"]`).hasAttribute('data-notwork-expanded'), id, 'expanded');
      const open = (await snapshot(page)).find((p) => p.fixture === id);
      assert.ok(open.height > labelled[0].height + 20, `${site} ${id}: expanded (${open.height}px)`);
      assert.equal(open.bar.button, 'Collapse');
      assert.equal(open.bar.expandedAttr, 'true');
      assert.equal(await d.ui(page, (f, shadowOf) => {
        const bar = [...document.querySelector(`[data-fixture="${f}"]`).children].find((c) => c.localName === 'notwork-collapse');
        return document.activeElement === bar && shadowOf(bar).activeElement === shadowOf(bar).querySelector('button');
      }, id), true, 'focus stays on the button');
      assert.equal(page.url(), C.PAGES[site].url, 'the click did not reach the site (no navigation)');
      await page.keyboard.press('Enter');
      await until(page, (f) => !document.querySelector(`[data-fixture="${f}"]`).hasAttribute('data-notwork-expanded'), id, 'collapsed again');
    }
  });

  test(`${browser}: on a timeline that recycles its nodes, each collapsed bar belongs to the post it sits on`, async () => {
    await d.set(everywhere('collapse'));
    const page = await d.open('recycle');
    await d.settle(page);
    const rows = () => page.evaluate(() => [...document.querySelectorAll('article[data-testid="tweet"]')].filter((a) => a.offsetParent !== null).map((a) => {
      const link = a.querySelector('a[href*="/status/"] > time').parentElement.getAttribute('href');
      const bars = [...a.children].filter((c) => c.localName === 'notwork-collapse');
      return { key: 'x:' + link.split('/status/')[1], label: a.getAttribute('data-notwork-label'), action: a.getAttribute('data-notwork-action'),
        bars: bars.map((b) => ({ key: b.getAttribute('data-key'), label: b.getAttribute('label') })) };
    }));
    let collapsed = 0;
    for (const first of [3, 12, 2, 20, 0]) {
      await page.evaluate((f) => window.fixtureScrollTo(f), first);
      await d.settle(page);
      await sleep(100);
      for (const r of await rows()) {
        if (!r.label) {
          assert.equal(r.action, null, `${r.key}: no label, no action`);
          assert.deepEqual(r.bars, [], `${r.key}: no bar left from the post this node showed before`);
          continue;
        }
        collapsed++;
        assert.equal(r.action, 'collapse', r.key);
        assert.deepEqual(r.bars, [{ key: r.key, label: r.label }], `${r.key}: one bar, its own`);
      }
    }
    assert.ok(collapsed > 5, `saw ${collapsed} collapsed posts`);
    await page.close();
  });

  test(`${browser}: hide removes every badged post on every site fixture; the popup counts them and shows them again`, async () => {
    await d.set(everywhere('hide'));
    for (const site of SITES) {
      const labelled = await check(site, 'hide');
      for (const p of labelled) {
        assert.equal(p.display, 'none', `${site} ${p.fixture}: hidden`);
        assert.equal(p.height, 0);
      }
      const page = pages[site];
      assert.equal(await page.evaluate(() => document.documentElement.dataset.notworkHidden), String(labelled.length));
      const popup = await d.extensionPage(`extension/popup/popup.html?tab=${await d.tabId(C.PAGES[site].url)}`);
      await until(popup, () => !document.getElementById('hidden-bar').hidden, undefined, 'the popup\'s hidden count');
      assert.equal(await popup.evaluate(() => document.getElementById('hidden-text').textContent), `Posts hidden on this page: ${labelled.length}`);
      await popup.click('#reveal');
      await until(popup, () => document.getElementById('reveal').hidden, undefined, 'revealed');
      await popup.close();
      await page.bringToFront();
      await until(page, () => document.documentElement.dataset.notworkHidden === '0', undefined, 'no post hidden');
      for (const p of (await snapshot(page)).filter((x) => x.label)) {
        assert.notEqual(p.display, 'none', `${site} ${p.fixture}: shown again`);
        assert.equal(p.action, 'hide', 'the action stays on the root');
        assert.equal(p.height, expected[site].get(p.fixture).height);
      }
    }
  });

  test(`${browser}: a per-site choice overrides the general one; the user's own posts keep only their badge`, async () => {
    await d.reset();
    // The general choice dims both broadcast labels; X overrides both (whichever of them the
    // fitted weights give the Mastodon fixture, the general choice is what applies there).
    await d.set({ blogs: ['blog.example.org'], actions: { autofeed: 'dim', pure_promo: 'dim' }, siteActions: { x: { autofeed: 'collapse', pure_promo: 'hide' } } });
    const x = await d.open('x');
    await d.settle(x);
    await until(x, () => document.querySelector('[data-notwork-action="collapse"]'), undefined, 'collapse on X');
    const posts = await snapshot(x);
    for (const p of posts.filter((q) => q.label)) {
      assert.equal(p.action, { autofeed: 'collapse', pure_promo: 'hide', genuine_share: null }[p.label], `X ${p.fixture} (${p.label})`);
    }
    const m = await d.open('mastodon');
    await d.settle(m);
    await until(m, () => document.querySelector('[data-notwork-action]'), undefined, 'an action on Mastodon');
    for (const p of (await snapshot(m)).filter((q) => q.label)) {
      assert.equal(p.action, p.label === 'genuine_share' ? null : 'dim', `Mastodon ${p.fixture} (${p.label})`);
    }
    // The logged-in user (X: the side navigation's Profile link, @maya_writes) posts a feed item.
    await x.evaluate(() => {
      const cell = document.querySelector('[data-fixture="x-autofeed-1"]').closest('[data-testid="cellInnerDiv"]').cloneNode(true);
      const article = cell.querySelector('article');
      article.setAttribute('data-fixture', 'mine');
      for (const a of ['data-notwork-label', 'data-notwork-action', 'data-notwork-expanded']) article.removeAttribute(a);
      for (const n of cell.querySelectorAll('notwork-badge, notwork-collapse')) n.remove();
      for (const a of cell.querySelectorAll('a[href]')) a.setAttribute('href', a.getAttribute('href').replace(/^\/dailytechwire/i, '/maya_writes').replace(/\d{6,}$/, '1900000000000000777'));
      for (const s of cell.querySelectorAll('[data-testid="User-Name"] span')) if (/dailytechwire/i.test(s.textContent)) s.textContent = s.textContent.replace(/dailytechwire/i, 'maya_writes');
      document.getElementById('timeline').append(cell);
    });
    await until(x, () => document.querySelector('[data-fixture="mine"][data-notwork-label]'), undefined, 'own post badged');
    await sleep(200);
    const mine = (await snapshot(x)).find((p) => p.fixture === 'mine');
    assert.equal(mine.label, 'autofeed', 'the own post is badged like any other');
    assert.equal(mine.action, null, 'but never dimmed, collapsed or hidden');
    assert.equal(mine.bar, null);
    assert.equal((await snapshot(x)).find((p) => p.fixture === 'x-autofeed-1').action, 'collapse', 'the same kind of post by someone else is');
    await x.close();
    await m.close();
  });

  test(`${browser}: the options menus write actions and siteActions; an open tab follows without a reload`, async () => {
    await d.reset();
    await d.set({ blogs: ['blog.example.org'] });
    const tab = await d.open('bluesky');
    await d.settle(tab);
    await tab.evaluate(() => { window.__same = true; });
    const page = await d.extensionPage('extension/options/options.html');
    await until(page, () => document.body.dataset.ready === 'true', undefined, 'options ready');
    await page.click('details.site-actions summary'); // the per-site menus are folded away
    assert.equal(await page.evaluate(() => document.querySelectorAll('select[data-action]').length), 3);
    assert.equal(await page.evaluate(() => document.querySelectorAll('select[data-site-action]').length), 7 * 3, 'a menu per site (Reddit and LinkedIn too) and badged label');
    assert.deepEqual(await page.evaluate(() => [...document.querySelector('select[data-action="autofeed"]').options].map((o) => o.value)), ['badge', 'dim', 'collapse', 'hide']);
    assert.equal(await page.evaluate(() => document.querySelector('select[data-action="autofeed"]').getAttribute('aria-label')), 'What to do with autofeed posts');
    await d.select(page, 'select[data-action="autofeed"]', 'hide');
    await d.select(page, 'select[data-site-action="bluesky:autofeed"]', 'collapse');
    await until(page, () => document.querySelector('#status[data-kind="ok"]'), undefined, 'saved');
    const s = await d.stored();
    assert.deepEqual(s.actions, { autofeed: 'hide' });
    assert.deepEqual(s.siteActions, { bluesky: { autofeed: 'collapse' } });
    await tab.bringToFront();
    await until(tab, () => document.querySelector('[data-notwork-label="autofeed"][data-notwork-action="collapse"]'), undefined, 'collapsed on Bluesky');
    assert.equal(await tab.evaluate(() => window.__same), true, 'no reload');
    // Back to "as everywhere" for Bluesky: the general choice (hide) applies there.
    await page.bringToFront();
    await d.select(page, 'select[data-site-action="bluesky:autofeed"]', '');
    await until(page, () => document.querySelector('#status[data-kind="ok"]'), undefined, 'saved');
    await tab.bringToFront();
    await until(tab, () => document.querySelector('[data-notwork-label="autofeed"][data-notwork-action="hide"]'), undefined, 'hidden on Bluesky');
    assert.equal((await d.stored()).siteActions, undefined);
    await page.close();
    await tab.close();
  });

  test(`${browser}: a page whose CSP forbids inline styles still gets its actions (a constructed stylesheet)`, async () => {
    const url = 'https://x.com/notwork/style-csp';
    d.serve(url, { file: 'sites/x/timeline.html', headers: { 'content-security-policy': "style-src 'self'; script-src 'self'; object-src 'none'" } });
    await d.set({ actions: { pure_promo: 'hide', autofeed: 'dim' } });
    const page = await d.open(url);
    await d.settle(page);
    await until(page, () => document.querySelector('[data-notwork-action="hide"]'), undefined, 'hide on the strict page');
    await sleep(250); // the dim transition
    const posts = (await snapshot(page)).filter((p) => p.label);
    assert.ok(posts.length >= 5);
    for (const p of posts) {
      if (p.label === 'pure_promo') assert.equal(p.display, 'none', `${p.fixture}: hidden`);
      if (p.label === 'autofeed') assert.ok(p.opacity < 0.7, `${p.fixture}: dimmed`);
    }
    await page.close();
  });

  test(`${browser}: a bad actions document is refused with its path`, async () => {
    const res = await (browser === 'Chromium'
      ? d.h.sw.evaluate(() => NotworkSettings.save({ ...NotworkSettings.defaults(), actions: { autofeed: 'explode' }, siteActions: { x: { neutral: 'hide' } } }))
      : (await d.h.ext()).evaluate(() => NotworkSettings.save({ ...NotworkSettings.defaults(), actions: { autofeed: 'explode' }, siteActions: { x: { neutral: 'hide' } } })));
    assert.equal(res.ok, false);
    assert.deepEqual(res.errors.map((e) => e.path).sort(), ['/actions/autofeed', '/siteActions/x/neutral']);
  });
});
