// Engine client: one scoring API for every content feature, whichever engine runs it.
//  - "local": the wasm core runs here, in the content script (fetch .wasm → NotworkEngine.create).
//  - "background": the page's CSP blocks WebAssembly (e.g. `script-src 'self'`), so posts go to
//    the service worker in batches (`notwork:score`) and are scored by the same wasm core there.
// The active path is exposed as <html data-notwork-engine="local|background"> (tests read it).
'use strict';
(() => {
  if (Notwork.engine) return;
  const WASM = 'extension/generated/notwork-core.wasm';
  let local = null;       // NotworkEngine when the local path is active
  let config = null;      // last configuration document (settings.core)
  let starting = null;    // Promise<'local'|'background'>
  let resetPending = false;

  async function tryLocal() {
    if (typeof NotworkEngine === 'undefined') throw new Error('NotworkEngine is not loaded');
    const res = await fetch(chrome.runtime.getURL(WASM));
    if (!res.ok) throw new Error(`wasm fetch failed: ${res.status}`);
    const wasmBinary = await res.arrayBuffer();
    return NotworkEngine.create({ wasmBinary });
  }

  async function toBackground(message) {
    const answer = await chrome.runtime.sendMessage(message);
    if (!answer || answer.error) throw new Error((answer && answer.error) || 'no answer from the Notwork service worker');
    return answer;
  }

  function start() {
    if (starting) return starting;
    starting = (async () => {
      let mode = 'local';
      const t0 = performance.now();
      try {
        local = await tryLocal();
      } catch (e) {
        // Page CSP without 'wasm-unsafe-eval' (or any other wasm failure): use the service worker.
        local = null;
        mode = 'background';
        Notwork.engine.fallbackReason = String((e && e.message) || e);
        console.info('Notwork: scoring in the service worker:', Notwork.engine.fallbackReason);
      }
      Notwork.engine.startMs = Math.round(performance.now() - t0);
      Notwork.engine.mode = mode;
      document.documentElement.dataset.notworkEngine = mode;
      document.documentElement.dataset.notworkEngineMs = String(Notwork.engine.startMs);
      if (local && config) local.configure(config);
      return mode;
    })();
    return starting;
  }

  Notwork.engine = {
    mode: null,
    startMs: null,
    fallbackReason: null,
    start,
    /** Scores posts in one call; per-author context carries across calls. -> Promise<results[]> */
    async scoreBatch(posts) {
      if (!posts.length) return [];
      await start();
      if (local) {
        if (resetPending) { local.resetContext(); resetPending = false; }
        return local.scoreBatch(posts);
      }
      const reset = resetPending;
      resetPending = false;
      const { results } = await toBackground({ type: 'notwork:score', posts, reset });
      return results;
    },
    /** One author's posts -> audit report (fresh context). */
    async audit(posts) {
      await start();
      if (local) return local.audit(posts);
      const { report } = await toBackground({ type: 'notwork:audit-posts', posts });
      return report;
    },
    /** Applies settings.core. The background path reads the same settings itself. -> {ok, errors} */
    async configure(core) {
      config = core || { version: 1 };
      await start();
      if (local) return local.configure(config);
      return { ok: true, errors: [] };
    },
    /** Forget per-author context (a new page); applied before the next batch. */
    resetContext() { resetPending = true; },
  };
})();
