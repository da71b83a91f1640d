// Firefox harness for Notwork's end-to-end tests: Debian's firefox-esr driven by puppeteer-core
// over WebDriver BiDi, with the real Firefox package (scripts/package.mjs → dist/notwork-firefox.zip)
// unzipped and installed as a temporary add-on.
//
// - The package is built and unzipped here. The copy that is loaded differs from the package in
//   one way only, as in the Chromium harness (tests/e2e/harness.mjs): its host_permissions also
//   list the hosts a user adds at run time (a WordPress blog, a second Mastodon instance), since
//   a test cannot click the browser's permission prompt. The pristine package is what
//   `web-ext lint` checks (lint.test.mjs).
// - Every request of a page goes through request interception: the sites' real hostnames are
//   answered from tests/fixtures (so the manifest's matches fire), anything else is blocked and
//   recorded. A dead proxy is configured as well, so nothing could leave the machine unrouted.
// - Firefox gives the add-on a random moz-extension:// UUID per profile; the harness fixes it
//   with the `extensions.webextensions.uuids` pref so it can open the popup and options pages.
//   WebDriver BiDi only navigates a tab to moz-extension:// with --remote-allow-system-access.
import puppeteer from 'puppeteer-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { ROOT, FIXTURES, PAGES, USER_HOSTS } from '../e2e/harness.mjs';

export { ROOT, FIXTURES, PAGES, USER_HOSTS };
export const FIREFOX = process.env.NOTWORK_FIREFOX || '/usr/bin/firefox-esr';
export const ADDON_ID = 'notwork@notwork.invalid';
export const UUID = '6e6f7477-6f72-4b00-8000-00000000f1fe';
export const BASE = `moz-extension://${UUID}/`;
export const FIXTURE_HOSTS = new Set(['x.com', 'twitter.com', 'mastodon.social', 'bsky.app', 'www.youtube.com', ...USER_HOSTS]);
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.png': 'image/png', '.svg': 'image/svg+xml', '.json': 'application/json', '.jpg': 'image/jpeg' };

/** Reads a ZIP archive (stored or deflated entries, as scripts/package.mjs writes them). */
export function unzip(buf) {
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('not a zip archive');
  const count = buf.readUInt16LE(end + 10);
  let p = buf.readUInt32LE(end + 16);
  const out = new Map();
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory entry');
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const body = buf.subarray(start, start + size);
    out.set(name, method === 8 ? zlib.inflateRawSync(body) : method === 0 ? Buffer.from(body) : (() => { throw new Error(`zip method ${method}`); })());
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** Builds the packages (scripts/package.mjs) and unzips the Firefox one into a temp dir. */
export function unpackFirefox({ extraHosts = [] } = {}) {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/package.mjs')], { stdio: 'pipe' });
  const files = unzip(fs.readFileSync(path.join(ROOT, 'dist/notwork-firefox.zip')));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'notwork-firefox-'));
  for (const [name, data] of files) {
    const full = path.join(dir, name);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, data);
  }
  if (extraHosts.length) {
    const m = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    m.host_permissions = [...m.host_permissions, ...extraHosts.map((h) => `https://${h}/*`)];
    fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(m, null, 2));
  }
  return dir;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `fn` in the page (puppeteer's waitForFunction, without rAF polling) until truthy. */
export async function waitIn(page, fn, arg, { timeout = 20000, interval = 100 } = {}) {
  return page.waitForFunction(fn, { timeout, polling: interval }, arg);
}

/**
 * Starts firefox-esr with the Firefox package installed. Returns
 * {browser, requests, blocked, serve, open, openExtensionPage, ext, close}.
 */
export async function launch({ extraHosts = USER_HOSTS, viewport = { width: 1100, height: 900 } } = {}) {
  const extDir = unpackFirefox({ extraHosts });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'notwork-ff-profile-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: process.env.NOTWORK_HEADED !== '1' || !process.env.DISPLAY,
    userDataDir: profile,
    defaultViewport: viewport,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: UUID }),
      // Nothing may leave the machine: a proxy that answers nothing, no prefetching.
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1', 'network.proxy.http_port': 9,
      'network.proxy.ssl': '127.0.0.1', 'network.proxy.ssl_port': 9,
      'network.proxy.no_proxies_on': '',
      'network.dns.disablePrefetch': true,
      'network.prefetch-next': false,
      'network.http.speculative-parallel-limit': 0,
    },
  });
  const id = await browser.installExtension(extDir);
  if (id !== ADDON_ID) throw new Error(`installed ${id}, expected ${ADDON_ID}`);

  const requests = [];
  const blocked = [];
  const extra = new Map();
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

  async function route(page) {
    await page.setRequestInterception(true);
    page.on('request', (req) => {
      const raw = req.url();
      if (/^(moz-extension|data|blob|about):/.test(raw)) return req.continue();
      const u = new URL(raw);
      // The browser's own favicon request (not the extension's, not a fixture): a plain 404.
      if (u.pathname === '/favicon.ico' && FIXTURE_HOSTS.has(u.hostname)) return req.respond({ status: 404, body: '' });
      requests.push({ url: raw });
      const hit = FIXTURE_HOSTS.has(u.hostname) ? fileFor(u) : null;
      if (!hit) { blocked.push(raw); return req.abort('blockedbyclient'); }
      const body = hit.body !== undefined ? Buffer.from(hit.body) : fs.readFileSync(path.join(FIXTURES, hit.file));
      const type = hit.contentType || (hit.file ? TYPES[path.extname(hit.file)] : TYPES['.html']) || 'application/octet-stream';
      return req.respond({ status: 200, headers: { 'content-type': type, 'cache-control': 'no-store', ...(hit.headers || {}) }, body });
    });
  }

  async function newPage() {
    const page = await browser.newPage();
    page.notworkErrors = [];
    page.on('pageerror', (e) => page.notworkErrors.push(String(e)));
    return page;
  }

  const h = {
    browser, requests, blocked, extDir,
    serve(url, spec) { const u = new URL(url); extra.set(u.origin + u.pathname, spec); },
    /** Opens a fixture page (by PAGES name or URL) in a new tab, with the fixtures routed. */
    async open(nameOrUrl, { waitForEngine = true } = {}) {
      const page = await newPage();
      await route(page);
      await page.goto(PAGES[nameOrUrl] ? PAGES[nameOrUrl].url : nameOrUrl);
      if (waitForEngine) await waitIn(page, () => document.documentElement.dataset.notworkEngine);
      return page;
    },
    /** Opens one of the extension's pages (moz-extension://…/rel) in a new tab. */
    async openExtensionPage(rel) {
      const page = await newPage();
      const url = BASE + rel;
      // A tab moves to the extension's process here: puppeteer does not see that navigation
      // end, so the page is awaited by its own state instead.
      page.goto(url, { timeout: 60000 }).catch(() => {});
      const end = Date.now() + 20000;
      for (;;) {
        try {
          if (await page.evaluate((u) => location.href === u && document.readyState === 'complete', url)) break;
        } catch (_) { /* between documents */ }
        if (Date.now() > end) throw new Error(`${url} did not load`);
        await sleep(100);
      }
      return page;
    },
    /** An extension page kept open to reach the extension's APIs (storage, tabs, settings). */
    async ext() {
      if (!h._ext || h._ext.isClosed()) h._ext = await h.openExtensionPage('extension/options/options.html');
      return h._ext;
    },
    async close() {
      await browser.close();
      fs.rmSync(profile, { recursive: true, force: true });
      fs.rmSync(extDir, { recursive: true, force: true });
    },
  };
  return h;
}

/** Merges `patch` into the stored settings through the extension's own NotworkSettings. */
export async function setSettings(h, patch) {
  const page = await h.ext();
  return page.evaluate(async (p) => {
    const cur = await NotworkSettings.load();
    const res = await NotworkSettings.save(NotworkSettings.merge(cur, p));
    if (!res.ok) throw new Error('settings rejected: ' + JSON.stringify(res.errors));
    return res.ok;
  }, patch);
}

export async function resetSettings(h) {
  const page = await h.ext();
  await page.evaluate(async () => { await chrome.storage.sync.clear(); await chrome.storage.local.clear(); });
}

/** Waits until the badges have gone quiet (scored count and badge count stable). */
export async function settle(page, { quietMs = 400, timeout = 20000 } = {}) {
  await waitIn(page, () => document.documentElement.dataset.notworkScored !== undefined, undefined, { timeout });
  const end = Date.now() + timeout;
  let last = null;
  let since = Date.now();
  while (Date.now() < end) {
    const now = await page.evaluate(() => `${document.documentElement.dataset.notworkScored}|${document.querySelectorAll('notwork-badge').length}|${document.querySelectorAll('[data-notwork-label]').length}`);
    if (now !== last) { last = now; since = Date.now(); } else if (Date.now() - since >= quietMs) return;
    await sleep(50);
  }
  throw new Error('badges did not settle in time');
}

/** The labels on the page: [{fixture, expect, label, action, badges, badgeText}] per post root
 *  (the badges' closed roots read through inExtensionWorld, below). */
export async function readPosts(page) {
  return inExtensionWorld(page, (_, shadowOf) => [...document.querySelectorAll('[data-fixture]')].map((el) => {
    const badges = [...el.querySelectorAll('notwork-badge')];
    return {
      fixture: el.getAttribute('data-fixture'),
      expect: el.getAttribute('data-expect') || null,
      label: el.getAttribute('data-notwork-label'),
      action: el.getAttribute('data-notwork-action'),
      badges: badges.length,
      badgeText: badges.map((b) => (shadowOf(b) ? shadowOf(b).textContent : '')).join('|'),
    };
  }));
}

// ---- Notwork's UI lives in CLOSED shadow roots (host.shadowRoot is null for the page). Firefox
// has no way in over CDP, but WebDriver BiDi serialises an element's shadow root whatever its
// mode (a shared reference, `shadowRoot.sharedId`); handed back as an argument, that reference
// is the closed root itself. So a test reads or focuses Notwork's UI with these helpers, and
// clicks and keys still come from the real input pipeline (page.mouse / page.keyboard: trusted
// events, like the user's).

/** Notwork's shadow hosts: badges, collapsed bars, nudges, also inside open shadow roots. */
const HOSTS_FN = `() => {
  const out = [];
  const walk = (root) => {
    for (const el of root.querySelectorAll('notwork-badge, notwork-collapse, notwork-nudge, [data-notwork-nudge]')) if (!out.includes(el)) out.push(el);
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) walk(el.shadowRoot);
  };
  walk(document);
  return out;
}`;

/**
 * Evaluates `fn(arg, shadowOf)` in `page` (main frame) and returns its (awaited, JSON) value.
 * `shadowOf(host)` is the shadow root of a Notwork host (badge, collapsed bar, nudge), open or
 * closed — the same interface as inExtensionWorld in tests/e2e/harness.mjs.
 */
export async function inExtensionWorld(page, fn, arg) {
  const bc = page.mainFrame().browsingContext;
  const session = bc.userContext.browser.session;
  const target = { context: bc.id };
  const found = await session.send('script.callFunction', { functionDeclaration: HOSTS_FN, target, awaitPromise: false, resultOwnership: 'none',
    serializationOptions: { maxDomDepth: 0, maxObjectDepth: 1, includeShadowTree: 'all' } });
  if (found.result.type !== 'success') throw new Error('finding the shadow hosts: ' + JSON.stringify(found.result.exceptionDetails));
  const hosts = (found.result.result.value || []).filter((v) => v.type === 'node');
  const refs = hosts.flatMap((v) => [{ sharedId: v.sharedId }, v.value && v.value.shadowRoot ? { sharedId: v.value.shadowRoot.sharedId } : { type: 'null' }]);
  const functionDeclaration = `async (argJson, ...pairs) => {
    const arg = JSON.parse(argJson);
    const roots = new Map();
    for (let i = 0; i < pairs.length; i += 2) roots.set(pairs[i], pairs[i + 1]);
    const shadowOf = (h) => (h ? roots.get(h) || h.shadowRoot || null : null);
    const v = await (${fn})(arg, shadowOf);
    return JSON.stringify(v === undefined ? null : v);
  }`;
  const r = await session.send('script.callFunction', { functionDeclaration, target, awaitPromise: true, resultOwnership: 'none',
    arguments: [{ type: 'string', value: JSON.stringify(arg === undefined ? null : arg) }, ...refs],
    serializationOptions: { maxDomDepth: 0 } });
  if (r.result.type !== 'success') throw new Error('in the page: ' + JSON.stringify(r.result.exceptionDetails && r.result.exceptionDetails.text));
  return JSON.parse(r.result.result.value);
}

/** Waits until `fn(arg, shadowOf)` is truthy; returns that value. */
export async function waitInExtensionWorld(page, fn, arg, { timeout = 10000 } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await inExtensionWorld(page, fn, arg);
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out waiting for ' + String(fn).slice(0, 120));
    await sleep(50);
  }
}

/** A real (trusted) mouse click on `inner` inside the shadow UI of the host `hostSelector`. */
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
