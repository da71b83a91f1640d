/* Shared helpers of Notwork's extension pages (popup, options): strings and the engine.
 * Classic script; defines the global NotworkPages. */
(function (root) {
  'use strict';

  /** chrome.i18n with a visible fallback, so a missing string is noticed, not blank. */
  function t(key, subs) {
    const s = chrome.i18n.getMessage(key, subs);
    return s || key;
  }

  /** Fills data-i18n (textContent), data-i18n-title, data-i18n-placeholder,
   *  data-i18n-aria-label under `scope`. */
  function localize(scope) {
    const root = scope || document;
    for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
    for (const [attr, data] of [['title', 'i18nTitle'], ['placeholder', 'i18nPlaceholder'], ['aria-label', 'i18nAriaLabel']]) {
      for (const el of root.querySelectorAll(`[data-${attr === 'aria-label' ? 'i18n-aria-label' : 'i18n-' + attr}]`)) {
        el.setAttribute(attr, t(el.dataset[data]));
      }
    }
    const title = document.querySelector('title[data-i18n]');
    if (title) document.title = title.textContent;
  }

  let enginePromise = null;

  /** The wasm engine (extension pages may run wasm: 'wasm-unsafe-eval' in the manifest CSP).
   *  Needs ../generated/notwork-core.js and ../generated/notwork.js loaded before. */
  function engine(config) {
    if (!enginePromise) {
      enginePromise = (async () => {
        if (typeof root.NotworkEngine === 'undefined') {
          throw new Error(t('page_engine_missing'));
        }
        const res = await fetch(new URL('../generated/notwork-core.wasm', document.baseURI));
        if (!res.ok) throw new Error(t('page_engine_missing'));
        const wasmBinary = new Uint8Array(await res.arrayBuffer());
        return root.NotworkEngine.create({ wasmBinary });
      })();
    }
    return enginePromise.then((e) => {
      if (config) {
        const r = e.configure(config);
        if (r && r.ok === false) throw new Error(r.errors.map((x) => `${x.path} ${x.message}`).join('; '));
      }
      return e;
    });
  }

  /** Saves `text` as a file through a Blob URL (no network). */
  function download(filename, text, type) {
    const url = URL.createObjectURL(new Blob([text], { type: type || 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = filename;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') e.className = v;
      else if (k === 'text') e.textContent = v;
      else if (k === 'style') e.style.cssText = v; // CSSOM: the manifest's CSP (default-src 'self') refuses style attributes
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    return e;
  }

  const LABEL_COLORS = { autofeed: '#c2410c', pure_promo: '#b91c1c', genuine_share: '#15803d', conversation: '#1d4ed8', neutral: '#94a3b8' };

  root.NotworkPages = { t, localize, engine, download, el, LABEL_COLORS };
})(globalThis);
