// Notwork content-script namespace: the first file of the content-script list.
// Classic script, isolated world. Every later file hangs its part on `Notwork`.
'use strict';
var Notwork = globalThis.Notwork || (globalThis.Notwork = {});

// --- site adapters (one file per site registers itself; see docs/ARCHITECTURE.md §6) ---
Notwork.adapters = Notwork.adapters || (() => {
  const byId = new Map();
  const REQUIRED = ['id', 'matches', 'findPosts', 'extract', 'badgeAnchor'];
  return {
    register(adapter) {
      for (const k of REQUIRED) {
        if (!adapter || adapter[k] === undefined) throw new Error(`Notwork adapter is missing "${k}"`);
      }
      byId.set(adapter.id, adapter); // re-injection replaces, never duplicates
    },
    get(id) { return byId.get(id) || null; },
    all() { return [...byId.values()]; },
    forPage(location, document) {
      for (const a of byId.values()) {
        try { if (a.matches(location, document)) return a; } catch (_) { /* a broken adapter must not break the others */ }
      }
      return null;
    },
  };
})();

// --- small DOM helpers shared by the adapters (no selectors here) ---
Notwork.dom = Notwork.dom || {
  /** Elements matching `selector` at or under `root` (root itself included). */
  within(root, selector) {
    if (!root || root.nodeType !== 1 && root.nodeType !== 9) return [];
    const out = root.nodeType === 1 && root.matches(selector) ? [root] : [];
    for (const el of root.querySelectorAll(selector)) out.push(el);
    return out;
  },
  text(el) { return el ? (el.textContent || '').replace(/\s+/g, ' ').trim() : ''; },
  /**
   * Visible text of a rich-text element: emoji <img alt> become their alt text, links can be
   * rewritten (e.g. X's t.co anchors to their expanded URL), block breaks become newlines.
   */
  richText(el, linkText) {
    if (!el) return '';
    let out = '';
    const walk = (node) => {
      for (let n = node.firstChild; n; n = n.nextSibling) {
        if (n.nodeType === 3) { out += n.nodeValue; continue; }
        if (n.nodeType !== 1) continue;
        const tag = n.localName;
        if (tag === 'notwork-badge' || tag === 'script' || tag === 'style') continue;
        if (tag === 'br') { out += '\n'; continue; }
        if (tag === 'img') { out += n.getAttribute('alt') || ''; continue; }
        if (tag === 'a' && linkText) {
          const t = linkText(n);
          if (t != null) { out += t; continue; }
        }
        const block = tag === 'p' || tag === 'li';
        if (block && out && !out.endsWith('\n')) out += '\n';
        walk(n);
        if (block && !out.endsWith('\n')) out += '\n';
      }
    };
    walk(el);
    return out.replace(/[ \t\u00a0]+/g, ' ').replace(/ *\n */g, '\n').replace(/\n{3,}/g, '\n\n').trim();
  },
  /** An absolute http(s) URL or null (javascript:, data: and friends are never links). */
  httpUrl(href, base) {
    try {
      const u = new URL(href, base || location.href);
      return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
    } catch (_) { return null; }
  },
  unique(list) { return [...new Set(list.filter(Boolean))]; },
  iso(datetime) {
    if (!datetime) return undefined;
    const d = new Date(datetime);
    return isNaN(d) ? undefined : d.toISOString().replace(/\.\d{3}Z$/, 'Z');
  },
};
