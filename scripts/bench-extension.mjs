#!/usr/bin/env node
// Extension benchmark (headless Chromium, offline) on a generated X-like timeline (X's markup
// and stylesheet from tests/fixtures/lib/x-markup.mjs):
//  - insertion → badge, per post: a page script appends posts (20 at a time, like a page of an
//    infinite scroll, and 100 at a time, the worst case) until the page holds 1,000; for every
//    post, the time from its insertion until it is scored and badged, and the share already
//    badged when the next animation frame runs (the frame that first paints it);
//  - main-thread time of the page's renderer (CDP Performance.getMetrics TaskDuration) with the
//    extension vs the same page without it, on that 1,000-post page;
//  - long tasks (PerformanceObserver 'longtask') and layout shifts (PerformanceObserver
//    'layout-shift', summed like CLS) with and without the extension;
//  - engine start-up, and JS heap after 20,000 posts have scrolled past (virtualized).
// Three variants: the extension on a normal page (its engine moves into the page: "local"), the
// extension on the same page served with a strict CSP (`script-src 'self'`: the engine stays in
// the service worker, "background"), and the page without the extension ("none"). The machine
// is shared: every variant runs --repeat times (fresh browser each), interleaved, and the
// figures are medians over the repeats; the load average is printed.
// Usage: node scripts/bench-extension.mjs [--repeat 3] [--sizes 20,100] [--total 1000]
//          [--scroll 20000] [--trace] [--runs local,background,none] [--json FILE]
// --trace records a CDP trace (page load included) and attributes every task over 50 ms on the
// page's main thread: extension script, page script, parsing, rendering.
import os from 'node:os';
import fs from 'node:fs';
import { launch } from '../tests/e2e/harness.mjs';
import { STYLE } from '../tests/fixtures/lib/x-markup.mjs';

const argOf = (name) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : undefined; };
const arg = (name, def) => (argOf(name) === undefined ? def : Number(argOf(name)));
const REPEAT = arg('--repeat', 3);
const SIZES = (argOf('--sizes') || '20,100').split(',').map(Number);
const TOTAL = arg('--total', 1000);
const SCROLL = arg('--scroll', 20000);
const URL_ = 'https://x.com/notwork/bench';
const TRACE = process.argv.includes('--trace'); // attribute long tasks (CDP trace)
const RUNS = (argOf('--runs') || 'local,background,none').split(',');
const JSON_OUT = argOf('--json');
const PROFILE = process.argv.includes('--profile'); // CPU profile of the insertions: where the script time goes
const CSP_STRICT = { 'content-security-policy': "script-src 'self'; object-src 'none'" };

// The page: an X timeline shell with X's stylesheet, plus helpers (main world, a same-origin
// module so a strict CSP allows it) that insert generated posts. Long tasks and layout shifts
// are recorded from the start of the page.
const PAGE = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>bench</title><style>${STYLE}</style></head>
<body><main><div data-testid="primaryColumn"><div id="timeline"></div></div></main>
<script type="module" src="/notwork/bench-page.mjs"></script></body></html>`;
const PAGE_SCRIPT = `
window.benchLongTasks = [];
window.benchShifts = [];
new PerformanceObserver((l) => { for (const e of l.getEntries()) window.benchLongTasks.push(e.duration); }).observe({ type: 'longtask', buffered: true });
new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.benchShifts.push(e.value); }).observe({ type: 'layout-shift', buffered: true });
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
// Inserts n posts and resolves with, for each post (in the order they were scored), the ms
// from the insertion until it was scored and badged, and how many were done when the next
// animation frame ran. The extension's observer was created before this one, so within one
// microtask checkpoint it runs first: a post badged inside it is timed at the end of it.
window.benchMeasure = (n) => new Promise((resolve) => {
  const html = document.documentElement;
  const start = Number(html.dataset.notworkScored || 0);
  const times = [];
  let prev = start, frame = null, complete = false;
  const finish = () => { if (complete && frame !== null) resolve({ times, frame }); };
  const mo = new MutationObserver(() => {
    const now = Number(html.dataset.notworkScored || 0), t = performance.now() - t0;
    for (; prev < Math.min(now, start + n); prev++) times.push(t);
    if (now >= start + n) { mo.disconnect(); complete = true; finish(); }
  });
  mo.observe(html, { attributes: true, attributeFilter: ['data-notwork-scored'] });
  const t0 = performance.now();
  window.benchInsert(n);
  // Registered a microtask later, i.e. after the extension's observer callback ran (its
  // microtask was queued by the insertion itself): this callback then runs after any the
  // extension registered for the same frame, right before that frame's style, layout and paint.
  queueMicrotask(() => requestAnimationFrame(() => { frame = Number(html.dataset.notworkScored || 0) - start; finish(); }));
});
document.documentElement.dataset.benchReady = '1';
`;

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
async function run(variant, { scroll }) {
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
  const out = { variant, phases: {} };
  if (withExtension) {
    // (polling, not rAF polling: animation frames requested by the bench would keep the page from idling)
    await page.waitForFunction(() => document.documentElement.dataset.notworkEngineMs, null, { timeout: 30000, polling: 100 });
    out.startMs = Number(await page.evaluate(() => document.documentElement.dataset.notworkEngineMs));
    // The normal page switches to its in-page engine in the first idle periods after load; the
    // batches below are measured on the path the page ends up on.
    const want = variant === 'local' ? 'local' : 'background';
    await page.waitForFunction((w) => { const d = document.documentElement.dataset; return w === 'local' ? d.notworkEngine === 'local' : !!d.notworkEngineFallback; }, want, { timeout: 60000, polling: 100 })
      .catch(() => {});
    await page.waitForTimeout(300);
    const d = await page.evaluate(() => ({ ...document.documentElement.dataset }));
    out.engine = d.notworkEngine;
    out.fallback = d.notworkEngineFallback || null;
    out.createMs = d.notworkEngineCreateMs ? Number(d.notworkEngineCreateMs) : null;
    out.stepsMs = d.notworkEngineStepsMs || null;
    out.localMs = d.notworkEngineLocalMs ? Number(d.notworkEngineLocalMs) : null;
  }
  out.startupLongTasks = await page.evaluate(() => window.benchLongTasks.filter((x) => x > 50));
  if (PROFILE) { await cdp.send('Profiler.enable'); await cdp.send('Profiler.setSamplingInterval', { interval: 200 }); await cdp.send('Profiler.start'); }
  for (const size of SIZES) {
    // A fresh timeline that grows to TOTAL posts, `size` at a time.
    await page.evaluate(() => { document.getElementById('timeline').replaceChildren(); });
    await page.waitForTimeout(500);
    await page.evaluate(() => { window.benchLongTasks.length = 0; window.benchShifts.length = 0; });
    const before = await metrics(cdp);
    const times = [];
    let firstFrame = 0;
    for (let n = 0; n < TOTAL; n += size) {
      if (withExtension) {
        const r = await page.evaluate((k) => window.benchMeasure(k), size);
        times.push(...r.times);
        firstFrame += r.frame;
      } else {
        await page.evaluate((k) => window.benchInsert(k), size);
        await page.waitForTimeout(30);
      }
      await page.waitForTimeout(120); // a user scrolls; idle time between insertions
    }
    const after = await metrics(cdp);
    out.phases[size] = {
      taskMs: (after.TaskDuration - before.TaskDuration) * 1000,
      scriptMs: (after.ScriptDuration - before.ScriptDuration) * 1000,
      layoutMs: (after.LayoutDuration - before.LayoutDuration) * 1000,
      styleMs: (after.RecalcStyleDuration - before.RecalcStyleDuration) * 1000,
      longTasks: await page.evaluate(() => window.benchLongTasks.filter((x) => x > 50)),
      cls: await page.evaluate(() => window.benchShifts.reduce((a, b) => a + b, 0)),
      shifts: await page.evaluate(() => window.benchShifts.length),
      times,
      firstFrameShare: times.length ? firstFrame / times.length : null,
      badges: await page.evaluate(() => document.querySelectorAll('notwork-badge').length),
    };
  }
  // The layout-shift measure can see a shift: a 40 px bar pushed in above the visible posts.
  out.clsProbe = await page.evaluate(() => new Promise((resolve) => {
    const n = window.benchShifts.length;
    const bar = document.createElement('div');
    bar.style.height = '40px';
    document.getElementById('timeline').prepend(bar);
    setTimeout(() => resolve(window.benchShifts.slice(n).reduce((a, b) => a + b, 0)), 300);
  }));
  if (PROFILE) out.profile = topFunctions((await cdp.send('Profiler.stop')).profile);
  if (withExtension) {
    out.badgeStats = await inContentScript(cdp, 'JSON.stringify(Notwork.badges.stats)').then((x) => x && JSON.parse(x));
    out.engineStats = await inContentScript(cdp, 'JSON.stringify(Notwork.engine.stats)').then((x) => x && JSON.parse(x));
    out.endEngine = await page.evaluate(() => document.documentElement.dataset.notworkEngine);
  }
  if (TRACE) {
    const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    await done;
    out.traced = attribute(events);
  }
  // Scroll `scroll` posts past a virtualized window of ~200 (insert 100, drop the 100 oldest).
  await page.evaluate(() => { document.getElementById('timeline').replaceChildren(); });
  const heapAt = {};
  for (let seen = 0; seen < scroll; seen += 100) {
    if (withExtension) await page.evaluate((n) => new Promise((resolve) => {
      const html = document.documentElement; const start = Number(html.dataset.notworkScored || 0);
      window.benchInsert(n, document.querySelectorAll('article').length >= 200 ? n : 0);
      if (Number(html.dataset.notworkScored) >= start + n) { resolve(); return; }
      const mo = new MutationObserver(() => { if (Number(html.dataset.notworkScored) >= start + n) { mo.disconnect(); resolve(); } });
      mo.observe(html, { attributes: true, attributeFilter: ['data-notwork-scored'] });
    }), 100);
    else await page.evaluate((n) => window.benchInsert(n, document.querySelectorAll('article').length >= 200 ? n : 0), 100);
    if (seen + 100 === 2000 || seen + 100 === scroll) {
      await cdp.send('HeapProfiler.collectGarbage');
      heapAt[seen + 100] = (await metrics(cdp)).JSHeapUsedSize / 1048576;
    }
  }
  out.heapMB = heapAt;
  await h.close();
  return out;
}

/** Self time per function (and per script) in a CDP CPU profile, the 25 largest. */
function topFunctions(profile) {
  const dt = new Map();
  profile.samples.forEach((id, i) => dt.set(id, (dt.get(id) || 0) + (profile.timeDeltas[i] || 0) / 1000));
  const byFn = new Map();
  const byUrl = new Map();
  for (const n of profile.nodes) {
    const ms = dt.get(n.id) || 0;
    if (!ms) continue;
    const cf = n.callFrame;
    const file = (cf.url || '').replace(/^chrome-extension:\/\/[a-z]+\//, 'ext:/').replace(/^https:\/\/x\.com/, '');
    const k = `${cf.functionName || '(anonymous)'} ${file}:${cf.lineNumber + 1}`;
    byFn.set(k, (byFn.get(k) || 0) + ms);
    byUrl.set(file || cf.functionName, (byUrl.get(file || cf.functionName) || 0) + ms);
  }
  // Native DOM calls (querySelectorAll…) by the function that called them.
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n);
  const byCaller = new Map();
  for (const n of profile.nodes) {
    const ms = dt.get(n.id) || 0;
    if (!ms || n.callFrame.url) continue;
    const up = parent.get(n.id);
    if (!up || !up.callFrame.url) continue;
    const cf = up.callFrame;
    const k = `${n.callFrame.functionName} ← ${cf.functionName || '(anonymous)'} ${cf.url.replace(/^chrome-extension:\/\/[a-z]+\//, 'ext:/').replace(/^https:\/\/x\.com/, '')}:${cf.lineNumber + 1}`;
    byCaller.set(k, (byCaller.get(k) || 0) + ms);
  }
  const top = (m, n) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, ms]) => `${ms.toFixed(0)} ms ${k}`);
  return { functions: top(byFn, 25), scripts: top(byUrl, 12), callers: top(byCaller, 10) };
}

const pct = (xs, p) => { if (!xs.length) return null; const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil(p / 100 * s.length) - 1)]; };
const med = (xs) => pct(xs.filter((x) => x != null), 50);
const f = (x, d = 1) => (x == null || Number.isNaN(x) ? '—' : x.toFixed(d));
const range = (xs, d = 1) => { const v = xs.filter((x) => x != null); return v.length ? `${f(med(v), d)} (${f(Math.min(...v), d)}–${f(Math.max(...v), d)})` : '—'; };

const load0 = os.loadavg();
const results = Object.fromEntries(RUNS.map((v) => [v, []]));
for (let r = 0; r < REPEAT; r++) {
  for (const v of RUNS) {
    results[v].push(await run(v, { scroll: r === 0 ? SCROLL : 0 }));
    process.stderr.write(`run ${r + 1}/${REPEAT} ${v} done (load ${os.loadavg().map((x) => x.toFixed(2)).join(' ')})\n`);
  }
}
const load1 = os.loadavg();
if (JSON_OUT) fs.writeFileSync(JSON_OUT, JSON.stringify({ load0, load1, results }, null, 1));

const without = results.none || [];
console.log(`Notwork extension benchmark — posts inserted ${SIZES.join(' or ')} at a time up to ${TOTAL} on the page, ${REPEAT} runs per variant (medians over runs, range in brackets), then ${SCROLL} posts scrolled past (first run) — headless Chromium`);
console.log(`machine: ${os.cpus().length} CPUs, load average ${load0.map((x) => x.toFixed(2)).join(' ')} at the start, ${load1.map((x) => x.toFixed(2)).join(' ')} at the end`);
for (const [v, rs] of Object.entries(results)) {
  if (v === 'none') continue;
  const r0 = rs[0];
  console.log(`\n== ${v === 'local' ? 'normal page' : 'strict-CSP page'}: engine path ${rs.map((r) => r.engine).join('/')}${r0.fallback ? ` (fallback: ${r0.fallback})` : ''}, at the end ${rs.map((r) => r.endEngine).join('/')}`);
  console.log(`first answer (background round trip: worker wake-up, wasm start-up, session): ${range(rs.map((r) => r.startMs), 0)} ms`);
  if (r0.createMs != null) console.log(`in-page engine: longest start-up call ${range(rs.map((r) => r.createMs), 0)} ms (each, run 1: ${r0.stepsMs}); switch ${range(rs.map((r) => r.localMs), 0)} ms after its preparation began`);
  console.log(`long tasks > 50 ms from page load to the first insertion: ${rs.map((r) => `[${r.startupLongTasks.map((x) => f(x, 0)).join(', ')}]`).join(' ')}${without.length ? ` (without the extension: ${without.map((r) => `[${r.startupLongTasks.map((x) => f(x, 0)).join(', ')}]`).join(' ')})` : ''}`);
  for (const size of SIZES) {
    const ph = rs.map((r) => r.phases[size]);
    const base = without.map((r) => r.phases[size]);
    console.log(`-- ${size} posts per insertion, page grows to ${TOTAL}:`);
    console.log(`   insertion → badge per post: median ${range(ph.map((p) => pct(p.times, 50)))} ms, p95 ${range(ph.map((p) => pct(p.times, 95)))} ms; badged before the next frame: ${range(ph.map((p) => p.firstFrameShare * 100), 0)} % of posts; badges shown ${ph.map((p) => p.badges).join('/')}`);
    if (base.length) {
      const ratios = ph.map((p, i) => p.taskMs / base[Math.min(i, base.length - 1)].taskMs);
      console.log(`   main-thread task time: ${range(ph.map((p) => p.taskMs), 0)} ms with the extension vs ${range(base.map((p) => p.taskMs), 0)} ms without → ${range(ratios, 2)}× the page's own (run by run); style ${f(med(ph.map((p) => p.styleMs)), 0)} vs ${f(med(base.map((p) => p.styleMs)), 0)} ms, layout ${f(med(ph.map((p) => p.layoutMs)), 0)} vs ${f(med(base.map((p) => p.layoutMs)), 0)} ms, script ${f(med(ph.map((p) => p.scriptMs)), 0)} vs ${f(med(base.map((p) => p.scriptMs)), 0)} ms`);
      console.log(`   layout shift (CLS sum, no input; shifts in brackets): ${ph.map((p) => `${f(p.cls, 4)} (${p.shifts})`).join(', ')} with vs ${base.map((p) => `${f(p.cls, 4)} (${p.shifts})`).join(', ')} without (the measure works: a 40 px bar pushed in above the posts scores ${rs.map((r) => f(r.clsProbe, 3)).join(', ')})`);
      console.log(`   long tasks > 50 ms: ${ph.map((p) => `[${p.longTasks.map((x) => f(x, 0)).join(', ')}]`).join(' ')} with vs ${base.map((p) => `[${p.longTasks.map((x) => f(x, 0)).join(', ')}]`).join(' ')} without`);
    } else {
      console.log(`   layout shift (CLS sum): ${ph.map((p) => f(p.cls, 4)).join(', ')}; long tasks > 50 ms: ${ph.map((p) => `[${p.longTasks.map((x) => f(x, 0)).join(', ')}]`).join(' ')}`);
    }
  }
  const bs = rs.map((r) => r.badgeStats || {}), es = rs.map((r) => r.engineStats || {});
  console.log(`badges: posts badged inside the observer callback ${bs.map((b) => `${b.firstFrame}/${b.scored}`).join(', ')}; longest such pass ${range(bs.map((b) => b.longestFirstFrameMs))} ms; longest stretch of the extension's own work in one task ${range(bs.map((b) => b.longestMs))} ms; per post: extraction ${range(bs.map((b) => b.extractMs), 2)} ms, badge ${range(bs.map((b) => b.badgeMs), 2)} ms`);
  if (v === 'local') console.log(`in-page engine: per post ${range(es.map((e) => e.perPostMs), 2)} ms; longest wasm call ${range(es.map((e) => e.longestCallMs))} ms (synchronous ones ${range(es.map((e) => e.longestSyncMs))} ms); memory ${f((es[0].wasmBytes || 0) / 1048576)} MB (outside the JS heap)`);
  if (PROFILE) console.log(`CPU profile of the insertions, run 1 (self time):\n  by script: ${r0.profile.scripts.join('\n             ')}\n  by function: ${r0.profile.functions.join('\n               ')}\n  native calls by caller: ${r0.profile.callers.join('\n                         ')}`);
  if (SCROLL) console.log(`JS heap after GC: ${Object.entries(r0.heapMB).map(([k, x]) => `${k} posts ${f(x)} MB`).join(', ')}${without.length ? `; without ${Object.entries(without[0].heapMB).map(([k, x]) => `${k} posts ${f(x)} MB`).join(', ')}` : ''}`);
  if (TRACE) {
    const show = (list) => list.length ? list.map((t) => `${f(t.ms)} ms ${t.kind} (extension script ${f(t.ext)}, style ${f(t.style)}, layout ${f(t.layout)})`).join('; ') : 'none';
    console.log(`traced tasks > 50 ms on the page's main thread, run 1 (page load included, trace overhead included):`);
    console.log(`  with the extension: ${show(r0.traced)}`);
    if (without.length) console.log(`  without:            ${show(without[0].traced)}`);
    const ext = r0.traced.filter((t) => t.kind === 'extension script');
    console.log(`  mostly extension script: ${ext.length}; extension script inside any long task: at most ${f(Math.max(0, ...r0.traced.map((t) => t.ext)))} ms`);
  }
}
