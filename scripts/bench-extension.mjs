#!/usr/bin/env node
// Extension benchmark (headless Chromium, offline): badge latency per 100-post batch on a
// generated X-like timeline, main-thread cost vs the same page without the extension, long
// tasks, engine start-up, and JS heap after 20,000 posts have scrolled past (virtualized).
// Three runs: the extension on a normal page (its engine moves into the page: "local"), the
// extension on the same page served with a strict CSP (`script-src 'self'`: the engine stays in
// the service worker, "background"), and the page without the extension (baseline).
// Usage: node scripts/bench-extension.mjs [--batches 10] [--scroll 20000] [--trace] [--runs local,background,none]
// --trace records a CDP trace of the batches (page load included) and attributes every task
// over 50 ms on the page's main thread: extension script, page script, parsing, rendering.
import { launch } from '../tests/e2e/harness.mjs';

const arg = (name, def) => { const i = process.argv.indexOf(name); return i > 0 ? Number(process.argv[i + 1]) : def; };
const BATCHES = arg('--batches', 10);
const SCROLL = arg('--scroll', 20000);
const URL_ = 'https://x.com/notwork/bench';
const TRACE = process.argv.includes('--trace'); // attribute long tasks (CDP trace)
const RUNS = (process.argv.includes('--runs') ? process.argv[process.argv.indexOf('--runs') + 1] : 'local,background,none').split(',');
const CSP_STRICT = { 'content-security-policy': "script-src 'self'; object-src 'none'" };

// The page: an X timeline shell plus helpers (main world, a same-origin module so a strict CSP
// allows it) that insert generated posts. Long tasks are recorded from the start of the page.
const PAGE = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>bench</title></head>
<body><main><div data-testid="primaryColumn"><div id="timeline"></div></div></main>
<script type="module" src="/notwork/bench-page.mjs"></script></body></html>`;
const PAGE_SCRIPT = `
window.benchLongTasks = [];
new PerformanceObserver((l) => { for (const e of l.getEntries()) window.benchLongTasks.push(e.duration); }).observe({ type: 'longtask', buffered: true });
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
document.documentElement.dataset.benchReady = '1';
`;

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

/** Evaluates `expression` in the extension's content-script world (isolated) of the page. */
async function inContentScript(cdp, expression) {
  const contexts = [];
  const listener = (e) => contexts.push(e.context);
  cdp.on('Runtime.executionContextCreated', listener);
  await cdp.send('Runtime.enable'); // replays the existing contexts
  cdp.off('Runtime.executionContextCreated', listener);
  for (const c of contexts.filter((x) => x.auxData && x.auxData.type === 'isolated')) {
    const r = await cdp.send('Runtime.evaluate', { contextId: c.id, expression, returnByValue: true }).catch(() => null);
    if (r && r.result && r.result.value !== undefined) { await cdp.send('Runtime.disable'); return r.result.value; }
  }
  await cdp.send('Runtime.disable');
  return null;
}

async function metrics(cdp) {
  const { metrics: m } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(m.map((x) => [x.name, x.value]));
}

/** Tasks over 50 ms on the page's main thread in a CDP trace, each with what ran inside. */
function attribute(events) {
  const main = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const byThread = new Map();
  for (const e of events) {
    if (e.ph !== 'X' || !main.has(`${e.pid}:${e.tid}`)) continue;
    const k = `${e.pid}:${e.tid}`;
    if (!byThread.has(k)) byThread.set(k, []);
    byThread.get(k).push(e);
  }
  const out = [];
  for (const list of byThread.values()) {
    for (const task of list.filter((e) => e.name === 'RunTask' && e.dur > 50000)) {
      const inside = list.filter((e) => e !== task && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur);
      const ms = (pred) => inside.filter(pred).reduce((a, e) => a + e.dur / 1000, 0);
      const named = (...names) => (e) => names.includes(e.name);
      const fromExtension = (e) => e.name === 'FunctionCall' && String((e.args.data || {}).url || '').startsWith('chrome-extension://');
      const parts = {
        'extension script': ms(fromExtension),
        'page script': ms(named('EvaluateScript', 'v8.evaluateModule')) + ms((e) => e.name === 'FunctionCall' && !fromExtension(e)),
        'HTML parsing': ms(named('ParseHTML')),
        rendering: ms(named('UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint')),
      };
      const [top, topMs] = Object.entries(parts).sort((x, y) => y[1] - x[1])[0];
      const kind = topMs > 0 ? top : 'other (GC, messages, idle work)';
      out.push({ ms: task.dur / 1000, kind, ext: parts['extension script'], style: ms(named('UpdateLayoutTree')), layout: ms(named('Layout')) });
    }
  }
  return out;
}

/** variant: 'local' (extension, normal page), 'background' (extension, strict-CSP page), 'none'. */
async function run(variant) {
  const withExtension = variant !== 'none';
  const h = await launch({ extension: withExtension });
  h.serve(URL_, { body: PAGE, headers: variant === 'background' ? CSP_STRICT : {} });
  h.serve(new URL('/notwork/bench-page.mjs', URL_).href, { body: PAGE_SCRIPT, contentType: 'text/javascript; charset=utf-8' });
  const page = await h.context.newPage();
  const cdp = await h.context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const events = [];
  if (TRACE) {
    cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
    await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline'] }, transferMode: 'ReportEvents' });
  }
  await page.goto(URL_);
  await page.waitForFunction(() => document.documentElement.dataset.benchReady, null, { polling: 100 });
  const out = { variant };
  if (withExtension) {
    // (polling, not rAF polling: animation frames requested by the bench would keep the page from idling)
    await page.waitForFunction(() => document.documentElement.dataset.notworkEngineMs, null, { timeout: 30000, polling: 100 });
    out.startMs = Number(await page.evaluate(() => document.documentElement.dataset.notworkEngineMs));
    // The normal page switches to its in-page engine in the first idle periods after load; the
    // batches below are measured on the path the page ends up on.
    const want = variant === 'local' ? 'local' : 'background';
    await page.waitForFunction((w) => { const d = document.documentElement.dataset; return w === 'local' ? d.notworkEngine === 'local' : !!d.notworkEngineFallback; }, want, { timeout: 30000, polling: 100 })
      .catch(() => {});
    await page.waitForTimeout(300);
    const d = await page.evaluate(() => ({ ...document.documentElement.dataset }));
    out.engine = d.notworkEngine;
    out.fallback = d.notworkEngineFallback || null;
    out.createMs = d.notworkEngineCreateMs ? Number(d.notworkEngineCreateMs) : null;
    out.stepsMs = d.notworkEngineStepsMs || null;
    out.localMs = d.notworkEngineLocalMs ? Number(d.notworkEngineLocalMs) : null;
  }
  out.startupLongTasks = await page.evaluate(() => window.benchLongTasks.filter((d) => d > 50));
  await page.evaluate(() => { window.benchLongTasks.length = 0; });
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
  if (withExtension) {
    out.longestMs = await inContentScript(cdp, 'Notwork.badges.stats.longestMs');
    out.longestCallMs = await inContentScript(cdp, 'Notwork.engine.stats.longestCallMs');
    out.wasmMB = (await inContentScript(cdp, 'Notwork.engine.stats.wasmBytes')) / 1048576;
    out.endEngine = await page.evaluate(() => document.documentElement.dataset.notworkEngine);
  }
  if (TRACE) {
    const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    await done;
    out.traced = attribute(events);
  }
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
const results = {};
for (const v of RUNS) results[v] = await run(v);
const f = (x) => (x == null ? '—' : x.toFixed(1));
const without = results.none;
console.log(`Notwork extension benchmark — ${BATCHES}×100 posts, then ${SCROLL} posts scrolled past (headless Chromium)`);
for (const [v, r] of Object.entries(results)) {
  if (v === 'none') continue;
  console.log(`\n== ${v === 'local' ? 'normal page' : 'strict-CSP page'}: engine path ${r.engine}${r.fallback ? ` (fallback: ${r.fallback})` : ''}, still ${r.endEngine} at the end`);
  console.log(`first answer (background round trip: worker wake-up, wasm start-up, session): ${r.startMs} ms`);
  if (r.createMs != null) console.log(`in-page engine: longest start-up call (a step, or the session) ${r.createMs} ms (each: ${r.stepsMs}); switch to the in-page engine ${r.localMs} ms after its preparation began`);
  console.log(`long tasks > 50 ms from page load to the first batch: ${r.startupLongTasks.length} [${r.startupLongTasks.map(f).join(', ')}]${without ? ` (without the extension: ${without.startupLongTasks.length} [${without.startupLongTasks.map(f).join(', ')}])` : ''}`);
  console.log(`batch of 100 inserted → all scored and badged: median ${f(pct(r.latency, 50))} ms, p95 ${f(pct(r.latency, 95))} ms (n=${r.latency.length}); badges shown: ${r.badges}`);
  if (without) console.log(`main-thread task time for ${BATCHES * 100} posts: ${f(r.taskMs)} ms with the extension vs ${f(without.taskMs)} ms without → extension ≈ ${f(r.taskMs - without.taskMs)} ms (${f((r.taskMs - without.taskMs) / (BATCHES * 100))} ms/post)`);
  console.log(`longest stretch of the extension's own work in one task: badges ${f(r.longestMs)} ms; in-page wasm call (a batch) ${f(r.longestCallMs)} ms`);
  console.log(`long tasks > 50 ms during the batches: ${r.longTasks.length} [${r.longTasks.map(f).join(', ')}]${without ? ` vs ${without.longTasks.length} without [${without.longTasks.map(f).join(', ')}]` : ''}`);
  if (r.wasmMB) console.log(`in-page wasm memory (not in the JS heap) after the ${BATCHES} batches: ${f(r.wasmMB)} MB`);
  console.log(`JS heap after GC: ${Object.entries(r.heapMB).map(([k, x]) => `${k} posts ${f(x)} MB`).join(', ')}${without ? `; without ${Object.entries(without.heapMB).map(([k, x]) => `${k} posts ${f(x)} MB`).join(', ')}` : ''}`);
  if (TRACE) {
    const show = (list) => list.length ? list.map((t) => `${f(t.ms)} ms ${t.kind} (extension script ${f(t.ext)}, style ${f(t.style)}, layout ${f(t.layout)})`).join('; ') : 'none';
    console.log(`traced tasks > 50 ms on the page's main thread (page load included, trace overhead included):`);
    console.log(`  with the extension: ${show(r.traced)}`);
    if (without) console.log(`  without:            ${show(without.traced)}`);
    const ext = r.traced.filter((t) => t.kind === 'extension script');
    console.log(`  mostly extension script: ${ext.length}; extension script inside any long task: at most ${f(Math.max(0, ...r.traced.map((t) => t.ext)))} ms`);
  }
}
