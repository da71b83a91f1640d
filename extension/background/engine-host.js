// The background scoring path: one wasm core instance in the service worker, and one scoring
// session (engine + configuration + bounded per-author context) per tab and frame. A content
// script scores here while its own in-page engine starts, and for good where the page's CSP
// forbids WebAssembly in content scripts (extension/content/engine-client.js); once its
// in-page engine is active it releases its session here. The .wasm is loaded with fetch →
// wasmBinary (a service worker has no XMLHttpRequest and cannot start Workers). A session
// costs little once the module is up (the rules' compiled patterns are shared); at most
// MAX_SESSIONS live at once and the least recently used is destroyed. A new session answers
// `fresh: true` so its tab can rebuild the context it lost (service worker restart, eviction).
'use strict';
const NotworkEngineHost = (() => {
  const WASM = 'extension/generated/notwork-core.wasm';
  const MAX_SESSIONS = 8;
  let core = null;            // Promise<Emscripten module>
  let config = null;          // settings.core, applied to every new session
  const sessions = new Map(); // key -> Promise<NotworkEngine.Engine>, in LRU order
  let warm = false;           // the module's scoring code has run once
  let catalogueCache = null;
  // Exercises the scoring paths once (links, mentions, tags, a reply) so the first real batch
  // does not pay the cold start; drafts are never recorded in the context.
  const WARM_UP = [
    { kind: 'draft', text: 'New post: warming up… https://example.org/2026/03/warm-up #rss (via Buffer)' },
    { kind: 'draft', is_reply: true, text: '@someone thanks! Did you read this by @other? Worth it: https://example.net/a?ref=x' },
  ];

  function module() {
    if (!core) {
      core = (async () => {
        const r = await fetch(chrome.runtime.getURL(WASM));
        if (!r.ok) throw new Error('cannot load the Notwork core: ' + r.status);
        const wasmBinary = new Uint8Array(await r.arrayBuffer());
        return NotworkCoreModule({
          wasmBinary,
          print() {},
          printErr(text) { console.warn('notwork core: ' + text); },
        });
      })();
      core.catch(() => { core = null; });
    }
    return core;
  }

  // A trap (WebAssembly.RuntimeError: unreachable, out-of-bounds access, Emscripten's abort)
  // or running out of memory leaves the module's state unknown: it and every session on it are
  // dropped (not destroyed: no further call into that module), the failing call is answered with
  // an error, and the next call builds a fresh module. Its sessions then answer `fresh: true`,
  // so each tab rebuilds its context. `restarts` counts these (tests, debugging).
  let restarts = 0;
  const broken = (e) => e instanceof WebAssembly.RuntimeError || /out of memory|Aborted|unreachable|memory access out of bounds/i.test(String(e && e.message));
  function rebuild(e) {
    restarts++;
    core = null;
    warm = false;
    sessions.clear();
    console.warn('Notwork: the wasm core failed and is rebuilt with the next batch:', String((e && e.message) || e));
  }
  /** Runs fn(engine) for a session; a broken core is dropped and the error is re-thrown with a
   *  message that says so. */
  async function guarded(key, fn) {
    const seen = restarts;
    try {
      const { engine, fresh } = await session(key);
      return { value: fn(engine), fresh };
    } catch (e) {
      if (!broken(e)) throw e;
      if (restarts === seen) rebuild(e); // not already rebuilt by a concurrent failure
      throw new Error('the Notwork core failed on this batch and was restarted (' + String((e && e.message) || e) + ')');
    }
  }

  async function loadConfig() {
    const s = await NotworkSettings.load();
    // The user's corrections scale the rule weights (extension/shared/corrections.js), as the
    // tabs' own configure does.
    config = await NotworkCorrections.effectiveCore(s.core || { version: 1 });
    return config;
  }

  function drop(key) {
    const p = sessions.get(key);
    if (!p) return;
    sessions.delete(key);
    memory.delete(key);
    p.then((engine) => engine.destroy(), () => {});
  }

  /** -> {engine, fresh} */
  async function session(key) {
    let p = sessions.get(key);
    const fresh = !p;
    if (p) {
      sessions.delete(key);
      sessions.set(key, p);
    } else {
      p = (async () => {
        const [m, c] = await Promise.all([module(), config || loadConfig()]);
        const engine = new NotworkEngine.Engine(m);
        engine.configure(c);
        if (!warm) { warm = true; engine.scoreBatch(WARM_UP); }
        return engine;
      })();
      p.catch(() => sessions.delete(key));
      sessions.set(key, p);
      while (sessions.size > MAX_SESSIONS) drop(sessions.keys().next().value);
    }
    return { engine: await p, fresh };
  }

  // ---- author memory (extension/shared/memory.js). A tab's session starts from its site's
  // memory; a new page in it (reset) carries what it knew over; the tab asks for saves;
  // a "forget" empties every session. key -> {site, since}
  const memory = new Map();
  async function startMemory(key, engine, site, reset, fresh) {
    const same = !fresh && memory.has(key) && memory.get(key).site === site;  // not another site's authors
    if (!same) memory.set(key, { site, since: Date.now() });
    try {
      if (same && reset) {
        const stored = await NotworkMemory.load(site);
        NotworkMemory.carryOver(engine, stored && stored.state);
      } else {
        if (reset || !fresh) engine.resetContext();
        await NotworkMemory.restore(engine, site);
      }
    } catch (e) {
      console.warn('Notwork: author memory not loaded:', (e && e.message) || e);
    }
  }
  NotworkMemory.onCleared(async (site) => {
    for (const [key, p] of sessions) {
      if (site && !(memory.has(key) && memory.get(key).site === site)) continue; // another site's tab
      try { (await p).resetContext(); } catch (_) { continue; }
      if (memory.has(key)) memory.get(key).since = Date.now();
    }
  });

  return {
    /** -> {results, fresh}. `site`: the page's author memory (NotworkMemory.siteOf), or none. */
    async score(key, posts, reset, site) {
      let first = null;
      if (site) {
        first = await session(key);
        if (reset || first.fresh) await startMemory(key, first.engine, site, reset, first.fresh);
      }
      const { value, fresh } = await guarded(key, (engine) => {
        if (reset && !site) engine.resetContext();
        return posts.length ? engine.scoreBatch(posts) : [];
      });
      return { results: value, fresh: fresh || !!(first && first.fresh) };
    },
    /** Saves what this tab's session knows about its site's authors. -> NotworkMemory.save's answer */
    async saveMemory(key) {
      const m = memory.get(key);
      const p = sessions.get(key);
      if (!m || !p) return { saved: false, reason: 'no session' };
      const state = (await p).exportState(NotworkMemory.exportOptions());
      const m2 = await module();
      return NotworkMemory.save(m.site, state, m.since, () => new NotworkEngine.Engine(m2), Date.now(), 'worker-' + key);
    },
    /** This tab's configuration. -> {ok, errors} (a rejected document changes nothing) */
    async configure(key, doc) {
      return (await guarded(key, (engine) => engine.configure(doc || { version: 1 }))).value;
    },
    async audit(posts) {
      return (await guarded('audit', (engine) => engine.audit(posts))).value;
    },
    restarts() { return restarts; },
    /** The core's catalogue (rules, their labels and default weights), for corrections. */
    async catalogue() {
      if (!catalogueCache) catalogueCache = (await guarded('audit', (engine) => engine.catalogue())).value;
      return catalogueCache;
    },
    /** The current Emscripten module (a promise; null before the first call). For tests. */
    currentModule() { return core; },
    /** New settings: re-configure every live session (a rejected config leaves the old one). */
    async reconfigure() {
      const c = await loadConfig();
      for (const p of [...sessions.values()]) {
        try { (await p).configure(c); } catch (e) { if (broken(e)) { rebuild(e); break; } /* else that session failed to start; it is dropped */ }
      }
    },
    /** A tab now scores in the page: its session goes. -> whether there was one */
    release(key) {
      const had = sessions.has(key);
      drop(key);
      return had;
    },
    /** A closed tab: its sessions (every frame) go. */
    forgetTab(tabId) {
      for (const key of [...sessions.keys()]) if (key.startsWith(tabId + ':')) drop(key);
    },
    liveEngines() { return sessions.size; },
  };
})();
