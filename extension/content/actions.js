// What happens to a badged post: an action per label, chosen in the options, per site.
//
//   badge     the badge only (the default)
//   dim       the post is faded, still readable (full strength again on hover or focus)
//   collapse  the post shrinks to one line — the label, the author and "Show" — and expands on
//             request (a real button: keyboard reachable, aria-expanded announced)
//   hide      the post is gone; the popup shows how many and reveals them (notwork:hidden,
//             notwork:reveal)
//
// Never for the user's own posts (the adapter's currentUser). Settings: `actions` maps label →
// action, `siteActions.<site>` overrides it per site (extension/shared/settings.js validates).
// Contract on the page: the post's root carries data-notwork-action="dim|collapse|hide" when the
// action is not `badge`; the label stays in data-notwork-label (badges.js owns that one).
//
// Self-registering and apart from badges.js: it watches data-notwork-label and the badges
// (<notwork-badge data-key>) that badges.js puts on post roots, and follows them. The styles are
// one constructed stylesheet on the document keyed on those attributes, so a site re-rendering
// its own markup cannot undo them; the one-line bar is <notwork-collapse>, first child of the
// root, its UI in a CLOSED shadow root (page text only through textContent).
//
// A page cannot act for the user (issue 13, as the badges and nudges): the bar's root is closed
// (host.shadowRoot is null for the page's scripts) and "Show"/"Collapse" answer only trusted
// events — a real click or key, never a page script's click() or dispatchEvent.
'use strict';
(() => {
  if (Notwork.actions) return;
  const ACTIONS = ['badge', 'dim', 'collapse', 'hide'];
  const BAR = 'notwork-collapse';
  const BADGE = 'notwork-badge';
  const FALLBACK = {
    action_collapsed: 'Notwork collapsed this post: $1',
    action_show: 'Show',
    action_collapse: 'Collapse',
    action_show_aria: 'Show the post by $1',
    action_collapse_aria: 'Collapse the post by $1 again',
    action_someone: 'someone',
  };
  function t(key, sub) {
    let s = '';
    try { s = chrome.i18n.getMessage(key, sub === undefined ? undefined : [String(sub)]); } catch (_) { /* orphaned */ }
    return s || (FALLBACK[key] || key).replace('$1', sub === undefined ? '' : String(sub));
  }
  const labelName = (label) => (Notwork.badgeUI ? Notwork.badgeUI.t('badge_' + label) : label.replace('_', ' '));

  const PAGE_CSS = `
[data-notwork-action="dim"] { transition: opacity .15s ease; }
[data-notwork-action="dim"]:not(:hover):not(:focus-within) { opacity: .55; }
[data-notwork-action="collapse"]:not([data-notwork-expanded]) > :not(${BAR}) { display: none !important; }
[data-notwork-action="hide"]:not([data-notwork-revealed]) { display: none !important; }
${BAR} { display: block; }
`;
  const BAR_CSS = `
:host { all: initial; display: block; font: 400 13px/1.3 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.bar { display: flex; align-items: center; gap: 8px; min-height: 28px; padding: 4px 12px; box-sizing: border-box;
  color: var(--fg); overflow: hidden; }
.chip { flex: none; font-weight: 600; font-size: 11px; padding: 2px 8px; border-radius: 999px; border: 1px solid var(--line); background: var(--bg); }
.who { flex: 1 1 auto; min-width: 0; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; color: var(--muted); }
button { all: unset; flex: none; cursor: pointer; font-weight: 600; font-size: 12px; padding: 3px 10px; border-radius: 8px;
  border: 1px solid var(--line); color: var(--fg); }
button:hover { background: var(--bg); }
button:focus-visible { outline: 2px solid var(--ring); outline-offset: 2px; }
:host { --fg:#1c2330; --muted:#5d6878; --line:#cdd5e1; --bg:#eef1f6; --ring:#5b6d8a; }
:host([theme="dark"]) { --fg:#e6ebf2; --muted:#9aa6b8; --line:#3a4658; --bg:#232c3a; --ring:#8fa0bb; }
:host([label="pure_promo"]) .chip { color:#7a4300; background:#fff4e2; border-color:#f1cf97; }
:host([label="genuine_share"]) .chip { color:#155e37; background:#e9f7ef; border-color:#acdcbf; }
:host([theme="dark"][label="pure_promo"]) .chip { color:#ffd493; background:#3a2a12; border-color:#6b4a17; }
:host([theme="dark"][label="genuine_share"]) .chip { color:#a6e9c0; background:#11301f; border-color:#1f5a37; }
`;

  let adapter = null;
  let settings = { actions: {}, siteActions: {} };
  let started = false;
  const expanded = new Set();  // keys of collapsed posts the reader expanded
  const revealed = new Set();  // keys of hidden posts the reader revealed (from the popup)
  const stats = { passes: 0 };

  // ---------------------------------------------------------------- the decision

  const norm = (h) => String(h || '').trim().replace(/^@/, '').toLowerCase();
  function sameAuthor(a, b) {
    a = norm(a);
    b = norm(b);
    if (!a || !b) return false;
    if (a === b) return true;
    return a.split('@')[0] === b.split('@')[0] && (!a.includes('@') || !b.includes('@')); // Mastodon: with or without @instance
  }
  function me() {
    try { return adapter && typeof adapter.currentUser === 'function' ? adapter.currentUser(location, document) || '' : ''; } catch (_) { return ''; }
  }

  /** The action for a post with `label` by `author` on `site` under `s` (settings). */
  function decide(label, site, author, s = settings, user = me()) {
    if (!label || (user && sameAuthor(author, user))) return 'badge';
    const per = s && s.siteActions && s.siteActions[site];
    const a = (per && per[label]) || (s && s.actions && s.actions[label]) || 'badge';
    return ACTIONS.includes(a) ? a : 'badge';
  }

  // ---------------------------------------------------------------- the page

  let sheetDone = false;
  function ensureStyles() {
    if (sheetDone && (document.getElementById('notwork-actions-style') || adoptedOk())) return;
    sheetDone = true;
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(PAGE_CSS);
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
      ensureStyles.sheet = sheet;
      if (adoptedOk()) return;
    } catch (_) { /* not adoptable from here (Firefox's content-script sandbox): a <style> */ }
    const style = document.createElement('style');
    style.id = 'notwork-actions-style';
    style.textContent = PAGE_CSS;
    (document.head || document.documentElement).append(style);
  }
  function adoptedOk() {
    try { return !!ensureStyles.sheet && [...document.adoptedStyleSheets].includes(ensureStyles.sheet); } catch (_) { return false; }
  }

  function themeOf(root) {
    const b = root.querySelector(BADGE);
    return (b && b.getAttribute('theme')) || 'light';
  }

  let barSheet = null;
  function styleInto(shadow) {
    try {
      if (!barSheet) { barSheet = new CSSStyleSheet(); barSheet.replaceSync(BAR_CSS); }
      shadow.adoptedStyleSheets = [barSheet];
    } catch (_) {
      const style = document.createElement('style');
      style.textContent = BAR_CSS;
      shadow.append(style);
    }
  }

  /** The one-line bar of a collapsed post. */
  function makeBar(root, key, label, author) {
    const host = document.createElement(BAR);
    host.setAttribute('data-key', key);
    host.setAttribute('label', label);
    host.setAttribute('theme', themeOf(root));
    const shadow = host.attachShadow({ mode: 'closed' });
    styleInto(shadow);
    const who = author ? (adapter && adapter.id === 'wordpress' ? author : '@' + String(author).replace(/^@/, '')) : t('action_someone');
    const bar = document.createElement('div');
    bar.className = 'bar';
    bar.setAttribute('role', 'group');
    bar.setAttribute('aria-label', t('action_collapsed', labelName(label)));
    const chip = document.createElement('span');
    chip.className = 'chip';
    chip.textContent = labelName(label);
    const name = document.createElement('span');
    name.className = 'who';
    name.textContent = who;
    const button = document.createElement('button');
    button.type = 'button';
    bar.append(chip, name, button);
    shadow.append(bar);
    const render = () => {
      const open = expanded.has(key);
      button.textContent = t(open ? 'action_collapse' : 'action_show');
      button.setAttribute('aria-label', t(open ? 'action_collapse_aria' : 'action_show_aria', who));
      button.setAttribute('aria-expanded', String(open));
    };
    button.addEventListener('click', (e) => {
      if (!e.isTrusted) return; // a page script's click() or dispatchEvent: not the user
      if (expanded.has(key)) expanded.delete(key); else expanded.add(key);
      render();
      applyTo(root);
      button.focus({ preventScroll: true });
    });
    // The bar sits inside clickable posts (X, Bluesky): keep our clicks and keys to ourselves.
    for (const type of ['click', 'mousedown', 'mouseup', 'pointerdown', 'pointerup', 'touchstart', 'touchend', 'keydown', 'keyup', 'auxclick', 'dblclick']) {
      host.addEventListener(type, (e) => e.stopPropagation());
    }
    host.notworkRender = render;
    render();
    return host;
  }

  const bars = (root) => [...root.children].filter((c) => c.localName === BAR);
  function setAttr(el, name, value) {
    if (value === null) { if (el.hasAttribute(name)) el.removeAttribute(name); } else if (el.getAttribute(name) !== value) el.setAttribute(name, value);
  }

  function clearRoot(root) {
    setAttr(root, 'data-notwork-action', null);
    setAttr(root, 'data-notwork-expanded', null);
    setAttr(root, 'data-notwork-revealed', null);
    for (const b of bars(root)) b.remove();
  }

  /** Who wrote the post at `root`, and its key: from the badges' verdicts, else the adapter. */
  function postOf(root) {
    const badge = root.querySelector(BADGE);
    const key = badge && badge.getAttribute('data-key');
    const v = key && Notwork.badges && Notwork.badges.verdicts && Notwork.badges.verdicts.get(key);
    if (v && v.post) return { key, author: v.post.author, site: v.post.site || (adapter && adapter.id) };
    let post = null;
    try { post = adapter && adapter.extract(root); } catch (_) { post = null; }
    return post ? { key: key || post.key, author: post.author, site: post.site || adapter.id } : { key, author: null, site: adapter && adapter.id };
  }

  function applyTo(root, user = me()) {
    const label = root.getAttribute('data-notwork-label');
    if (!label) { clearRoot(root); return; }
    const { key, author, site } = postOf(root);
    const action = decide(label, site, author, settings, user);
    const trusted = Notwork.badges && Notwork.badges.isTrusted && Notwork.badges.isTrusted(site, author); // never acted on
    if (action === 'badge' || !key || trusted) { clearRoot(root); return; }
    setAttr(root, 'data-notwork-action', action);
    let bar = bars(root);
    if (action === 'collapse') {
      const keep = bar.find((b) => b.getAttribute('data-key') === key && b.getAttribute('label') === label);
      for (const b of bar) if (b !== keep) b.remove();
      if (!keep) root.prepend(makeBar(root, key, label, author));
      else if (root.firstElementChild !== keep) root.prepend(keep);
      setAttr(root, 'data-notwork-expanded', expanded.has(key) ? '' : null);
    } else {
      for (const b of bar) b.remove();
      setAttr(root, 'data-notwork-expanded', null);
    }
    setAttr(root, 'data-notwork-revealed', action === 'hide' && revealed.has(key) ? '' : null);
  }

  /** Does any label have an action other than the badge on this site? (the default: no) */
  function anyAction() {
    const per = (settings.siteActions && adapter && settings.siteActions[adapter.id]) || {};
    return Object.values(Object.assign({}, settings.actions, per)).some((a) => a && a !== 'badge');
  }

  function pass() {
    scheduled = false;
    if (!chrome.runtime || !chrome.runtime.id) { stop(); return; } // extension reloaded: go quiet
    stats.passes++;
    if (!anyAction()) { // badges only: nothing to do beyond undoing a previous choice
      for (const root of document.querySelectorAll('[data-notwork-action]')) clearRoot(root);
      if (document.documentElement.dataset.notworkHidden !== '0') document.documentElement.dataset.notworkHidden = '0';
      return;
    }
    const user = me();
    const labelled = document.querySelectorAll('[data-notwork-label]');
    if (labelled.length) ensureStyles();
    for (const root of labelled) applyTo(root, user);
    for (const root of document.querySelectorAll('[data-notwork-action]:not([data-notwork-label])')) clearRoot(root);
    const n = String(hiddenCount());
    if (document.documentElement.dataset.notworkHidden !== n) document.documentElement.dataset.notworkHidden = n;
  }

  let scheduled = false;
  function schedule() {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(pass); // same task as badges.js's change: no frame shows the post un-actioned
  }

  /** A label set or removed, or a badge added or removed (badges.js re-badges a recycled root
   *  for another post by replacing its badge): nothing else on the page concerns us. */
  function relevant(records) {
    for (const r of records) {
      if (r.type === 'attributes') return true; // data-notwork-label (the filter)
      for (const n of r.addedNodes) if (n.localName === BADGE) return true;
      for (const n of r.removedNodes) if (n.localName === BADGE) return true;
    }
    return false;
  }

  const hiddenRoots = () => [...document.querySelectorAll('[data-notwork-action="hide"]:not([data-notwork-revealed])')];
  function hiddenCount() { return hiddenRoots().length; }

  /** Shows every hidden post of this page (until it reloads). -> how many were shown */
  function revealAll() {
    const roots = hiddenRoots();
    for (const root of roots) {
      const { key } = postOf(root);
      if (key) revealed.add(key);
      setAttr(root, 'data-notwork-revealed', '');
    }
    pass();
    return roots.length;
  }

  let observer = null;
  function stop() {
    if (observer) observer.disconnect();
    observer = null;
  }

  async function start() {
    if (started) return;
    adapter = Notwork.adapters.forPage(location, document);
    if (!adapter) return;
    started = true;
    const S = globalThis.NotworkSettings;
    try { settings = S ? await S.load() : settings; } catch (_) { /* defaults: badge only */ }
    if (S && S.onChange) S.onChange((next) => { settings = next; schedule(); });
    observer = new MutationObserver((records) => { if (relevant(records)) schedule(); });
    observer.observe(document.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-notwork-label'] });
    chrome.runtime.onMessage.addListener((msg, _sender, reply) => {
      if (!msg || (msg.type !== 'notwork:hidden' && msg.type !== 'notwork:reveal')) return false;
      if (msg.type === 'notwork:reveal') reply({ revealed: revealAll(), hidden: hiddenCount(), site: adapter.id });
      else reply({ hidden: hiddenCount(), site: adapter.id });
      return false;
    });
    schedule();
  }

  Notwork.actions = { ACTIONS, decide, sameAuthor, hiddenCount, revealAll, rescan: schedule, stats };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
})();
