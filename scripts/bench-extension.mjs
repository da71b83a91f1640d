#!/usr/bin/env node
// Extension benchmark (headless Chromium, offline): badge latency per 100-post batch on a
// generated X-like timeline, main-thread cost vs the same page without the extension, long
// tasks, wasm start-up, and JS heap after 20,000 posts have scrolled past (virtualized).
// Usage: node scripts/bench-extension.mjs [--batches 10] [--scroll 20000]
import { launch } from '../tests/e2e/harness.mjs';

const arg = (name, def) => { const i = process.argv.indexOf(name); return i > 0 ? Number(process.argv[i + 1]) : def; };
const BATCHES = arg('--batches', 10);
const SCROLL = arg('--scroll', 20000);
const URL_ = 'https://x.com/notwork/bench';
const TRACE = process.argv.includes('--trace'); // attribute long tasks (CDP trace)

// The page: an X timeline shell plus helpers (main world) that insert generated posts.
const PAGE = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>bench</title></head>
<body><main><div data-testid="primaryColumn"><div id="timeline"></div></div></main>
<script type="module">
import { cell } from '/__fixtures/lib/x-markup.mjs';
let seq = 0, rnd = 42;
const rand = (n) => { rnd = (rnd * 1103515245 + 12345) % 2147483648; return rnd % n; };
const words = 'the a new city data team open small plan week story music garden rain code book train coffee friend idea'.split(' ');
const phrase = (n) => Array.from({ length: n }, () => words[rand(words.length)]).join(' ');
function post() {
  const i = seq++, a = rand(300), kind = rand(5), id = String(1800000000000000000n + BigInt(i));
  const handle = 'user' + a, base = { id, handle, name: 'User ' + a, iso: new Date(Date.UTC(2026, 2, 14, 12) - i * 60000).toISOString(), ago: '1h' };
  if (kind === 0) return { ...base, text: 'New post: ' + phrase(6) + '… https://site' + a + '.com/2026/03/' + i + ' #rss' };
  if (kind === 1) return { ...base, text: '50% OFF ' + phrase(4) + ' today only! Buy now https://shop' + a + '.com/p/' + i + '?ref=tw #ad' };
  if (kind === 2) return { ...base, text: 'Loved this piece by @writer' + rand(50) + ' about ' + phrase(5) + '. It changed how I think about ' + phrase(3) + '. https://blog' + rand(90) + '.net/' + i };
  if (kind === 3) return { ...base, replyingTo: 'user' + rand(300), text: '@user' + rand(300) + ' thanks! ' + phrase(8) + '?' };
  return { ...base, text: phrase(12) + '.' };
}
const timeline = document.getElementById('timeline');
window.benchInsert = (n, removeOld = 0) => {
  const t = document.createElement('template');
  t.innerHTML = Array.from({ length: n }, () => cell(post(), { absolute: false })).join('');
  const ids = [...t.content.querySelectorAll('article')].map((a) => a.querySelector('time').parentElement.getAttribute('href'));
  for (let k = 0; k < removeOld && timeline.firstElementChild; k++) timeline.firstElementChild.remove();
  timeline.append(t.content);
  return ids.length;
};
window.benchLongTasks = [];
new PerformanceObserver((l) => { for (const e of l.getEntries()) window.benchLongTasks.push(e.duration); }).observe({ type: 'longtask', buffered: true });
document.documentElement.dataset.benchReady = '1';
</script></body></html>`;

/** Waits in the main world until the extension has scored `target` posts; returns ms since t0. */
const insertAndWait = (page, n) => page.evaluate((count) => new Promise((resolve) => {
  const html = document.documentElement;
  const start = Number(html.dataset.notworkScored || 0);
  const t0 = performance.now();
  window.benchInsert(count);
  const done = () => Number(html.dataset.notworkScored || 0) >= start + count;
  const mo = new MutationObserver(() => { if (done()) { mo.disconnect(); resolve(performance.now() - t0); } });
  mo.observe(html, { attributes: true, attributeFilter: ['data-notwork-scored'] });
}), n);

async function metrics(cdp) {
  const { metrics: m } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(m.map((x) => [x.name, x.value]));
}

async function run(withExtension) {
  const h = await launch({ extension: withExtension });
  h.serve(URL_, { body: PAGE });
  const page = await h.context.newPage();
  const cdp = await h.context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(URL_);
  await page.waitForFunction(() => document.documentElement.dataset.benchReady);
  const out = {};
  if (withExtension) {
    await page.waitForFunction(() => document.documentElement.dataset.notworkEngine);
    out.engine = await page.evaluate(() => document.documentElement.dataset.notworkEngine);
    out.startMs = Number(await page.evaluate(() => document.documentElement.dataset.notworkEngineMs));
  }
  const before = await metrics(cdp);
  const lat = [];
  for (let b = 0; b < BATCHES; b++) {
    if (withExtension) lat.push(await insertAndWait(page, 100));
    else { await page.evaluate(() => window.benchInsert(100)); await page.waitForTimeout(30); }
    await page.waitForTimeout(120); // a user scrolls; idle time between batches
  }
  const after = await metrics(cdp);
  out.taskMs = (after.TaskDuration - before.TaskDuration) * 1000;
  out.scriptMs = (after.ScriptDuration - before.ScriptDuration) * 1000;
  out.longTasks = await page.evaluate(() => window.benchLongTasks.filter((d) => d > 50));
  out.latency = lat;
  out.badges = await page.evaluate(() => document.querySelectorAll('notwork-badge').length);
  // Scroll 20,000 posts past a virtualized window of ~200 (insert 100, drop the 100 oldest).
  await page.evaluate(() => { document.getElementById('timeline').replaceChildren(); });
  const heapAt = {};
  for (let seen = 0; seen < SCROLL; seen += 100) {
    if (withExtension) await page.evaluate((n) => new Promise((resolve) => {
      const html = document.documentElement; const start = Number(html.dataset.notworkScored || 0);
      window.benchInsert(n, document.querySelectorAll('article').length >= 200 ? n : 0);
      const mo = new MutationObserver(() => { if (Number(html.dataset.notworkScored) >= start + n) { mo.disconnect(); resolve(); } });
      mo.observe(html, { attributes: true, attributeFilter: ['data-notwork-scored'] });
    }), 100);
    else await page.evaluate((n) => window.benchInsert(n, document.querySelectorAll('article').length >= 200 ? n : 0), 100);
    if (seen + 100 === 2000 || seen + 100 === SCROLL) {
      await cdp.send('HeapProfiler.collectGarbage');
      heapAt[seen + 100] = (await metrics(cdp)).JSHeapUsedSize / 1048576;
    }
  }
  out.heapMB = heapAt;
  await h.close();
  return out;
}

const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil(p / 100 * s.length) - 1)]; };
const withExt = await run(true);
const without = await run(false);
const f = (x) => x.toFixed(1);
console.log(`Notwork extension benchmark — ${BATCHES}×100 posts, then ${SCROLL} posts scrolled past (headless Chromium)`);
console.log(`engine path: ${withExt.engine}; wasm start-up (fetch + compile + instantiate): ${withExt.startMs} ms`);
console.log(`batch of 100 inserted → all scored and badged: median ${f(pct(withExt.latency, 50))} ms, p95 ${f(pct(withExt.latency, 95))} ms (n=${withExt.latency.length}); badges shown: ${withExt.badges}`);
console.log(`main-thread task time for ${BATCHES * 100} posts: ${f(withExt.taskMs)} ms with the extension vs ${f(without.taskMs)} ms without → extension ≈ ${f(withExt.taskMs - without.taskMs)} ms (${f((withExt.taskMs - without.taskMs) / (BATCHES * 100))} ms/post)`);
console.log(`long tasks > 50 ms: ${withExt.longTasks.length} with the extension [${withExt.longTasks.map(f).join(', ')}] vs ${without.longTasks.length} without [${without.longTasks.map(f).join(', ')}]`);
console.log(`JS heap after GC: with extension ${Object.entries(withExt.heapMB).map(([k, v]) => `${k} posts ${f(v)} MB`).join(', ')}; without ${Object.entries(without.heapMB).map(([k, v]) => `${k} posts ${f(v)} MB`).join(', ')}`);
