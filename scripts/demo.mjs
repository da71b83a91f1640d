#!/usr/bin/env node
// Notwork demo: serves the site fixtures through the test harness, opens Chromium with the
// extension (a visible window when DISPLAY is set, headless otherwise) and saves a screenshot
// of every annotated fixture to docs/screenshots/<site>.png. Builds nothing: run ./dev build first.
import fs from 'node:fs';
import path from 'node:path';
import { launch, setSettings, settle, openBadge, ROOT, FIXTURES } from '../tests/e2e/harness.mjs';
import { SITE_PAGES, serveSitePages } from '../tests/fixtures/pages.mjs';

const out = path.join(ROOT, 'docs/screenshots');
fs.mkdirSync(out, { recursive: true });
const headed = !!process.env.DISPLAY && process.env.NOTWORK_HEADLESS !== '1';
const h = await launch({ headed, viewport: { width: 1000, height: 820 } });
await serveSitePages(h, FIXTURES);  // the pages built from each site's real markup (Reddit, LinkedIn, ...)
await setSettings(h.sw, { blogs: ['blog.example.org'] });
await h.sw.evaluate(() => Notwork.registration.sync());

const shots = [
  { site: 'x', open: 'x-autofeed-2' },
  { site: 'x-dark', page: 'x', dark: true, open: 'x-promo-1' },
  { site: 'mastodon' },
  { site: 'bluesky', open: 'b-share-1' },
  { site: 'youtube', open: 'y-promo-1' },
  { site: 'wordpress', open: 'w-promo-1', scrollTo: '#comments' },
  { site: 'csp', open: 'x-autofeed-1' },
  // The two newer sites: a Reddit thread (new Reddit's custom elements) and a LinkedIn feed.
  { site: 'reddit', page: 'redditThread' },
  { site: 'linkedin', page: 'linkedinFeed' },
  // An action per label (extension/content/actions.js): feeds collapsed to one line, promo dimmed.
  { site: 'actions', page: 'x', settings: { actions: { autofeed: 'collapse', pure_promo: 'dim' } } },
];
const saved = [];
for (const s of shots) {
  if (s.settings) await setSettings(h.sw, s.settings);
  const page = await h.open(SITE_PAGES[s.page] ? SITE_PAGES[s.page].url : s.page || s.site);
  if (s.dark) await page.evaluate(() => { document.body.classList.add('dark'); document.body.style.backgroundColor = '#000000'; });
  await settle(page);
  if (s.settings) await page.waitForSelector('[data-notwork-action]');
  if (s.scrollTo) await page.evaluate((sel) => document.querySelector(sel).scrollIntoView(), s.scrollTo);
  if (s.dark) await page.evaluate(() => { document.querySelector('[data-fixture="x-autofeed-1"]').scrollIntoView(); }); // theme is re-read on the next batch
  if (s.open) {
    await page.locator(`[data-fixture="${s.open}"]`).scrollIntoViewIfNeeded();
    await page.evaluate((id) => { const el = document.querySelector(`[data-fixture="${id}"]`); window.scrollBy(0, el.getBoundingClientRect().top - 140); }, s.open);
    await openBadge(page, s.open);
    await page.waitForTimeout(150);
  }
  const file = path.join(out, `${s.site}.png`);
  await page.screenshot({ path: file });
  const engine = await page.evaluate(() => document.documentElement.dataset.notworkEngine || 'none');
  saved.push(`${path.relative(ROOT, file)}  (engine: ${engine === 'local' ? 'wasm in the content script' : engine === 'background' ? 'wasm in the service worker' : engine})`);
  if (!headed) await page.close();
  if (s.settings) await h.sw.evaluate(async () => { const cur = await NotworkSettings.load(); delete cur.actions; await NotworkSettings.save(cur); });
}
console.log('Notwork demo screenshots:');
for (const f of saved) console.log('  ' + f);
console.log(`network requests beyond the fixtures: ${h.blocked.length === 0 ? 'none' : h.blocked.join(', ')}`);
if (headed) {
  console.log('The browser stays open with the fixtures; close its window to finish.');
  await new Promise((resolve) => h.context.on('close', resolve));
} else {
  await h.close();
}
