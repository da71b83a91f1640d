// Helpers shared by the surfaces-*.test.mjs suites (nudges, popup audit, options page).
// Browser launching and fixture routing come from the shared harness.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, FIXTURES, inExtensionWorld } from './harness.mjs';

/** Where each compose/profile fixture is served (real hostnames, so content scripts run). */
export const SURFACE_PAGES = {
  xCompose: { url: 'https://x.com/compose/post', file: 'sites/x/compose.html' },
  xProfile: { url: 'https://x.com/maya_writes', file: 'sites/x/profile.html' },
  mastodonCompose: { url: 'https://mastodon.social/publish', file: 'sites/mastodon/compose.html' },
  youtubeCompose: { url: 'https://www.youtube.com/watch?v=nWcompose01', file: 'sites/youtube/compose.html' },
  // A user-added blog (its content script is registered once the blog is in the settings).
  wordpressCompose: { url: 'https://blog.example.org/2026/03/feeds-are-not-friends/comment-page-1/', file: 'sites/wordpress/compose.html' },
};

export function serveSurfaces(browser) {
  for (const p of Object.values(SURFACE_PAGES)) browser.serve(p.url, { file: p.file });
}

export const SCREENSHOTS = process.env.NOTWORK_SCREENSHOTS === '1';
export const SHOT_DIR = path.join(ROOT, 'docs/screenshots');
export function shotPath(name) {
  fs.mkdirSync(SHOT_DIR, { recursive: true });
  return path.join(SHOT_DIR, name);
}

/** The tab id of the tab showing `url` (asked through the service worker). */
export async function tabIdOf(sw, url) {
  return sw.evaluate(async (u) => {
    const tabs = await chrome.tabs.query({});
    const t = tabs.find((x) => x.url === u || x.pendingUrl === u);
    return t ? t.id : null;
  }, url);
}

/** Everything in chrome.storage.sync (to prove a failed action changed nothing). */
export async function syncStorage(sw) {
  return sw.evaluate(() => chrome.storage.sync.get(null));
}

/** Number of drafts the nudges module has scored on this page. */
export async function draftsScored(page) {
  return page.evaluate(() => Number(document.documentElement.dataset.notworkDrafts || 0));
}

/** Replaces the draft in `editor` (a Locator) and waits until it has been scored. */
export async function writeDraft(page, editor, text, { timeout = 15000 } = {}) {
  const before = await draftsScored(page);
  await editor.click();
  await editor.fill(text);
  await page.waitForFunction((n) => Number(document.documentElement.dataset.notworkDrafts || 0) > n, before, { timeout });
  // The nudge is rendered in the same task as the counter; one frame for layout.
  await page.waitForTimeout(50);
}

/** The nudge next to a composer: {rules: [...], text} or null. `scope` is a CSS selector. */
export async function nudgeIn(page, scope) {
  // The nudge's shadow root is closed: its text is read from the content script's world.
  return inExtensionWorld(page, (sel, shadowOf) => {
    const root = sel ? document.querySelector(sel) : document;
    const host = root && root.querySelector('[data-notwork-nudge]');
    if (!host) return null;
    return { rules: host.getAttribute('data-notwork-nudge').split(',').filter(Boolean), text: shadowOf(host) ? shadowOf(host).textContent : '' };
  }, scope || null);
}

export function fixturePath(rel) {
  return path.join(FIXTURES, rel);
}

/** The native CLI (built by ./dev build or cmake --build --preset native). */
export function cliPath() {
  for (const p of ['build/native/notwork', 'build/native/cli/notwork']) {
    const full = path.join(ROOT, p);
    if (fs.existsSync(full)) return full;
  }
  return null;
}
