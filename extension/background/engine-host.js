// Scoring fallback host: the same wasm core as the content scripts, for pages whose CSP
// blocks WebAssembly in content scripts. Loads the .wasm with fetch → wasmBinary (a service
// worker has no XMLHttpRequest and no Workers). One engine per tab keeps per-author context
// per page, as in the local path; at most MAX_ENGINES live at once (least recently used go).
'use strict';
const NotworkEngineHost = (() => {
  const WASM = 'extension/generated/notwork-core.wasm';
  const MAX_ENGINES = 4;
  let binary = null;          // Promise<ArrayBuffer>
  let config = null;          // settings.core, applied to every engine
  const engines = new Map();  // tabKey -> Promise<NotworkEngine>, in LRU order

  function wasmBinary() {
    if (!binary) {
      binary = fetch(chrome.runtime.getURL(WASM)).then((r) => {
        if (!r.ok) throw new Error('cannot load the Notwork core: ' + r.status);
        return r.arrayBuffer();
      });
      binary.catch(() => { binary = null; });
    }
    return binary;
  }

  async function loadConfig() {
    const s = await NotworkSettings.load();
    config = s.core || { version: 1 };
    return config;
  }

  function engineFor(tabKey) {
    let p = engines.get(tabKey);
    if (p) { engines.delete(tabKey); engines.set(tabKey, p); return p; }
    p = (async () => {
      const [buf, core] = await Promise.all([wasmBinary(), config || loadConfig()]);
      const engine = await NotworkEngine.create({ wasmBinary: buf.slice(0) });
      engine.configure(core);
      return engine;
    })();
    p.catch(() => engines.delete(tabKey));
    engines.set(tabKey, p);
    while (engines.size > MAX_ENGINES) engines.delete(engines.keys().next().value);
    return p;
  }

  return {
    async score(tabKey, posts, reset) {
      const engine = await engineFor(tabKey);
      if (reset) engine.resetContext();
      return engine.scoreBatch(posts);
    },
    async audit(posts) {
      const engine = await engineFor('audit');
      return engine.audit(posts);
    },
    /** New settings: re-configure every live engine (a rejected config leaves the old one). */
    async reconfigure() {
      const core = await loadConfig();
      for (const p of engines.values()) {
        try { (await p).configure(core); } catch (_) { /* that engine failed to start; it is dropped */ }
      }
    },
    forget(tabKey) { engines.delete(tabKey); },
    liveEngines() { return engines.size; },
  };
})();
