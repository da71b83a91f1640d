/* Notwork compose nudges (rulebook: "Compose nudges").
 *
 * While the user writes a post, reply, DM, comment or invitation in a composer the
 * site adapter finds, the draft is scored (debounced, never during IME composition)
 * through the same engine client the badges use. When it reads like a broadcast, a
 * small dismissible nudge appears beside the composer, in a shadow root, saying what
 * it noticed and the social alternative. It never blocks or alters posting.
 *
 * Also remembers which links the user opens from the site (P4 "read before you
 * share"): clicks on links → adapter.linkTarget → `notwork:link-opened`. The history
 * itself stays in the service worker: a draft's links are checked with
 * `notwork:links-opened` ("which of these were opened?").
 *
 * A page cannot act for the user (issue 13): the nudge lives in a CLOSED shadow root and
 * every handler (the nudge's buttons, the link clicks) ignores events that are not
 * isTrusted; "Don't show this again" goes to the service worker, which re-reads the stored
 * settings before it adds the rules.
 *
 * DOM contract: the host element carries data-notwork-nudge="<rule ids>".
 * Depends on: extension/shared/settings.js, the adapters (Notwork.adapters), the engine
 * client (Notwork.engine, else the `notwork:score` message).
 */
(function () {
  'use strict';
  const NS = (globalThis.Notwork = globalThis.Notwork || {});
  if (NS.nudges) return;

  const DEBOUNCE_MS = 400;
  const SCAN_MS = 250;
  const MIN_CONTRIBUTION = 0.05;
  const DRAFT_MIN = 0.5;
  const BROADCAST_LABELS = ['autofeed', 'pure_promo'];
  // Principles a nudge speaks about (rulebook: broadcasts in the composer).
  const NUDGE_PRINCIPLES = ['P2', 'P3', 'P4', 'P5', 'P6', 'P7', 'P8', 'P11', 'P13', 'P15', 'P17', 'P18'];
  // Signals only a composer has; they nudge whatever the overall label is (when they speak for a
  // broadcast label: see decide()). The core reads P8 (a repeat of your own post) and P11
  // (another network's artefacts) on drafts only.
  const COMPOSER_PRINCIPLES = ['P4', 'P8', 'P11', 'P13'];
  const MAX_LINES = 2;
  // Facts about this very draft come before style: "you posted this before", "this is a DM
  // that sells", "this is paid", "default invitation", "you haven't opened it".
  const FIRST = ['P8', 'P5', 'P6', 'P13', 'P4'];
  const rank = (p) => { const i = FIRST.indexOf(p); return i < 0 ? FIRST.length : i; };

  const t = (key, subs) => {
    try {
      return chrome.i18n.getMessage(key, subs) || '';
    } catch (_) {
      return '';
    }
  };

  // ------------------------------------------------------------ pure decision

  /** Which nudge (if any) a scored draft deserves.
   *  -> null | {rules: [rule ids], lines: [{principle, noticed, suggestion}]} */
  function decide(result, dismissedRules) {
    if (!result || !Array.isArray(result.reasons)) return null;
    const dismissed = new Set(dismissedRules || []);
    // A draft is nudged a little earlier than a post is badged: a neutral draft whose
    // broadcast score is already past DRAFT_MIN gets the gentle note too.
    const scores = result.scores || {};
    const broadcast = BROADCAST_LABELS.includes(result.label) ||
      (result.label === 'neutral' && BROADCAST_LABELS.some((l) => (scores[l] || 0) >= DRAFT_MIN));
    // Only evidence FOR a broadcast label is nudged about. A rule can also speak for another
    // label (the core answers a personal invitation note with P13.default_invitation labelled
    // conversation: "this is not the template"), and that is no reason to nudge.
    const reasons = result.reasons
      .filter((r) => r && r.contribution >= MIN_CONTRIBUTION && !dismissed.has(r.rule) && BROADCAST_LABELS.includes(r.label))
      .filter((r) => {
        const p = r.principle || String(r.rule).split('.')[0];
        return COMPOSER_PRINCIPLES.includes(p) || broadcast;
      })
      .sort((a, b) => b.contribution - a.contribution);
    if (!reasons.length) return null;
    const principle = (r) => r.principle || String(r.rule).split('.')[0];
    const byPriority = [...reasons].sort((a, b) => rank(principle(a)) - rank(principle(b))); // stable: contribution within a rank
    const lines = [];
    const seen = new Set();
    for (const r of byPriority) {
      const p = r.principle || String(r.rule).split('.')[0];
      const key = NUDGE_PRINCIPLES.includes(p) ? p : 'generic';
      if (seen.has(key)) continue;
      seen.add(key);
      lines.push({
        principle: p,
        noticed: t('nudge_noticed_' + key) || t('nudge_noticed_generic'),
        suggestion: t('nudge_try_' + key) || t('nudge_try_generic'),
      });
      if (lines.length >= MAX_LINES) break;
    }
    return { rules: [...new Set(reasons.map((r) => r.rule))], lines };
  }

  const URL_RE = /\b(?:https?:\/\/|www\.)[^\s<>"'`]+/gi;

  /** Links written in a draft, without trailing punctuation. */
  function draftLinks(text) {
    const out = [];
    for (const m of String(text).match(URL_RE) || []) {
      const url = m.replace(/[).,;:!?'"\]]+$/, '');
      if (!out.includes(url)) out.push(url);
    }
    return out;
  }

  // ------------------------------------------------------------ state

  const S = globalThis.NotworkSettings;
  let settings = S ? S.defaults() : { nudges: { enabled: true, dismissedRules: [] }, sites: {} };
  let opened = new Set();
  const editors = new Map(); // editor element -> state
  let adapter = null;
  let paused = false; // "Pause on this site" (settings.setPaused; chrome.storage.local pausedSites)

  function siteEnabled() {
    return adapter && !paused && settings.nudges.enabled !== false && settings.sites[adapter.id] !== false;
  }

  function currentUser() {
    try {
      if (typeof adapter.currentUser === 'function') return adapter.currentUser(location, document) || '';
    } catch (_) {}
    return '';
  }

  // ------------------------------------------------------------ the user's own sites

  const hostOf = (url) => {
    const n = url && S.normalizeUrl(url);
    return n ? n.split(/[/:?#]/)[0] : '';
  };
  const squeeze = (s) => String(s || '').toLowerCase().replace(/[^a-z0-9]/g, '');
  const sameUser = (a, b) => !!a && !!b && String(a).replace(/^@/, '').toLowerCase() === String(b).replace(/^@/, '').toLowerCase();
  const within = (host, site) => host === site || host.endsWith('.' + site);

  /** Sites that are the user's own: the website they give (WordPress' Website field), their
   *  author_url, and any domain that recurs (2+) across their own posts seen on this page
   *  (the badges' bounded recent list). The site itself never counts. */
  function ownSites(me, authorUrl) {
    const here = hostOf(location.origin);
    const own = new Set();
    const counts = new Map();
    const add = (h) => { if (h && h !== here) own.add(h); };
    add(hostOf(authorUrl));
    const recent = me && NS.badges && typeof NS.badges.recentPosts === 'function' ? NS.badges.recentPosts() : [];
    for (const p of recent) {
      if (!sameUser(p.author, me)) continue;
      add(hostOf(p.author_url));
      for (const h of new Set((p.links || []).map(hostOf))) counts.set(h, (counts.get(h) || 0) + 1);
    }
    for (const [h, n] of counts) if (n >= 2) add(h);
    return own;
  }

  /** A link to the user's own site: one of ownSites, or a domain named after the handle
   *  ("maya_writes" → mayawrites.blog), as the core's P2 rule reads it. */
  function isOwnLink(host, me, sites) {
    for (const s of sites) if (within(host, s)) return true;
    const labels = host.split('.').slice(0, -1).map(squeeze); // the name part, without the TLD
    const label = labels.reduce((a, b) => (b.length > a.length ? b : a), '');
    const who = squeeze(String(me || '').split('@')[0]);
    return label.length >= 4 && who.length >= 4 && (who.includes(label) || label.includes(who));
  }

  // ------------------------------------------------------------ scoring

  /** Which of the links did the user open? The service worker answers from the history it
   *  keeps; links opened from this tab are known here already. */
  async function openedAmong(urls) {
    const here = urls.map((u) => opened.has(S.normalizeUrl(u)));
    const ask = urls.filter((u, i) => !here[i]).slice(0, S.QUERY_MAX);
    if (!ask.length) return here;
    let answer = null;
    try {
      answer = await chrome.runtime.sendMessage({ type: 'notwork:links-opened', urls: ask });
    } catch (_) { /* no answer: treat them as not opened */ }
    const got = answer && Array.isArray(answer.opened) ? answer.opened : [];
    let k = 0;
    return here.map((h) => h || (k < ask.length ? !!got[k++] : false));
  }

  async function scoreDrafts(posts) {
    const client = NS.engine || NS.engineClient;
    if (client && typeof client.scoreBatch === 'function') return client.scoreBatch(posts);
    if (client && typeof client.score === 'function') return client.score(posts);
    const res = await chrome.runtime.sendMessage({ type: 'notwork:score', posts });
    if (!res || !Array.isArray(res.results)) throw new Error((res && res.error) || 'no answer from the scoring engine');
    return res.results;
  }

  /** The draft as a Post for the core. Posts, replies, quotes and comments are sent as
   *  kind "draft": the core scores them with the user's own recent posts as context (P8,
   *  P2) and never records them (a draft is re-scored on every pause). DMs and invitations
   *  keep their kinds (P5, P13) and go without an author, so they are not recorded either. */
  async function draftPost(state, text) {
    const c = adapter.composers;
    let kind = 'post';
    let ctx = null;
    try {
      kind = c.kind(state.el) || 'post';
      ctx = c.replyContext ? c.replyContext(state.el) : null;
    } catch (_) {}
    const post = { text, site: adapter.id, kind: 'draft' };
    const me = currentUser();
    let authorUrl = null;
    try {
      authorUrl = c.authorUrl ? c.authorUrl(state.el) : null;
    } catch (_) {}
    if (kind === 'dm' || kind === 'invitation') post.kind = kind;
    else {
      if (me) post.author = me;
      if (authorUrl) post.author_url = authorUrl;
    }
    if (kind === 'reply') {
      post.is_reply = true;
      if (ctx && ctx.author) post.reply_to = ctx.author;
    }
    if (kind === 'quote' && ctx && ctx.author) post.quoted_author = ctx.author;
    // P4 is about other people's work: your own site's links need no opening first.
    const here = hostOf(location.origin);
    const mine = ownSites(me, authorUrl);
    const others = draftLinks(text).filter((u) => {
      const n = S.normalizeUrl(u);
      if (!n) return false;
      const host = n.split(/[/:?#]/)[0];
      return host !== here && !isOwnLink(host, me, mine);
    }).slice(0, S.QUERY_MAX);
    const wasOpened = others.length ? await openedAmong(others) : [];
    const unopened = others.filter((u, i) => !wasOpened[i]);
    if (unopened.length) post.unopened_links = unopened;
    return post;
  }

  async function evaluate(state) {
    const seq = ++state.seq;
    let text = '';
    try {
      text = String(adapter.composers.readDraft(state.el) || '').trim();
    } catch (_) {}
    if (!text || !siteEnabled()) {
      state.snoozed = null;
      return render(state, null);
    }
    let results;
    try {
      results = await scoreDrafts([await draftPost(state, text)]);
    } catch (e) {
      return; // scoring unavailable: say nothing rather than something wrong
    }
    if (seq !== state.seq || !state.el.isConnected) return;
    // Observable progress for tests and the demo (like the badges' data-notwork-scored).
    const root = document.documentElement;
    root.dataset.notworkDrafts = String(Number(root.dataset.notworkDrafts || 0) + 1);
    const nudge = decide(results && results[0], settings.nudges.dismissedRules);
    if (nudge && state.snoozed === nudge.rules.join(',')) return render(state, null);
    render(state, nudge);
  }

  function schedule(state) {
    clearTimeout(state.timer);
    state.timer = setTimeout(() => {
      if (!state.composing) evaluate(state);
    }, DEBOUNCE_MS);
  }

  // ------------------------------------------------------------ UI

  const CSS = `
:host { all: initial; display: block; margin: 6px 0; contain: content; }
.card { box-sizing: border-box; display: grid; grid-template-columns: 22px 1fr auto; gap: 2px 10px;
  font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2a24;
  background: #f3faf6; border: 1px solid #b9dcc8; border-left: 4px solid #2f8f5b; border-radius: 10px;
  padding: 10px 12px; max-width: 560px; box-shadow: 0 1px 3px rgba(0,0,0,.08); }
.icon { grid-row: 1 / span 3; width: 22px; height: 22px; margin-top: 1px; }
.title { font-weight: 600; color: #22683f; font-size: 12px; letter-spacing: .02em; }
.close { all: unset; cursor: pointer; color: #5a6b62; font-size: 16px; line-height: 1; padding: 0 2px; border-radius: 4px; }
.close:hover, .close:focus-visible { color: #1d2a24; background: rgba(0,0,0,.06); }
.lines { grid-column: 2 / span 2; margin: 2px 0 0; padding: 0; list-style: none; }
.lines li + li { margin-top: 6px; }
.noticed { display: block; }
.try { display: block; color: #2d4a3a; }
.try b { font-weight: 600; }
.pid { font: 600 10px/1 ui-monospace, SFMono-Regular, Menlo, monospace; color: #22683f; background: #dff0e6;
  border-radius: 4px; padding: 2px 4px; margin-left: 4px; vertical-align: 1px; }
.actions { grid-column: 2 / span 2; display: flex; gap: 8px; margin-top: 8px; flex-wrap: wrap; }
button.act { all: unset; cursor: pointer; font: 600 12px/1 system-ui, sans-serif; padding: 6px 10px; border-radius: 999px;
  border: 1px solid #b9dcc8; color: #22683f; background: #fff; }
button.act:hover, button.act:focus-visible { background: #e6f4ec; outline: 2px solid transparent; }
button.act.quiet { border-color: transparent; background: transparent; color: #5a6b62; }
@media (prefers-color-scheme: dark) {
  .card { background: #17221c; color: #e3efe8; border-color: #2f5a43; border-left-color: #4fbf82; }
  .title, .pid { color: #7fd6a6; } .pid { background: #21382b; } .try { color: #c6dccf; }
  button.act { background: #1d2b23; color: #9fe3bd; border-color: #2f5a43; } button.act.quiet { color: #a9b8b0; background: transparent; }
  .close { color: #a9b8b0; }
}`;

  let sheet = null;
  function styleShadow(shadow) {
    try {
      if (!sheet) {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(CSS);
      }
      shadow.adoptedStyleSheets = [sheet];
    } catch (_) {
      const style = document.createElement('style');
      style.textContent = CSS;
      shadow.appendChild(style);
    }
  }

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function icon() {
    const ns = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('class', 'icon');
    svg.setAttribute('aria-hidden', 'true');
    const c = document.createElementNS(ns, 'circle');
    c.setAttribute('cx', '12'); c.setAttribute('cy', '12'); c.setAttribute('r', '11'); c.setAttribute('fill', '#2f8f5b');
    const p = document.createElementNS(ns, 'path');
    p.setAttribute('d', 'M7 15.5c3.5 0 6-2.5 6-6.5 2.5 1 4 3.2 4 5.5 0 2.8-2.2 4.5-5 4.5-2 0-3.7-1.2-5-3.5zM12.5 9.5C11 12 9 13.5 6.5 14');
    p.setAttribute('fill', 'none'); p.setAttribute('stroke', '#fff'); p.setAttribute('stroke-width', '1.6'); p.setAttribute('stroke-linecap', 'round');
    svg.append(c, p);
    return svg;
  }

  function render(state, nudge) {
    if (!nudge) {
      if (state.host) state.host.remove();
      state.host = null;
      state.shown = null;
      return;
    }
    const key = nudge.rules.join(',');
    if (state.host && state.host.isConnected && state.shown === key) return;
    if (!state.host) {
      state.host = document.createElement('notwork-nudge');
      state.shadow = state.host.attachShadow({ mode: 'closed' });
      styleShadow(state.shadow);
    }
    state.shown = key;
    state.host.setAttribute('data-notwork-nudge', key);
    const shadow = state.shadow;
    for (const n of [...shadow.childNodes]) if (n.nodeName !== 'STYLE') n.remove();

    const card = el('div', 'card');
    card.setAttribute('role', 'status');
    card.setAttribute('aria-live', 'polite');
    card.append(icon(), el('div', 'title', t('nudge_title')));
    const close = el('button', 'close', '×');
    close.type = 'button';
    close.title = t('nudge_close');
    close.setAttribute('aria-label', t('nudge_close'));
    card.append(close);
    const list = el('ul', 'lines');
    for (const line of nudge.lines) {
      const li = el('li');
      const noticed = el('span', 'noticed', line.noticed);
      noticed.append(el('span', 'pid', line.principle));
      const tryLine = el('span', 'try');
      tryLine.append(el('b', '', t('nudge_try_prefix') + ' '), document.createTextNode(line.suggestion));
      li.append(noticed, tryLine);
      list.append(li);
    }
    card.append(list);
    const actions = el('div', 'actions');
    const gotIt = el('button', 'act', t('nudge_got_it'));
    gotIt.type = 'button';
    const never = el('button', 'act quiet', t('nudge_dont_show'));
    never.type = 'button';
    never.setAttribute('data-action', 'dismiss-rule');
    actions.append(gotIt, never);
    card.append(actions);
    shadow.append(card);

    const snooze = (e) => {
      if (!e.isTrusted) return; // a page script's click() or dispatchEvent: not the user
      state.snoozed = key;
      render(state, null);
    };
    close.addEventListener('click', snooze);
    gotIt.addEventListener('click', snooze);
    never.addEventListener('click', (e) => {
      if (!e.isTrusted) return;
      dismissRules(nudge.rules);
      render(state, null);
    });

    if (!state.host.isConnected) {
      let anchor = null;
      try {
        anchor = adapter.composers.anchor(state.el);
      } catch (_) {}
      anchor = anchor && anchor.isConnected ? anchor : state.el;
      anchor.after(state.host);
    }
  }

  /** The service worker re-reads the stored settings and adds the rules (capped); while the
   *  stored document cannot be read (a sync in progress, a newer Notwork) it refuses, and the
   *  rules are dismissed in this tab only. */
  async function dismissRules(rules) {
    const next = S.merge(settings, {});
    next.nudges.dismissedRules = [...new Set([...(next.nudges.dismissedRules || []), ...rules])];
    settings = next; // effective at once in this tab; storage spreads it to the others
    let res;
    try {
      res = await chrome.runtime.sendMessage({ type: 'notwork:dismiss-rules', rules: rules.slice(0, 64) });
    } catch (e) {
      res = { ok: false, errors: [{ message: String((e && e.message) || e) }] };
    }
    if (!res || res.error || !res.ok) console.warn('Notwork: could not save the dismissed nudge:', (res && (res.error || (res.errors || []).map((e) => e.message).join('; '))) || 'no answer');
  }

  // ------------------------------------------------------------ composers

  function attach(editor) {
    const state = { el: editor, timer: 0, seq: 0, composing: false, host: null, shadow: null, shown: null, snoozed: null };
    editors.set(editor, state);
    const opts = { passive: true };
    editor.addEventListener('compositionstart', () => { state.composing = true; }, opts);
    editor.addEventListener('compositionend', () => { state.composing = false; schedule(state); }, opts);
    editor.addEventListener('input', (e) => { if (!e.isComposing) schedule(state); }, opts);
    editor.addEventListener('focus', () => schedule(state), opts);
    schedule(state);
  }

  function scan() {
    if (!adapter || !adapter.composers) return;
    let found = [];
    try {
      found = adapter.composers.find(document) || [];
    } catch (_) {}
    for (const e of found) if (!editors.has(e)) attach(e);
    for (const [e, state] of editors) {
      if (!e.isConnected) {
        clearTimeout(state.timer);
        if (state.host) state.host.remove();
        editors.delete(e);
      }
    }
  }

  let scanTimer = 0;
  function scheduleScan() {
    if (!scanTimer) scanTimer = setTimeout(() => { scanTimer = 0; scan(); }, SCAN_MS);
  }

  const ours = (n) => n.nodeType === 1 && n.nodeName === 'NOTWORK-NUDGE';

  // ------------------------------------------------------------ opened links (P4)

  function onLinkActivated(e) {
    if (!e.isTrusted) return; // a page script's a.click(): the user opened nothing
    if (!adapter || typeof adapter.linkTarget !== 'function') return;
    if (e.type === 'auxclick' && e.button !== 1) return;
    const a = e.target && e.target.closest ? e.target.closest('a[href]') : null;
    if (!a) return;
    let url = null;
    try {
      url = adapter.linkTarget(a);
    } catch (_) {}
    const n = url && S.normalizeUrl(url);
    if (!n) return;
    opened.add(n);
    chrome.runtime.sendMessage({ type: 'notwork:link-opened', url }).catch(() => S.recordOpenedLink(url).catch(() => {}));
  }

  // ------------------------------------------------------------ start

  async function start() {
    if (!S || !NS.adapters || typeof NS.adapters.forPage !== 'function') return;
    adapter = NS.adapters.forPage(location, document);
    if (!adapter) return;
    const pausedHere = (p) => !!(p && typeof p === 'object' && p[location.hostname.toLowerCase()]);
    [settings, paused] = await Promise.all([S.load(), chrome.storage.local.get('pausedSites').then((r) => pausedHere(r.pausedSites), () => false)]);
    const again = () => {
      for (const state of editors.values()) {
        state.snoozed = null;
        schedule(state);
      }
    };
    S.onChange((next) => { settings = next; again(); });
    chrome.storage.onChanged.addListener((c, area) => {
      if (area !== 'local' || !c.pausedSites) return;
      const now = pausedHere(c.pausedSites.newValue);
      if (now !== paused) { paused = now; again(); } // paused: evaluate() takes the nudge away
    });
    document.addEventListener('click', onLinkActivated, { capture: true, passive: true });
    document.addEventListener('auxclick', onLinkActivated, { capture: true, passive: true });
    new MutationObserver((records) => {
      for (const r of records) {
        if (ours(r.target) || [...r.addedNodes].some(ours) || [...r.removedNodes].some(ours)) continue;
        return scheduleScan();
      }
    }).observe(document.documentElement, { childList: true, subtree: true });
    scan();
  }

  NS.nudges = { decide, draftLinks, isOwnLink, rescan: scan };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
})();
