// The badge itself: <notwork-badge> with its UI in a CLOSED shadow root, so page styles
// cannot reach it and the page's scripts cannot reach into it (host.shadowRoot is null for
// them; tests read it from the content script's world, chrome.dom.openOrClosedShadowRoot).
// A keyboard-focusable button with an accessible name opens a short explanation popover
// (top reasons + "Don't badge this account"). Every action handler ignores events that are
// not isTrusted (a page script's click(), dispatchEvent): only the user acts.
// Page text only ever enters through textContent.
'use strict';
(() => {
  if (Notwork.badgeUI) return;
  const TAG = 'notwork-badge';
  const LABELS = ['autofeed', 'pure_promo', 'genuine_share'];
  const FALLBACK = {
    badge_autofeed: 'autofeed',
    badge_pure_promo: 'pure promo',
    badge_genuine_share: 'genuine share',
    badge_aria_autofeed: 'Notwork: reads like an automated feed — show why',
    badge_aria_pure_promo: 'Notwork: reads like pure promotion — show why',
    badge_aria_genuine_share: 'Notwork: reads like a genuine share — show why',
    badge_title_autofeed: 'Reads like an automated feed',
    badge_title_pure_promo: 'Reads like pure promotion',
    badge_title_genuine_share: 'Reads like a genuine share',
    badge_reasons: 'Why Notwork thinks so',
    badge_no_reasons: 'No single rule stands out.',
    badge_mute: 'Don’t badge $1',
    badge_muted: 'Badges hidden for $1. Undo in Notwork’s options.',
    badge_mute_failed: 'Not hidden: $1',
    badge_close: 'Close',
    badge_footer: 'Scored on this device. Thresholds and rules are yours to tune in the options.',
  };

  /** chrome.i18n with an English fallback (a missing key never shows an empty badge). */
  function t(key, sub) {
    let s = '';
    try { s = chrome.i18n.getMessage(key, sub === undefined ? undefined : [String(sub)]); } catch (_) { /* orphaned */ }
    if (s) return s;
    return (FALLBACK[key] || key).replace('$1', sub === undefined ? '' : String(sub));
  }

  const CSS = `
:host { all: initial; display: inline-flex; vertical-align: middle; margin-inline-start: 6px;
  position: relative; line-height: 1; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
button.badge { all: unset; box-sizing: border-box; display: inline-flex; align-items: center; gap: 5px;
  height: 19px; padding: 0 8px 0 6px; border-radius: 999px; font-weight: 600; font-size: 11px; line-height: 1; font-family: inherit;
  letter-spacing: .01em; white-space: nowrap; cursor: pointer; user-select: none;
  color: var(--fg); background: var(--bg); border: 1px solid var(--line); transition: filter .12s, box-shadow .12s; }
button.badge:hover { filter: brightness(0.96); }
button.badge:focus-visible { outline: 2px solid var(--ring); outline-offset: 2px; }
.dot { width: 7px; height: 7px; border-radius: 50%; background: var(--dot); flex: none; }
:host([label="autofeed"])      { --fg:#3b4657; --bg:#eef1f6; --line:#cdd5e1; --dot:#6f7f99; --ring:#5b6d8a; }
:host([label="pure_promo"])    { --fg:#7a4300; --bg:#fff4e2; --line:#f1cf97; --dot:#e38b00; --ring:#c77700; }
:host([label="genuine_share"]) { --fg:#155e37; --bg:#e9f7ef; --line:#acdcbf; --dot:#1f9d57; --ring:#1f9d57; }
:host([theme="dark"][label="autofeed"])      { --fg:#cfd8e6; --bg:#232c3a; --line:#3a4658; --dot:#8fa0bb; --ring:#8fa0bb; }
:host([theme="dark"][label="pure_promo"])    { --fg:#ffd493; --bg:#3a2a12; --line:#6b4a17; --dot:#ffa726; --ring:#ffa726; }
:host([theme="dark"][label="genuine_share"]) { --fg:#a6e9c0; --bg:#11301f; --line:#1f5a37; --dot:#3ccf7f; --ring:#3ccf7f; }
.panel { box-sizing: border-box; margin: 0; inset: auto; position: fixed; width: 300px; max-width: calc(100vw - 16px);
  padding: 12px 14px; border-radius: 12px; border: 1px solid var(--pline); color: var(--pfg); background: var(--pbg);
  box-shadow: 0 10px 30px rgba(0,0,0,.18), 0 2px 6px rgba(0,0,0,.08); font: 400 13px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  text-align: start; white-space: normal; z-index: 2147483647; }
:host { --pfg:#1c2330; --pbg:#ffffff; --pline:#d9dee7; --muted:#5d6878; --chip:#eef1f6; }
:host([theme="dark"]) { --pfg:#e6ebf2; --pbg:#171c24; --pline:#343d4b; --muted:#9aa6b8; --chip:#273041; }
.panel[hidden] { display: none; }
.head { display: flex; align-items: center; gap: 8px; margin: 0 0 8px; }
.title { font-weight: 650; font-size: 14px; flex: 1; }
.close { all: unset; cursor: pointer; width: 22px; height: 22px; border-radius: 6px; text-align: center; line-height: 22px; color: var(--muted); font-size: 16px; }
.close:hover, .close:focus-visible { background: var(--chip); color: var(--pfg); }
.sub { margin: 0 0 6px; font-size: 11px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); font-weight: 600; }
ol { list-style: none; margin: 0 0 10px; padding: 0; display: grid; gap: 6px; }
li { display: grid; grid-template-columns: auto 1fr auto; gap: 8px; align-items: baseline; }
.pid { font: 600 10.5px/1 ui-monospace, "SF Mono", Menlo, Consolas, monospace; padding: 3px 5px; border-radius: 5px; background: var(--chip); color: var(--pfg); }
.detail { overflow-wrap: anywhere; }
.contrib { font: 500 11px/1 ui-monospace, "SF Mono", Menlo, Consolas, monospace; color: var(--muted); }
.actions { display: flex; gap: 8px; align-items: center; border-top: 1px solid var(--pline); padding-top: 10px; }
.mute { all: unset; cursor: pointer; font-weight: 600; font-size: 12.5px; padding: 6px 10px; border-radius: 8px; border: 1px solid var(--pline); }
.mute:hover, .mute:focus-visible { background: var(--chip); }
.mute:focus-visible, .close:focus-visible { outline: 2px solid var(--ring); outline-offset: 1px; }
.note { margin: 8px 0 0; font-size: 11px; color: var(--muted); }
.actions .note.failed { margin: 0; flex: 1; font-size: 11.5px; color: var(--pfg); }
.note[hidden] { display: none; }
`;

  let sheet = null;
  function styleInto(shadow) {
    try {
      if (!sheet) { sheet = new CSSStyleSheet(); sheet.replaceSync(CSS); }
      shadow.adoptedStyleSheets = [sheet];
    } catch (_) {
      const style = document.createElement('style');
      style.textContent = CSS;
      shadow.append(style);
    }
  }

  function el(tag, cls, text) {
    const n = document.createElement(tag);
    if (cls) n.className = cls;
    if (text !== undefined) n.textContent = text;
    return n;
  }

  function fmt(x) { return (x >= 0 ? '+' : '−') + Math.abs(x).toFixed(2); }

  /**
   * A badge for one post. `info()` is called when the popover opens and returns the current
   * {result, author, authorLabel} for the badge's key; `onMute()` hides the author's badges.
   */
  function create({ label, key, theme, info, onMute }) {
    if (!LABELS.includes(label)) throw new Error('no badge for label ' + label);
    const host = document.createElement(TAG);
    host.setAttribute('label', label);
    host.setAttribute('data-key', key);
    if (theme) host.setAttribute('theme', theme);
    const shadow = host.attachShadow({ mode: 'closed' });
    styleInto(shadow);
    const button = el('button', 'badge');
    button.type = 'button';
    button.setAttribute('aria-label', t('badge_aria_' + label));
    button.setAttribute('aria-haspopup', 'dialog');
    button.setAttribute('aria-expanded', 'false');
    button.append(el('span', 'dot'), el('span', 'text', t('badge_' + label)));
    button.firstChild.setAttribute('aria-hidden', 'true');
    const panel = el('div', 'panel');
    panel.setAttribute('role', 'dialog');
    panel.setAttribute('aria-label', t('badge_title_' + label));
    panel.hidden = true;
    const canPopover = typeof panel.showPopover === 'function';
    if (canPopover) { panel.setAttribute('popover', 'auto'); panel.hidden = false; }
    shadow.append(button, panel);

    const place = () => {
      const r = button.getBoundingClientRect();
      const w = Math.min(300, window.innerWidth - 16);
      const left = Math.max(8, Math.min(r.left, window.innerWidth - w - 8));
      panel.style.left = left + 'px';
      const below = r.bottom + 6;
      const h = panel.offsetHeight || 180;
      panel.style.top = (below + h > window.innerHeight - 8 && r.top - 6 - h > 8 ? r.top - 6 - h : below) + 'px';
    };

    const render = () => {
      const { result, authorLabel } = info() || {};
      panel.replaceChildren();
      const head = el('div', 'head');
      head.append(el('span', 'dot'), el('div', 'title', t('badge_title_' + label)));
      const close = el('button', 'close', '×');
      close.type = 'button';
      close.setAttribute('aria-label', t('badge_close'));
      close.addEventListener('click', (e) => { if (e.isTrusted) hide(); });
      head.append(close);
      panel.append(head, el('p', 'sub', t('badge_reasons')));
      const reasons = ((result && result.reasons) || []).filter((r) => r && r.contribution > 0);
      const mine = reasons.filter((r) => r.label === label);
      const top = (mine.length ? mine : reasons).slice(0, 4);
      if (top.length) {
        const list = el('ol');
        for (const r of top) {
          const li = el('li');
          li.append(el('span', 'pid', r.principle || String(r.rule || '').split('.')[0]),
            el('span', 'detail', r.detail || r.rule || ''),
            el('span', 'contrib', fmt(Number(r.contribution) || 0)));
          li.title = r.rule || '';
          list.append(li);
        }
        panel.append(list);
      } else {
        panel.append(el('p', 'detail', t('badge_no_reasons')));
      }
      if (authorLabel) {
        const actions = el('div', 'actions');
        const mute = el('button', 'mute', t('badge_mute', authorLabel));
        mute.type = 'button';
        const note = el('p', 'note failed');
        note.hidden = true;
        mute.addEventListener('click', (e) => {
          if (!e.isTrusted || mute.disabled) return;
          mute.disabled = true;
          Promise.resolve(onMute()).then((res) => {
            if (!res || res.ok !== false) return;
            // A full list or an over-long name: say so; nothing was hidden.
            note.textContent = t('badge_mute_failed', res.message || '');
            note.hidden = false;
          }, (err) => {
            note.textContent = t('badge_mute_failed', String((err && err.message) || err));
            note.hidden = false;
          });
        });
        actions.append(mute, note);
        panel.append(actions);
      }
      panel.append(el('p', 'note', t('badge_footer')));
    };

    const isOpen = () => button.getAttribute('aria-expanded') === 'true';
    function show() {
      render();
      if (canPopover) { try { panel.showPopover(); } catch (_) { /* already open */ } } else panel.hidden = false;
      place();
      button.setAttribute('aria-expanded', 'true');
      const first = panel.querySelector('.mute') || panel.querySelector('.close');
      if (first) first.focus({ preventScroll: true });
    }
    function hide() {
      if (canPopover) { try { panel.hidePopover(); } catch (_) { /* closed */ } } else panel.hidden = true;
      button.setAttribute('aria-expanded', 'false');
      button.focus({ preventScroll: true });
    }
    if (canPopover) {
      panel.addEventListener('toggle', (e) => {
        if (e.newState === 'closed') button.setAttribute('aria-expanded', 'false');
      });
    }
    button.addEventListener('click', (e) => { if (e.isTrusted) (isOpen() ? hide() : show()); });
    panel.addEventListener('keydown', (e) => { if (e.isTrusted && e.key === 'Escape') { e.preventDefault(); hide(); } });
    // The badge sits inside clickable posts (X, Bluesky): keep our clicks and keys to ourselves.
    for (const type of ['click', 'mousedown', 'mouseup', 'pointerdown', 'pointerup', 'touchstart', 'touchend', 'keydown', 'keyup', 'auxclick', 'dblclick']) {
      host.addEventListener(type, (e) => e.stopPropagation());
    }
    host.notworkOpen = show; // for the demo screenshots and tests (an isolated-world expando: the page never sees it)
    return host;
  }

  function setTheme(host, theme) {
    if (host.getAttribute('theme') !== theme) host.setAttribute('theme', theme);
  }

  /** "dark" when the site paints a dark background (or, if it paints none, the OS prefers dark). */
  function pageTheme() {
    for (const node of [document.body, document.documentElement]) {
      if (!node) continue;
      const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(getComputedStyle(node).backgroundColor);
      if (!m || m[4] === '0') continue;
      const lum = (0.2126 * m[1] + 0.7152 * m[2] + 0.0722 * m[3]) / 255;
      return lum < 0.45 ? 'dark' : 'light';
    }
    return window.matchMedia && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  }

  Notwork.badgeUI = { TAG, LABELS, create, setTheme, pageTheme, t };
})();
