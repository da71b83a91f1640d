// Offline browser harness for Notwork's end-to-end tests, demo and benchmark.
//
// - Launches Debian's Chromium through playwright-core with a persistent context and a fresh
//   user-data-dir, with the extension loaded unpacked (headless unless DISPLAY is set and
//   NOTWORK_HEADED=1).
// - Loads a TEST COPY of the extension (a temp dir): the same files, plus a manifest whose
//   host_permissions also list the fixture hosts a user would add at run time (a WordPress
//   blog, a second Mastodon instance). In real use those are optional host permissions the
//   user grants from the options page; a test cannot click Chromium's permission prompt, so
//   the copy pre-grants them and the test then enables the host through settings, exactly
//   like a user, which drives the real chrome.scripting registration path.
// - Answers the real hostnames from tests/fixtures (so the manifest's matches fire), headers
//   included (the CSP fixture carries `script-src 'self'`), and blocks AND records every
//   other request, so a test can assert the extension made no network request.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildFixtures } from '../fixtures/build.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURES = path.join(ROOT, 'tests/fixtures');
// The fixture pages are generated from their templates (git-ignored build output).
buildFixtures({ silent: true });
/** Hosts a user adds at run time (optional permissions): granted in the test copy only. */
export const USER_HOSTS = ['blog.example.org', 'hachyderm.io'];

const CSP_STRICT = { 'content-security-policy': "script-src 'self'; object-src 'none'" };
/** The fixture pages, each at a real URL of its site. */
export const PAGES = {
  x: { url: 'https://x.com/home', file: 'sites/x/timeline.html' },
  twitter: { url: 'https://twitter.com/home', file: 'sites/x/timeline.html' },
  mastodon: { url: 'https://mastodon.social/home', file: 'sites/mastodon/timeline.html' },
  bluesky: { url: 'https://bsky.app/', file: 'sites/bluesky/timeline.html' },
  youtube: { url: 'https://www.youtube.com/watch?v=nWdemo00001', file: 'sites/youtube/timeline.html' },
  wordpress: { url: 'https://blog.example.org/2026/03/feeds-are-not-friends/', file: 'sites/wordpress/timeline.html' },
  mastodon2: { url: 'https://hachyderm.io/home', file: 'sites/mastodon/timeline.html' },
  csp: { url: 'https://x.com/notwork/csp', file: 'csp/index.html', headers: CSP_STRICT },
  recycle: { url: 'https://x.com/notwork/recycle', file: 'recycle/index.html' },
  xss: { url: 'https://x.com/notwork/xss', file: 'xss/index.html' },
};
const FIXTURE_HOSTS = new Set(['x.com', 'twitter.com', 'mastodon.social', 'bsky.app', 'www.youtube.com', ...USER_HOSTS]);
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.png': 'image/png', '.svg': 'image/svg+xml', '.json': 'application/json', '.jpg': 'image/jpeg' };

/** Copies the extension (manifest, _locales, extension/) into a temp dir for loading. */
export function makeExtensionCopy({ extraHosts = USER_HOSTS } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'notwork-ext-'));
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'manifest.json'), 'utf8'));
  manifest.host_permissions = [...manifest.host_permissions, ...extraHosts.map((h) => `https://${h}/*`)];
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  for (const part of ['_locales', 'extension', 'core/data/weights.json']) fs.cpSync(path.join(ROOT, part), path.join(dir, part), { recursive: true });
  if (!fs.existsSync(path.join(dir, 'extension/generated/notwork.js'))) {
    throw new Error('extension/generated/ is missing: build the wasm core first (./dev build)');
  }
  return dir;
}

/**
 * Starts Chromium with the extension. Returns
 * {context, sw, extensionId, requests, blocked, serve, open, openExtensionPage, close}.
 */
export async function launch({ extraHosts = USER_HOSTS, viewport = { width: 1100, height: 900 }, colorScheme = 'light', args = [], headed, extension = true } = {}) {
  const extDir = extension ? makeExtensionCopy({ extraHosts }) : fs.mkdtempSync(path.join(os.tmpdir(), 'notwork-noext-'));
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'notwork-profile-'));
  if (headed === undefined) headed = !!process.env.DISPLAY && process.env.NOTWORK_HEADED === '1';
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.NOTWORK_CHROMIUM || '/usr/bin/chromium',
    headless: !headed,
    viewport,
    colorScheme,
    args: [
      ...(extension ? [`--load-extension=${extDir}`, `--disable-extensions-except=${extDir}`] : []),
      '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--no-first-run', '--no-default-browser-check', '--disable-sync',
      // Belt and braces: nothing resolves, so nothing can leave the machine even if unrouted.
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost',
      ...args,
    ],
  });

  const requests = [];   // every request the browser made: {url, from}
  const blocked = [];    // requests that were not fixtures (must stay empty)
  const extra = new Map(); // url -> {body|file, headers} added by serve()

  const fileFor = (u) => {
    const key = u.origin + u.pathname;
    if (extra.has(key)) return extra.get(key);
    for (const p of Object.values(PAGES)) {
      const pu = new URL(p.url);
      if (pu.origin + pu.pathname === key) return p;
    }
    if (u.pathname.startsWith('/__fixtures/')) {
      const rel = path.normalize(decodeURIComponent(u.pathname.slice('/__fixtures/'.length)));
      if (!rel.startsWith('..')) return { file: rel };
    }
    return null;
  };

  context.on('request', (req) => {
    const url = req.url();
    if (/^(chrome-extension|data|blob|about|chrome):/.test(url)) return;
    requests.push({ url, frame: (() => { try { return req.frame().url(); } catch (_) { return null; } })() });
  });
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'chrome-extension:') return route.continue(); // the extension's own files
    const hit = FIXTURE_HOSTS.has(url.hostname) ? fileFor(url) : null;
    if (!hit) {
      blocked.push(url.href);
      return route.abort('blockedbyclient');
    }
    const body = hit.body !== undefined ? hit.body : fs.readFileSync(path.join(FIXTURES, hit.file));
    const type = hit.contentType || (hit.file ? TYPES[path.extname(hit.file)] : TYPES['.html']) || 'application/octet-stream';
    return route.fulfill({ status: 200, headers: { 'content-type': type, 'cache-control': 'no-store', ...(hit.headers || {}) }, body });
  });

  let sw = null;
  let extensionId = null;
  if (extension) {
    sw = context.serviceWorkers()[0] || await context.waitForEvent('serviceworker', { timeout: 20000 });
    extensionId = new URL(sw.url()).host;
  }

  return {
    context, sw, extensionId, requests, blocked, extDir,
    /** Serves `body` (or a fixture `file`) at `url` with optional headers. */
    serve(url, spec) { const u = new URL(url); extra.set(u.origin + u.pathname, spec); },
    /** Opens a fixture page by name (see PAGES) or URL in a new tab. */
    async open(nameOrUrl, { waitForEngine = true } = {}) {
      const page = await context.newPage();
      page.notworkErrors = [];
      page.on('pageerror', (e) => page.notworkErrors.push(String(e)));
      const url = PAGES[nameOrUrl] ? PAGES[nameOrUrl].url : nameOrUrl;
      await page.goto(url);
      if (waitForEngine) await page.waitForFunction(() => document.documentElement.dataset.notworkEngine, null, { timeout: 20000 });
      return page;
    },
    async openExtensionPage(rel) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${rel}`);
      return page;
    },
    async close() {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
      fs.rmSync(extDir, { recursive: true, force: true });
    },
  };
}

/** Merges `patch` into the stored settings through the extension's own NotworkSettings.save. */
export async function setSettings(sw, patch) {
  return sw.evaluate(async (p) => {
    const cur = await NotworkSettings.load();
    const res = await NotworkSettings.save(NotworkSettings.merge(cur, p));
    if (!res.ok) throw new Error('settings rejected: ' + JSON.stringify(res.errors));
    return res;
  }, patch);
}

export async function resetSettings(sw) {
  await sw.evaluate(async () => {
    await chrome.storage.sync.clear();
    await chrome.storage.local.clear();
  });
}

/** Waits until the badges feature has gone quiet: scored count and badge count stable. */
export async function settle(page, { quietMs = 400, timeout = 15000 } = {}) {
  await page.waitForFunction(() => document.documentElement.dataset.notworkScored !== undefined, null, { timeout });
  const end = Date.now() + timeout;
  let last = null;
  let since = Date.now();
  while (Date.now() < end) {
    const now = await page.evaluate(() => `${document.documentElement.dataset.notworkScored}|${document.querySelectorAll('notwork-badge').length}|${document.querySelectorAll('[data-notwork-label]').length}`);
    if (now !== last) { last = now; since = Date.now(); }
    else if (Date.now() - since >= quietMs) return;
    await page.waitForTimeout(50);
  }
  throw new Error('badges did not settle in time');
}

// ---- Notwork's UI lives in CLOSED shadow roots (the page's scripts cannot reach it). Tests
// read and focus it from the content script's isolated world, over CDP, where
// chrome.dom.openOrClosedShadowRoot(host) opens them; clicks and keys then come from the real
// input pipeline (page.mouse / page.keyboard: trusted events, like the user's).

/**
 * Evaluates `fn(arg, shadowOf)` in Notwork's content-script world of `page` (main frame) and
 * returns its (awaited, JSON) value. `shadowOf(host)` is the host's shadow root, open or closed.
 */
export async function inExtensionWorld(page, fn, arg) {
  if (!page.notworkCdp) page.notworkCdp = await page.context().newCDPSession(page);
  const cdp = page.notworkCdp;
  const { frameTree } = await cdp.send('Page.getFrameTree');
  const contexts = [];
  const listener = (e) => contexts.push(e.context);
  cdp.on('Runtime.executionContextCreated', listener);
  await cdp.send('Runtime.enable'); // replays the live contexts
  cdp.off('Runtime.executionContextCreated', listener);
  await cdp.send('Runtime.disable');
  const ours = contexts.filter((c) => c.auxData && c.auxData.type === 'isolated' && c.auxData.frameId === frameTree.frame.id &&
    String(c.origin).startsWith('chrome-extension://'));
  if (!ours.length) throw new Error('no Notwork content-script world in this page');
  const expression = `(async () => {
    const shadowOf = (h) => (h ? chrome.dom.openOrClosedShadowRoot(h) : null);
    return (${fn})(${JSON.stringify(arg === undefined ? null : arg)}, shadowOf);
  })()`;
  const r = await cdp.send('Runtime.evaluate', { contextId: ours[ours.length - 1].id, expression, awaitPromise: true, returnByValue: true });
  if (r.exceptionDetails) throw new Error('in the extension world: ' + (r.exceptionDetails.exception ? r.exceptionDetails.exception.description : r.exceptionDetails.text));
  return r.result.value;
}

/** Waits until `fn(arg, shadowOf)` (in the extension world) is truthy; returns that value. */
export async function waitInExtensionWorld(page, fn, arg, { timeout = 10000 } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await inExtensionWorld(page, fn, arg);
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out waiting in the extension world for ' + String(fn).slice(0, 120));
    await page.waitForTimeout(50);
  }
}

/** A real (trusted) mouse click on the element `inner` inside the shadow UI of the host
 *  element `hostSelector` (a CSS selector in the page). */
export async function clickInShadow(page, hostSelector, inner) {
  const box = await inExtensionWorld(page, ([sel, innerSel], shadowOf) => {
    const host = document.querySelector(sel);
    const el = host && shadowOf(host) && shadowOf(host).querySelector(innerSel);
    if (!el) return null;
    el.scrollIntoView({ block: 'center', inline: 'nearest' });
    const r = el.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2, w: r.width, h: r.height };
  }, [hostSelector, inner]);
  if (!box || !box.w || !box.h) throw new Error(`no visible ${inner} in ${hostSelector}`);
  await page.mouse.click(box.x, box.y);
}

/**
 * The labels on the page: [{fixture, expect, label, badges, text}] per post root.
 * `fixture`/`expect` come from the fixture's data-fixture / data-expect attributes.
 */
export async function readPosts(page) {
  return inExtensionWorld(page, (_, shadowOf) => [...document.querySelectorAll('[data-fixture]')].map((el) => {
    const badges = [...el.querySelectorAll('notwork-badge')];
    return {
      fixture: el.getAttribute('data-fixture'),
      expect: el.getAttribute('data-expect') || null,
      label: el.getAttribute('data-notwork-label'),
      badges: badges.length,
      badgeText: badges.map((b) => (shadowOf(b) ? shadowOf(b).textContent : '')).join('|'),
    };
  }));
}

/** Text of the badge's shadow UI for the post with data-fixture=`id`. */
export async function badgeText(page, id) {
  return inExtensionWorld(page, (fid, shadowOf) => {
    const b = document.querySelector(`[data-fixture="${fid}"] notwork-badge`);
    return b && shadowOf(b) ? shadowOf(b).querySelector('button').textContent : null;
  }, id);
}

/** Opens the explanation popover of a post's badge with the keyboard (focus + a real Enter). */
export async function openBadge(page, id) {
  await inExtensionWorld(page, (fid, shadowOf) => {
    const b = document.querySelector(`[data-fixture="${fid}"] notwork-badge`);
    shadowOf(b).querySelector('button.badge').focus();
  }, id);
  await page.keyboard.press('Enter');
  await waitInExtensionWorld(page, (fid, shadowOf) => {
    const b = document.querySelector(`[data-fixture="${fid}"] notwork-badge`);
    return b && shadowOf(b).querySelector('button.badge').getAttribute('aria-expanded') === 'true';
  }, id);
}
