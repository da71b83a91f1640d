// Engine client: one scoring API for every content feature (badges, nudges, audit), two paths
// to the same wasm core (docs/ARCHITECTURE.md §4):
//  - "local": the core runs here, in the content script (the page's isolated world). Batches
//    cost one wasm call, no message, and do not queue behind other tabs in the service worker.
//  - "background": batches go to the service worker (`notwork:score`), which runs the same core
//    with one session (per-author context) per tab. Used at once, while the local engine starts,
//    and for good where the page's CSP forbids WebAssembly (`script-src 'self'` without
//    'wasm-unsafe-eval', as real social sites send) or the .wasm cannot be loaded here.
//
// Start-up. The background path answers the first batches, so badges never wait for the local
// start-up. The local engine is prepared after the page's load, one step per idle period: an
// 8-byte probe module (a CSP refusal shows here, before anything is fetched; it is remembered per
// site), fetch the .wasm (a web-accessible resource), compile and instantiate it asynchronously
// (V8 compiles off the main thread); then, once the worker has answered, the core's start-up in
// steps, one wasm call per idle period of ≥ 40 ms (building the rules, compiling each shared
// pattern set; the longest call is exposed as data-notwork-engine-create-ms, docs/performance.md),
// create the session (quick once started up), configure it with the current settings,
// warm it up, replay the page's recent posts (≤ 400, in short chunks) so per-author context
// carries over, and switch. The worker's session is then released.
// The active path is <html data-notwork-engine="local|background">.
//
// Local batches run in a task of their own (a yield before and after the wasm call), so the
// caller's extraction, the scoring and the badge insertion are three short tasks, not one long.
// The one exception is scoreNow(): a synchronous call on the in-page engine for the few posts
// the badges score inside their MutationObserver callback (within a budget of a few ms, sized
// with stats.perPostMs, this client's running measure of one post's in-page cost), so that
// their badges are in the first frame that paints them.
// If the service worker restarted or evicted this tab's session, its answer says `fresh`: the
// client then rebuilds the context from the posts it sent since the page started (bounded).
'use strict';
(() => {
  if (Notwork.engine) return;
  const WASM = 'extension/generated/notwork-core.wasm';
  const MAX_HISTORY = 400;   // posts kept to rebuild a context (local switch, lost worker session)
  const REPLAY_FIRST = 10;       // posts per wasm call while replaying into the new local engine:
  const REPLAY_MAX = 100;        // from 10, growing at most 2× per call, to about
  const REPLAY_BUDGET_MS = 15;   // this long per call (measured)
  const QUIET_MS = 40;            // each start-up step waits for an idle period this long…
  const QUIET_WAIT_MS = 10000;    // …for up to 10 s (then any idle period will do)
  const IDLE_WAIT_MS = 3000;      // the other steps: the next idle period, at most 3 s away
  const REFUSED_KEY = 'wasmRefused';            // chrome.storage.local: {origin: when its CSP refused wasm}
  const RECHECK_MS = 7 * 24 * 3600 * 1000;      // ask such a site again after a week
  // Exercises the scoring paths once (links, mentions, tags, a reply) so the first real batch
  // does not pay the cold start; drafts are never recorded in the context.
  const WARM_UP = [
    { kind: 'draft', text: 'New post: warming up… https://example.org/2026/03/warm-up #rss (via Buffer)' },
    { kind: 'draft', is_reply: true, text: '@someone thanks! Did you read this by @other? Worth it: https://example.net/a?ref=x' },
  ];
  const html = document.documentElement;

  let resetPending = true;   // a new page: forget what the engine knew
  const history = [];        // recent posts scored (recorded by the core: not drafts), oldest first
  let epoch = 0;             // bumped whenever history is cleared (a new page)
  let replayed = 0;          // history entries already replayed into the engine being prepared
  let config = null;         // the last settings.core given to configure()
  let starting = null;       // Promise: the background session's start
  let preparing = null;      // Promise: the local engine's preparation (started once)
  let pending = null;        // the local engine, created but not active yet
  let local = null;          // the local engine, active
  let inFlight = 0;          // batches on their way to the service worker
  let rebuild = false;       // the background session must be rebuilt from history first

  // ---- author memory (extension/shared/memory.js; docs/ARCHITECTURE.md, "Author memory"):
  // the engine starts from what this site showed before (background: the worker loads it;
  // local: imported before the replay), a new page in the same engine carries its context
  // over, and what the engine knows is saved a little after each batch (and when the page
  // is hidden or navigates). A "forget" from the options page empties the engines.
  const memorySite = typeof NotworkMemory === 'object' && NotworkMemory ? NotworkMemory.siteOf(location) : null;
  const MEMORY_SAVE_MS = 1500;      // a save this long after the last batch…
  const MEMORY_SAVE_MAX_MS = 8000;  // …and at the latest this long after the first unsaved one
  let memoryState = null;           // the site's stored state, kept current from storage events
  let memorySince = Date.now();     // when the engines' context last started without forgotten authors
  let memoryTimer = 0;
  let memoryDue = 0;
  let localModule = null;           // the local engine's module (for the save's scratch merge)
  const memoryWriter = 'tab-' + Math.random().toString(36).slice(2);  // whose save the stored memory is
  // ---- end author memory

  // Local wasm calls after the switch: count, longest, and the in-page wasm memory (bytes).
  // perPostMs: measured in-page scoring cost of one post (null until measured); syncCalls and
  // longestSyncMs: the calls made synchronously by scoreNow().
  const stats = { localCalls: 0, longestCallMs: 0, wasmBytes: 0, perPostMs: null, syncCalls: 0, longestSyncMs: 0 };
  let heap = () => 0;        // the local module's memory size

  function setMode(mode) {
    api.mode = mode;
    if (html.dataset.notworkEngine !== mode) html.dataset.notworkEngine = mode;
  }

  function remember(posts) {
    scheduleMemorySave();
    for (const p of posts) if (p.author && p.kind !== 'draft') history.push(p);
    const over = history.length - MAX_HISTORY;
    if (over > 0) {
      history.splice(0, over);
      replayed = Math.max(0, replayed - over);
    }
  }

  // ------------------------------------------------------------ background path

  async function ask(message) {
    const answer = await chrome.runtime.sendMessage(message);
    if (!answer || answer.error) throw new Error((answer && answer.error) || 'no answer from the Notwork service worker');
    return answer;
  }

  /** Wakes the service worker and starts this tab's session with an empty batch (its start-up
   *  then happens there, before the first posts arrive). */
  function start() {
    if (local) return Promise.resolve('local');
    if (starting) return starting;
    setMode('background');
    const t0 = performance.now();
    starting = ask({ type: 'notwork:score', posts: [], reset: true, memory: memorySite }).then(() => {
      resetPending = false;
      api.startMs = Math.round(performance.now() - t0);
      html.dataset.notworkEngineMs = String(api.startMs);
      return api.mode;
    }, (e) => {
      starting = null; // try again with the next batch
      console.warn('Notwork: the scoring engine did not start:', (e && e.message) || e);
      return api.mode;
    });
    return starting;
  }

  // Bounded messages (issue 13): the worker takes at most MSG_POSTS posts per message (its
  // router refuses more); a long replay goes in several, only the first one resets.
  const MSG_POSTS = 200;
  async function sendScore(list, reset) {
    let first = null;
    let results = [];
    for (let i = 0; i === 0 || i < list.length; i += MSG_POSTS) {
      const answer = await ask({ type: 'notwork:score', posts: list.slice(i, i + MSG_POSTS), reset: reset && i === 0, memory: memorySite });
      if (!first) first = answer;
      results = results.concat(answer.results);
    }
    return { results, fresh: first.fresh };
  }
  const bound = (posts) => posts.map(NotworkSettings.bounds.boundPost);

  async function viaBackground(posts) {
    await start();
    let reset = resetPending;
    resetPending = false;
    const replay = rebuild && !reset ? history.slice() : [];
    rebuild = false;
    if (replay.length) reset = true;
    inFlight++;
    try {
      let answer = await sendScore(replay.concat(posts), reset);
      let skip = replay.length;
      if (answer.fresh && !reset && history.length) {
        const again = history.slice();
        answer = await sendScore(again.concat(posts), true);
        skip = again.length;
      }
      remember(posts);
      return answer.results.slice(skip);
    } finally {
      inFlight--;
    }
  }

  // ------------------------------------------------------------ local path

  const loaded = () => (document.readyState === 'complete' ? Promise.resolve()
    : new Promise((resolve) => addEventListener('load', resolve, { once: true })));

  /** Resolves in an idle period of at least `minMs` (no frame due, no input or task queued) —
   *  or, on a page that is never that idle (an animation, a video), after `maxMs` anyway. */
  function idle(minMs = 0, maxMs = IDLE_WAIT_MS) {
    const t0 = performance.now();
    return new Promise((resolve) => {
      const wait = () => requestIdleCallback((d) => {
        if (d.timeRemaining() >= minMs || performance.now() - t0 >= maxMs) resolve();
        else wait();
      }, { timeout: IDLE_WAIT_MS });
      wait();
    });
  }

  /** A new task, so the wasm call does not join the caller's (or the next) work. */
  const nextTask = () => (globalThis.scheduler && typeof scheduler.yield === 'function'
    ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0)));

  const cspError = (why) => Object.assign(new Error(`the page's Content-Security-Policy forbids WebAssembly (${why})`), { csp: true });

  /** A page CSP without 'wasm-unsafe-eval' refuses any module here (CompileError, empty
   *  message). Find out with the smallest valid module, before fetching the core. The refusal
   *  is a CSP violation the page sees (a `securitypolicyviolation` event, and a report to the
   *  site if its CSP asks for reports), so it is remembered per origin for RECHECK_MS and the
   *  next pages of that site go straight to the background path without asking again. */
  async function probe() {
    const origin = location.origin;
    const { [REFUSED_KEY]: refused = {} } = await chrome.storage.local.get(REFUSED_KEY);
    if (Date.now() - (refused[origin] || 0) < RECHECK_MS) throw cspError('remembered for this site');
    try {
      await WebAssembly.compile(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]));
    } catch (e) { // a valid module was refused: only a CSP does that
      const keep = Object.fromEntries(Object.entries(refused).filter(([, at]) => Date.now() - at < RECHECK_MS));
      await chrome.storage.local.set({ [REFUSED_KEY]: Object.assign(keep, { [origin]: Date.now() }) });
      throw cspError(e.name);
    }
  }

  /** Is the .wasm web-accessible on this page? (the manifest lists the built-in sites only)
   *  Firefox hands the manifest back normalised: resource paths with a leading "/". */
  const resourcePath = (r) => String(r).replace(/^\/+/, '');
  function reachable() {
    const war = chrome.runtime.getManifest().web_accessible_resources || [];
    return war.some((w) => (w.resources || []).some((r) => resourcePath(r) === WASM)
      && (w.matches || []).some((m) => (location.origin + '/').startsWith(m.replace(/\*$/, ''))));
  }

  async function compileCore() {
    if (!reachable()) throw Object.assign(new Error(`${WASM} is not web-accessible on ${location.origin}`), { unavailable: true });
    await probe();
    let r;
    try {
      r = await fetch(chrome.runtime.getURL(WASM));
    } catch (e) {
      throw Object.assign(new Error(`cannot load ${WASM} here: ${(e && e.message) || e}`), { unavailable: true });
    }
    if (!r.ok) throw Object.assign(new Error(`cannot load ${WASM} here: ${r.status}`), { unavailable: true });
    return WebAssembly.compile(await r.arrayBuffer()); // asynchronous: compiled off the main thread
  }

  function instantiate(compiled) {
    return new Promise((resolve, reject) => {
      NotworkCoreModule({
        print() {},
        printErr(text) { console.warn('notwork core: ' + text); },
        instantiateWasm(imports, done) {
          WebAssembly.instantiate(compiled, imports).then((instance) => done(instance, compiled), reject);
          return {};
        },
      }).then(resolve, reject);
    });
  }

  /** Why the local path is not used: "csp" (the page forbids WebAssembly), "unavailable" (the
   *  .wasm is not reachable from this page, e.g. a user-added host) or "error". */
  const reasonOf = (e) => (e && e.csp ? 'csp' : e && e.unavailable ? 'unavailable' : 'error');

  async function prepareLocal() {
    const t0 = performance.now();
    let engine = null;
    try {
      if (typeof WebAssembly !== 'object' || typeof NotworkCoreModule !== 'function' || typeof NotworkEngine !== 'object') {
        throw new Error('the wasm core is not loaded in this content script');
      }
      await loaded();
      await idle();
      const module = await instantiate(await compileCore());
      heap = () => module.HEAPU8.length;
      localModule = module;
      // The worker's own start-up (it answers this page's first batches) competes for the CPU:
      // let it finish first, the session creation below is then shorter.
      if (starting) await starting;
      // The core's start-up, one step per quiet idle period; the longest call is reported.
      const steps = [];  // ms of each call: the start-up steps, then the session
      const timed = (call) => {
        const t = performance.now();
        const value = call();
        steps.push(Math.round(performance.now() - t));
        return value;
      };
      for (let left = -1; left !== 0;) {
        await idle(QUIET_MS, QUIET_WAIT_MS);
        left = timed(() => NotworkEngine.prepareStep(module));
      }
      await idle(QUIET_MS, QUIET_WAIT_MS);
      engine = timed(() => new NotworkEngine.Engine(module));
      api.createMs = Math.max(...steps);
      html.dataset.notworkEngineCreateMs = String(api.createMs);
      html.dataset.notworkEngineStepsMs = steps.join(',');
      pending = engine;
      await idle();
      if (config) engine.configure(config);
      // The first calls of a fresh module are slow (its functions are compiled on first use):
      // one warm-up draft per idle period, then the replay in chunks sized to stay short.
      for (const draft of WARM_UP) {
        await idle();
        engine.scoreBatch([draft]);
      }
      // The site's author memory, then the page's recent posts; switch once nothing is on
      // its way to the worker.
      if (memorySite && memoryState) engine.importState(memoryState, NotworkMemory.importOptions());
      let seen = epoch;
      let size = REPLAY_FIRST;
      replayed = 0;
      for (;;) {
        await idle();
        if (seen !== epoch) { restartContext(engine); seen = epoch; replayed = 0; }
        if (replayed < history.length) {
          const chunk = history.slice(replayed, replayed + size);
          const c0 = performance.now();
          engine.scoreBatch(chunk);
          replayed += chunk.length;
          const perPost = Math.max(performance.now() - c0, 0.5) / chunk.length;
          size = Math.max(REPLAY_FIRST, Math.min(REPLAY_MAX, size * 2, Math.floor(REPLAY_BUDGET_MS / perPost)));
        } else if (!inFlight) {
          break;
        }
      }
      pending = null;
      local = engine;
      stats.wasmBytes = heap();
      setMode('local');
      api.localMs = Math.round(performance.now() - t0);
      html.dataset.notworkEngineLocalMs = String(api.localMs);
      if (starting) ask({ type: 'notwork:release' }).catch(() => {}); // the worker's session is no longer needed
    } catch (e) {
      pending = null;
      if (engine) engine.destroy();
      api.fallbackReason = String((e && e.message) || e);
      html.dataset.notworkEngineFallback = reasonOf(e);
      console.info('Notwork: scoring in the service worker for this page:', api.fallbackReason);
    }
  }

  function prepare() {
    if (!preparing) preparing = prepareLocal();
  }

  /** The local engine failed mid-page (a trap, out of memory): back to the worker for good. */
  function demote(e) {
    if (local) local.destroy();
    local = null;
    rebuild = true; // the worker's session was released: rebuild it from history first
    starting = null;
    api.fallbackReason = String((e && e.message) || e);
    html.dataset.notworkEngineFallback = 'error';
    console.warn('Notwork: the in-page engine failed, scoring in the service worker:', api.fallbackReason);
    start();
  }

  const broken = (e) => e instanceof WebAssembly.RuntimeError || /out of memory|destroyed/.test(String(e && e.message));

  /** One call into the in-page engine, with its statistics and cost estimate. -> results[],
   *  or null after a trap (the engine is demoted to the service worker). */
  function callLocal(posts, sync) {
    try {
      const t0 = performance.now();
      if (resetPending) { restartContext(local); resetPending = false; }
      const results = local.scoreBatch(posts);
      const ms = performance.now() - t0;
      stats.localCalls++;
      if (ms > stats.longestCallMs) stats.longestCallMs = ms;
      if (sync) {
        stats.syncCalls++;
        if (ms > stats.longestSyncMs) stats.longestSyncMs = ms;
      }
      costOf(posts.length, ms);
      stats.wasmBytes = heap();
      remember(posts);
      return results;
    } catch (e) {
      if (!broken(e)) throw e;
      demote(e);
      return null;
    }
  }

  async function viaLocal(posts) {
    await nextTask();
    if (!local) return null; // demoted meanwhile
    const results = callLocal(posts, false);
    if (results) await nextTask();
    return results;
  }

  /** Synchronous scoring on the in-page engine, for the badges' first-frame path (badges.js
   *  calls it inside its MutationObserver callback, within a budget of a few ms). -> results[]
   *  or null when there is no active in-page engine (the caller then takes the deferred path).
   *  Updates the measured cost per post the caller sizes its budget with. */
  function scoreNow(posts) {
    if (!local || !posts.length) return null;
    return callLocal(bound(posts), true);
  }

  /** Running estimate of one post's in-page scoring cost (ms), from the calls after the switch
   *  (the replay before it runs on a still cold module and would overstate it). */
  function costOf(n, ms) {
    const per = ms / n;
    stats.perPostMs = stats.perPostMs == null ? per : stats.perPostMs * 0.7 + per * 0.3;
  }

  // ------------------------------------------------------------ author memory

  /** A new page in the same in-page engine: from what it knew and the site's memory (or from
   *  nothing without memory). */
  function restartContext(engine) {
    if (memorySite) NotworkMemory.carryOver(engine, memoryState);
    else engine.resetContext();
  }

  /** Saves what the active engine knows about this site's authors (local: exported here and
   *  now; background: by the worker's session). -> Promise<answer|null> */
  function saveMemory() {
    clearTimeout(memoryTimer);
    memoryTimer = 0;
    memoryDue = 0;
    if (!memorySite) return Promise.resolve(null);
    const warn = (e) => { console.warn('Notwork: author memory not saved:', (e && e.message) || e); return null; };
    if (local && localModule) {
      let state;
      try { state = local.exportState(NotworkMemory.exportOptions()); } catch (e) { return Promise.resolve(warn(e)); }
      const m = localModule;
      return NotworkMemory.save(memorySite, state, memorySince, () => new NotworkEngine.Engine(m), Date.now(), memoryWriter).catch(warn);
    }
    if (!starting) return Promise.resolve(null);  // no session yet
    return ask({ type: 'notwork:memory-save' }).catch(warn);
  }

  function scheduleMemorySave() {
    if (!memorySite) return;
    const now = Date.now();
    if (!memoryDue) memoryDue = now + MEMORY_SAVE_MAX_MS;
    clearTimeout(memoryTimer);
    memoryTimer = setTimeout(saveMemory, Math.max(0, Math.min(MEMORY_SAVE_MS, memoryDue - now)));
  }

  if (memorySite) {
    const key = NotworkMemory.PREFIX + memorySite;
    NotworkMemory.load(memorySite).then((r) => { memoryState = r ? r.state : null; }, () => {});
    chrome.storage.onChanged.addListener((changes, area) => {
      if (area === 'local' && changes[key]) memoryState = (changes[key].newValue && changes[key].newValue.state) || null;
    });
    // A "forget" (options page): the engines here drop everything (the worker's sessions are
    // emptied by the worker), and nothing known before it is saved again.
    NotworkMemory.onCleared(() => {
      clearTimeout(memoryTimer);
      memoryTimer = 0;
      memoryDue = 0;
      memoryState = null;
      memorySince = Date.now();
      for (const e of [local, pending]) if (e) try { e.resetContext(); } catch (_) { /* demoted */ }
      history.length = 0;
      replayed = 0;
      epoch++;
    }, memorySite); // every site's forget, or this site's
    const flush = () => { if (memoryTimer) saveMemory(); };
    addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') flush(); });
  }

  // ------------------------------------------------------------ API (docs/ARCHITECTURE.md §5)

  const api = {
    mode: 'background',
    startMs: null,        // the first background round trip (worker session start-up included)
    createMs: null,       // the longest call of the local start-up (its steps, the session)
    localMs: null,        // from the start of the local preparation to the switch
    fallbackReason: null, // why this page stays on the background path
    stats,
    start,
    memorySite,           // the author memory's site (null: none on this page)
    saveMemory,           // saves it now (it is saved by itself a little after each batch)
    /** Scores posts in one batch; per-author context carries across calls. -> Promise<results[]> */
    async scoreBatch(posts) {
      if (!posts.length) return [];
      posts = bound(posts); // cut to the core's caps before anything leaves this function
      prepare();
      if (local) {
        const results = await viaLocal(posts);
        if (results) return results;
      }
      return viaBackground(posts);
    },
    scoreNow,
    /** True when scoreNow() can answer (the in-page engine is active). */
    get canScoreNow() { return !!local; },
    /** One author's posts -> audit report (fresh context). */
    async audit(posts) {
      posts = bound(posts.slice(0, 1000)); // the worker's router takes at most 1000 per audit
      prepare();
      if (local) {
        await nextTask();
        try { if (local) return local.audit(posts); } catch (e) { if (!broken(e)) throw e; demote(e); }
      }
      const { report } = await ask({ type: 'notwork:audit-posts', posts });
      return report;
    },
    /** Applies settings.core to the active engine (and to one being prepared); a rejected
     *  document leaves the previous one in force. -> {ok, errors} */
    async configure(core) {
      config = core || { version: 1 };
      prepare();
      if (pending) pending.configure(config);
      if (local) return local.configure(config);
      const { result } = await ask({ type: 'notwork:configure', core: config });
      return result;
    },
    /** Forget per-author context (a new page); applied with the next batch. With author
     *  memory the new page starts from what this one knew (saved first). */
    resetContext() {
      if (memoryTimer) saveMemory();
      resetPending = true;
      history.length = 0;
      replayed = 0;
      epoch++;
    },
  };
  Notwork.engine = api;
})();
