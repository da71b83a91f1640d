// The badge itself: <notwork-badge> with its UI in a CLOSED shadow root, so page styles
// cannot reach it and the page's scripts cannot reach into it (host.shadowRoot is null for
// them; tests read it from the content script's world, chrome.dom.openOrClosedShadowRoot).
// A keyboard-focusable button with an accessible name opens a short explanation popover
// (top reasons, "This badge is wrong" → "Trust this author", "Don't badge this account").
// An unbadged post Notwork has evidence on gets <notwork-ask>: a small, faint button (full
// strength on hover and focus) whose popover says "This is promo" / "This is a feed"
// (corrections, extension/shared/corrections.js). Every action handler ignores events that are
// not isTrusted (a page script's click(), dispatchEvent): only the user acts.
// Page text only ever enters through textContent.
'use strict';
(() => {
  if (Notwork.badgeUI) return;
  const TAG = 'notwork-badge';
  const ASK_TAG = 'notwork-ask';
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
    badge_wrong: 'This badge is wrong',
    badge_wrong_done: 'Noted on this device: Notwork now weighs these rules a little less for you. Undo in Notwork’s options.',
    badge_corrections_lowered: 'Your corrections lowered $1',
    badge_corrections_raised: 'Your corrections raised $1',
    badge_correct_failed: 'Not noted: $1',
    badge_trust: 'Trust $1',
    badge_trusted: '$1 is trusted: their posts are no longer badged as feed or promo. Undo in Notwork’s options.',
    badge_trust_failed: 'Not trusted: $1',
    ask_aria: 'Notwork did not badge this post — tell Notwork what it is',
    ask_title: 'Notwork did not badge this post',
    ask_help: 'If it reads like promotion or a feed to you, say so: Notwork weighs its rules a little differently for you, on this device.',
    ask_promo: 'This is promo',
    ask_feed: 'This is a feed',
    ask_done: 'Noted on this device. Undo in Notwork’s options.',
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
.actions { flex-wrap: wrap; }
.wrong, .say, .trust { all: unset; cursor: pointer; font-weight: 600; font-size: 12.5px; padding: 6px 10px; border-radius: 8px; border: 1px solid var(--pline); }
.wrong:hover, .wrong:focus-visible, .say:hover, .say:focus-visible, .trust:hover, .trust:focus-visible { background: var(--chip); }
.wrong:focus-visible, .say:focus-visible, .trust:focus-visible { outline: 2px solid var(--ring); outline-offset: 1px; }
.wrong[disabled], .say[disabled], .trust[disabled], .mute[disabled] { opacity: .6; cursor: default; }
.done { margin: 10px 0 0; padding: 8px 10px; border-radius: 8px; background: var(--chip); font-size: 12px; display: grid; gap: 8px; justify-items: start; }
.done[hidden] { display: none; }
.done:focus { outline: none; }
.moved { margin: 0 0 10px; font-size: 11.5px; color: var(--muted); }
:host([kind="ask"]) { --fg:#5d6878; --bg:transparent; --line:#b9c1cc; --dot:#9aa6b8; --ring:#5b6d8a; }
:host([kind="ask"][theme="dark"]) { --fg:#9aa6b8; --line:#4a5466; --dot:#6f7b8e; --ring:#8fa0bb; }
button.ask { all: unset; box-sizing: border-box; display: inline-flex; align-items: center; justify-content: center;
  width: 19px; height: 19px; border-radius: 999px; border: 1px dashed var(--line); cursor: pointer; opacity: .5;
  transition: opacity .12s; }
button.ask:hover, button.ask:focus-visible, button.ask[aria-expanded="true"] { opacity: 1; }
button.ask:focus-visible { outline: 2px solid var(--ring); outline-offset: 2px; }
button.ask .dot { width: 5px; height: 5px; }
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

  /** The popover shared by the badge and the ask button: placement, open/close, focus, keys.
   *  `render()` fills the panel each time it opens; `onClose()` runs when it closes. */
  function popover(host, button, panel, render, onClose) {
    const canPopover = typeof panel.showPopover === 'function';
    panel.hidden = true;
    if (canPopover) { panel.setAttribute('popover', 'auto'); panel.hidden = false; }
    const place = () => {
      const r = button.getBoundingClientRect();
      const w = Math.min(300, window.innerWidth - 16);
      const left = Math.max(8, Math.min(r.left, window.innerWidth - w - 8));
      panel.style.left = left + 'px';
      const below = r.bottom + 6;
      const h = panel.offsetHeight || 180;
      panel.style.top = (below + h > window.innerHeight - 8 && r.top - 6 - h > 8 ? r.top - 6 - h : below) + 'px';
    };
    const isOpen = () => button.getAttribute('aria-expanded') === 'true';
    const closed = () => {
      if (!isOpen()) return;
      button.setAttribute('aria-expanded', 'false');
      if (onClose) onClose();
    };
    function show() {
      render();
      if (canPopover) { try { panel.showPopover(); } catch (_) { /* already open */ } } else panel.hidden = false;
      place();
      button.setAttribute('aria-expanded', 'true');
      const first = panel.querySelector('.mute') || panel.querySelector('.wrong, .say') || panel.querySelector('.close');
      if (first) first.focus({ preventScroll: true });
    }
    function hide() {
      if (canPopover) { try { panel.hidePopover(); } catch (_) { /* closed */ } } else panel.hidden = true;
      closed();
      button.focus({ preventScroll: true });
    }
    if (canPopover) {
      panel.addEventListener('toggle', (e) => { if (e.newState === 'closed') closed(); });
    }
    button.addEventListener('click', (e) => { if (e.isTrusted) (isOpen() ? hide() : show()); });
    panel.addEventListener('keydown', (e) => { if (e.isTrusted && e.key === 'Escape') { e.preventDefault(); hide(); } });
    // The badge sits inside clickable posts (X, Bluesky): keep our clicks and keys to ourselves.
    for (const type of ['click', 'mousedown', 'mouseup', 'pointerdown', 'pointerup', 'touchstart', 'touchend', 'keydown', 'keyup', 'auxclick', 'dblclick']) {
      host.addEventListener(type, (e) => e.stopPropagation());
    }
    host.notworkOpen = show; // for the demo screenshots and tests (an isolated-world expando: the page never sees it)
    host.notworkIsOpen = isOpen; // badges.js leaves an open popover's post alone until it closes
    return { show, hide, isOpen };
  }

  function headOf(title, hide) {
    const head = el('div', 'head');
    head.append(el('span', 'dot'), el('div', 'title', title));
    const close = el('button', 'close', '×');
    close.type = 'button';
    close.setAttribute('aria-label', t('badge_close'));
    close.addEventListener('click', (e) => { if (e.isTrusted) hide(); });
    head.append(close);
    return head;
  }

  /** "Your corrections lowered P3.title_link" for the rules of this post that corrections moved
   *  (`moved`: {rule: multiplier}); null when none did. */
  function movedNote(reasons, moved) {
    if (!moved) return null;
    const rules = [...new Set((reasons || []).map((r) => r && r.rule).filter((r) => r && moved[r] !== undefined && moved[r] !== 1))];
    const down = rules.filter((r) => moved[r] < 1);
    const up = rules.filter((r) => moved[r] > 1);
    if (!down.length && !up.length) return null;
    const p = el('p', 'moved');
    p.textContent = [down.length ? t('badge_corrections_lowered', down.join(', ')) : '', up.length ? t('badge_corrections_raised', up.join(', ')) : ''].filter(Boolean).join(' · ');
    return p;
  }

  /** What a correction's answer moved, as the explanation says it: {rule: Δm} -> text. */
  function movedText(step) {
    const list = Object.entries(step || {}).sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]));
    const down = list.filter(([, d]) => d < 0).map(([r]) => r);
    const up = list.filter(([, d]) => d > 0).map(([r]) => r);
    return [down.length ? t('badge_corrections_lowered', down.join(', ')) : '', up.length ? t('badge_corrections_raised', up.join(', ')) : ''].filter(Boolean).join(' · ');
  }

  /** Keeps the keyboard in the popover after a pressed button is disabled: its next action, else
   *  the note itself (focusable by script only). */
  function focusIn(box) {
    const next = box.querySelector('button:not([disabled])');
    if (!next) box.tabIndex = -1;
    (next || box).focus({ preventScroll: true });
  }

  /** A trusted-click button that runs `act()` once and shows its answer in `out`. */
  function actionButton(cls, text, act, done, failed) {
    const b = el('button', cls, text);
    b.type = 'button';
    b.addEventListener('click', (e) => {
      if (!e.isTrusted || b.disabled) return;
      b.disabled = true;
      Promise.resolve().then(act).then((res) => {
        if (res && res.ok !== false) { done(res); return; }
        b.disabled = false;
        failed(String((res && (res.message || res.error)) || ''));
      }, (err) => { b.disabled = false; failed(String((err && err.message) || err)); });
    });
    return b;
  }

  /**
   * A badge for one post. `info()` is called when the popover opens and returns the current
   * {result, authorLabel, moved} for the badge's key; `onMute()` hides the author's badges;
   * `onCorrect()` says the badge is wrong (-> the correction's answer), `onTrust()` trusts the
   * author; `onClose()` runs when the popover closes.
   */
  /** A host element with a closed shadow root, its styles and the button that opens its
   *  popover (a dialog). -> {host, shadow, button} */
  function shell(tag, attrs, theme, buttonClass, ariaLabel) {
    const host = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) host.setAttribute(k, v);
    if (theme) host.setAttribute('theme', theme);
    const shadow = host.attachShadow({ mode: 'closed' });
    styleInto(shadow);
    const button = el('button', buttonClass);
    button.type = 'button';
    button.setAttribute('aria-label', ariaLabel);
    button.setAttribute('aria-haspopup', 'dialog');
    button.setAttribute('aria-expanded', 'false');
    return { host, shadow, button };
  }

  function create({ label, key, theme, info, onMute, onCorrect, onTrust, onClose }) {
    if (!LABELS.includes(label)) throw new Error('no badge for label ' + label);
    const { host, shadow, button } = shell(TAG, { label, 'data-key': key }, theme, 'badge', t('badge_aria_' + label));
    button.append(el('span', 'dot'), el('span', 'text', t('badge_' + label)));
    button.firstChild.setAttribute('aria-hidden', 'true');
    const panel = el('div', 'panel');
    panel.setAttribute('role', 'dialog');
    panel.setAttribute('aria-label', t('badge_title_' + label));
    shadow.append(button, panel);

    const render = () => {
      const { result, authorLabel, moved } = info() || {};
      panel.replaceChildren();
      panel.append(headOf(t('badge_title_' + label), () => pop.hide()), el('p', 'sub', t('badge_reasons')));
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
      const movedP = movedNote(mine.length ? mine : reasons, moved);
      if (movedP) panel.append(movedP);
      const actions = el('div', 'actions');
      const note = el('p', 'note failed');
      note.setAttribute('role', 'status');
      note.hidden = true;
      const say = (text) => { note.textContent = text; note.hidden = false; };
      // What a correction did: said in a live region, with "Trust this author" next to it.
      const done = el('div', 'done');
      done.setAttribute('role', 'status');
      done.hidden = true;
      if (onCorrect) {
        const wrong = actionButton('wrong', t('badge_wrong'), () => onCorrect(), (res) => {
          const text = el('span', '', t('badge_wrong_done'));
          const what = movedText(res.moved);
          const parts = [text];
          if (what) parts.push(el('span', 'moved-now', what));
          if (authorLabel && onTrust) {
            const trustNote = el('span', '');
            trustNote.hidden = true;
            const trust = actionButton('trust', t('badge_trust', authorLabel), () => onTrust(), () => {
              trustNote.textContent = t('badge_trusted', authorLabel);
              trustNote.hidden = false;
            }, (msg) => { trustNote.textContent = t('badge_trust_failed', msg); trustNote.hidden = false; });
            parts.push(trust, trustNote);
          }
          done.replaceChildren(...parts);
          done.hidden = false;
          focusIn(done);
        }, (msg) => say(t('badge_correct_failed', msg)));
        actions.append(wrong);
      }
      if (authorLabel && onMute) {
        const mute = el('button', 'mute', t('badge_mute', authorLabel));
        mute.type = 'button';
        mute.addEventListener('click', (e) => {
          if (!e.isTrusted || mute.disabled) return;
          mute.disabled = true;
          Promise.resolve(onMute()).then((res) => {
            if (!res || res.ok !== false) return;
            // A full list or an over-long name: say so; nothing was hidden.
            say(t('badge_mute_failed', res.message || ''));
          }, (err) => say(t('badge_mute_failed', String((err && err.message) || err))));
        });
        actions.append(mute);
      }
      if (actions.childNodes.length) {
        actions.append(note);
        panel.append(actions, done);
      }
      panel.append(el('p', 'note', t('badge_footer')));
    };
    const pop = popover(host, button, panel, render, onClose);
    return host;
  }

  /**
   * The small "tell Notwork" button of an unbadged post. `info()` -> {result, can: {pure_promo,
   * autofeed} (which of "This is promo" / "This is a feed" can move anything), moved};
   * `onSay(label)` records the correction (-> its answer); `onClose()` as for a badge.
   */
  function createAsk({ key, theme, info, onSay, onClose }) {
    const { host, shadow, button } = shell(ASK_TAG, { kind: 'ask', 'data-key': key }, theme, 'ask', t('ask_aria'));
    button.title = t('ask_title');
    const dot = el('span', 'dot');
    dot.setAttribute('aria-hidden', 'true');
    button.append(dot);
    const panel = el('div', 'panel');
    panel.setAttribute('role', 'dialog');
    panel.setAttribute('aria-label', t('ask_title'));
    shadow.append(button, panel);
    const render = () => {
      const { result, can, moved } = info() || {};
      panel.replaceChildren(headOf(t('ask_title'), () => pop.hide()), el('p', 'detail', t('ask_help')));
      const movedP = movedNote(result && result.reasons, moved);
      if (movedP) panel.append(movedP);
      const actions = el('div', 'actions');
      const note = el('p', 'note failed');
      note.setAttribute('role', 'status');
      note.hidden = true;
      const done = el('div', 'done');
      done.setAttribute('role', 'status');
      done.hidden = true;
      for (const [label, text] of [['pure_promo', t('ask_promo')], ['autofeed', t('ask_feed')]]) {
        if (!can || !can[label]) continue;
        const b = actionButton('say', text, () => onSay(label), (res) => {
          const what = movedText(res.moved);
          done.replaceChildren(el('span', '', t('ask_done')), ...(what ? [el('span', 'moved-now', what)] : []));
          done.hidden = false;
          for (const x of actions.querySelectorAll('.say')) x.disabled = true;
          focusIn(done);
        }, (msg) => { note.textContent = t('badge_correct_failed', msg); note.hidden = false; });
        b.setAttribute('data-label', label);
        actions.append(b);
      }
      actions.append(note);
      panel.append(actions, done, el('p', 'note', t('badge_footer')));
    };
    const pop = popover(host, button, panel, render, onClose);
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

  Notwork.badgeUI = { TAG, ASK_TAG, LABELS, create, createAsk, setTheme, pageTheme, t };
})();
