// Timeline badges: score every post the site adapter finds and show one badge per post.
//
// Reconcile, don't mark: mutation records become candidate post roots; each post is
// extracted, the unseen ones are scored in ONE engine call, and the DOM changes only where it
// differs from the verdict. Verdicts are keyed by the post's `key` (permalink/status id),
// never by the element, so recycled nodes (X's virtualized cells, Mastodon's un-rendered
// statuses) stay right.
//
// Badges before paint: on the in-page engine, posts inserted together are reconciled inside
// the MutationObserver callback itself (the microtask checkpoint after the page's insertion,
// before the frame that paints them) as far as their measured cost fits FIRST_FRAME_MS; their
// badges are in the first frame, in the page's own style/layout pass, so they shift nothing.
// The rest follows in one task posted at once (usually still before that frame, see followUp())
// and then in idle slots, as before. On the service-worker path the observer callback
// extracts what fits the budget and sends it at once; its later batches wait for idle slots.
//
// No long tasks: extraction stops after SLICE_MS per idle slot; scoring goes through
// engine-client.js (the wasm core in this content script, or the service worker where the
// page's CSP forbids WebAssembly), one batch per call; a batch's badges go in all
// at once (one style/layout pass for the page, not one per frame) and nothing here reads
// layout. The page's theme is read in an animation frame, where that style is computed anyway.
'use strict';
(() => {
  if (Notwork.badges) return;
  const UI = Notwork.badgeUI;
  const SHOWN = new Set(UI.LABELS);
  const MAX_VERDICTS = 3000;   // bounded per-page cache (key -> verdict)
  const MAX_REPLAY = 400;      // posts replayed through a re-configured engine
  const MAX_BATCH = 100;       // posts per engine call, at most…
  const CALL_BUDGET_MS = 100;  // …sized so one call keeps the service worker (shared by all tabs) responsive
  const SLICE_MS = 12;         // extraction budget per idle slot
  const FIRST_FRAME_MS = 4;    // the first-frame path's budget: extraction, scoring and badges
                               // inside the MutationObserver callback (see firstFrame())
  const IDLE_PASS_MS = 20;     // in-page engine: at most this long per idle slot (all three steps)…
  const FOLLOW_MS = 24;        // …or in the one task posted right after the observer callback

  let adapter = null;
  let settings = null;
  let configured = null;       // the core configuration given to the engine (settings + corrections)
  let muted = {};
  let trusted = {};            // trusted authors: never autofeed/pure_promo (settings.setTrusted)
  let paused = false;          // "Pause on this site" (settings.setPaused): no badges here
  let enabled = false;
  let observer = null;
  let pageUrl = location.href;
  let theme = null;

  const verdicts = new Map();        // key -> {label, result, post}
  const failed = new Map();          // key -> batches of it that failed (retried up to MAX_TRIES)
  const MAX_TRIES = 3;
  const seenOrder = [];              // recent posts of this page, oldest first (for replay)
  const roots = new WeakSet();       // every element a findPosts() ever returned
  const shownKey = new WeakMap();    // root -> key it was last reconciled for
  let records = [];                  // queued mutation records
  const toScore = new Map();         // key -> post, extracted and waiting for the engine
  const toWait = [];                 // [root, post] that get their badge when those are scored
  const leftover = new Set();        // candidates a time slice did not reach
  let fullScan = true;
  let replay = false;
  let scheduled = false;
  let busy = false;
  // longestMs: the longest stretch of this module's own work in one task (extraction slice,
  // badge insertion); the bench reads it to check that no long task comes from here.
  // firstFrame: posts scored and badged inside the MutationObserver callback (before the frame
  // that paints them); firstFramePasses / longestFirstFrameMs: those passes and the longest one;
  // extractMs / badgeMs: running per-post costs of extraction and of putting a badge in (ms).
  const stats = { batches: 0, scored: 0, lastBatchMs: 0, longestMs: 0,
    firstFrame: 0, firstFramePasses: 0, longestFirstFrameMs: 0, extractMs: null, badgeMs: null };
  const took = (t0) => { const ms = performance.now() - t0; if (ms > stats.longestMs) stats.longestMs = ms; return ms; };
  const average = (old, x) => (old == null ? x : old * 0.7 + x * 0.3);
  let batchSize = 10;          // starts small, then follows the measured cost per post…
  function measured(posts, ms) {
    const perPost = Math.max(ms, 0.5) / posts;
    const fits = Math.floor(CALL_BUDGET_MS / perPost);
    batchSize = Math.max(5, Math.min(MAX_BATCH, batchSize * 2, fits)); // …growing at most 2× per call
  }

  // ---------------------------------------------------------------- settings

  const S = globalThis.NotworkSettings;
  // Corrections (extension/shared/corrections.js): their steps scale the engine's rule weights;
  // a badge's explanation says which of its rules they moved. The worker stores them.
  const NC = globalThis.NotworkCorrections;
  let corrections = [];
  let moved = {};              // rule -> multiplier from corrections
  async function loadCorrections() {
    if (!NC) return;
    try { corrections = (await NC.read()).list; } catch (_) { corrections = []; }
    moved = NC.multipliers(corrections);
  }
  async function loadSettings() {
    if (S) return S.load();
    const { settings: s } = await chrome.storage.sync.get('settings'); // defensive fallback
    return Object.assign({ sites: {}, core: { version: 1 }, mastodonInstances: ['mastodon.social'], blogs: [] }, s || {});
  }
  const objOr = (v) => (v && typeof v === 'object' ? v : {});
  const host = () => location.hostname.toLowerCase();
  async function loadMuted() {
    const got = await chrome.storage.local.get(['mutedAuthors', 'trustedAuthors', 'pausedSites']);
    trusted = objOr(got.trustedAuthors);
    paused = !!objOr(got.pausedSites)[host()];
    return objOr(got.mutedAuthors);
  }

  function siteEnabled() {
    if (!adapter || !settings) return false;
    if (settings.sites && settings.sites[adapter.id] === false) return false;
    const host = location.hostname;
    if (adapter.id === 'wordpress') return (settings.blogs || []).includes(host);
    if (adapter.id === 'mastodon') return (settings.mastodonInstances || []).includes(host);
    return true;
  }

  const authorKey = (post) => `${post.site}:${String(post.author || '').toLowerCase()}`;
  const isMuted = (post) => !!muted[authorKey(post)];
  const isTrusted = (post) => !!trusted[authorKey(post)];
  /** A trusted author's post keeps only a genuine_share badge (and no action, actions.js). */
  const shows = (post, label) => SHOWN.has(label) && !(label !== 'genuine_share' && isTrusted(post));

  // ---------------------------------------------------------------- scheduling

  // Deferred work waits for an idle slot. On the in-page engine, what the observer callback had
  // no budget for first gets ONE follow-up task posted at once (FOLLOW_MS at most, its own task,
  // input and rendering can run before it): most of the time it runs before the frame that first
  // paints the posts, so their badges still join that frame's style/layout pass instead of
  // causing one more (on a long timeline each pass is the page's full pre-paint/paint cost).
  // When the frame comes first, the follow-up runs in its animation-frame callbacks instead:
  // FOLLOW_MS more in that rendering task, and the badges are in that frame. Measured
  // (docs/performance.md): with posted 6 ms tasks instead, 20-post insertions had 32–51 % of
  // their posts badged in the first frame; with this follow-up 92–97 %.
  const post = globalThis.scheduler && typeof scheduler.postTask === 'function'
    ? (fn) => scheduler.postTask(fn, { priority: 'user-blocking' }).catch(() => {})
    : (() => { const ch = new MessageChannel(); const q = []; ch.port1.onmessage = () => q.shift()(); return (fn) => { q.push(fn); ch.port2.postMessage(0); }; })();
  let following = false;
  function followUp() {
    if (following) return;
    following = true;
    // Whichever comes first: the posted task, or — when the frame is due before it — that
    // frame's animation-frame callbacks (then these badges are in that frame for sure).
    const run = () => { if (!following) return; following = false; flush(null, FOLLOW_MS); };
    post(run);
    requestAnimationFrame(run);
  }
  function schedule() {
    if (scheduled) return;
    scheduled = true;
    const run = (deadline) => { scheduled = false; flush(deadline); };
    if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 150 });
    else requestAnimationFrame(() => run(null));
  }

  const ours = (n) => n && n.nodeType === 1 && (n.localName === UI.TAG || n.localName === UI.ASK_TAG);
  function onMutations(list) {
    for (const r of list) {
      if (r.type === 'childList' && [...r.addedNodes, ...r.removedNodes].every(ours)) continue;
      records.push(r);
    }
    if (!records.length) return;
    let inPage = false;
    if (firstFrameReady()) { firstFrame(); inPage = Notwork.engine.canScoreNow; }
    if (!busy && (records.length || leftover.size || toScore.size)) (inPage ? followUp() : schedule());
  }

  /** The observer-callback path applies when nothing older is waiting (no batch in flight,
   *  no backlog, no rescan or replay due), on the same page. */
  function firstFrameReady() {
    return enabled && !paused && !busy && !fullScan && !replay && theme !== null && !leftover.size && !toScore.size
      && location.href === pageUrl && !!(chrome.runtime && chrome.runtime.id);
  }

  /**
   * Badges before paint. Runs inside the MutationObserver callback, i.e. at the microtask
   * checkpoint right after the page's script inserted the posts, before any frame can paint
   * them: extracts the new posts in DOM order (the first ones are those the reader sees
   * first on an appended page), scores them in ONE synchronous in-page call and puts their
   * badges in, while the measured cost (extraction + scoring + badge, per post) fits
   * FIRST_FRAME_MS. Their badges join the style/layout pass the page's insertion causes
   * anyway: no extra pass, no layout shift. What does not fit stays in `leftover` for the
   * deferred path (idle slots). Nothing here reads layout.
   * On the service-worker path the posts that fit the budget are extracted here too and sent
   * at once: the worker scores them while the page renders.
   */
  function firstFrame() {
    const started = performance.now();
    const inPage = Notwork.engine.canScoreNow;
    const perPost = inPage ? costPerPost() : (stats.extractMs ?? 0.2);
    let send = false;
    try {
      const todo = [...candidates()];
      // The first post is always taken: one post costs well under the budget, and the pass
      // then measures the real costs even if an estimate (e.g. a cold one) is too high.
      gather(todo, () => FIRST_FRAME_MS - (performance.now() - started) - perPost * (toScore.size + 1), inPage ? MAX_BATCH : batchSize, true);
      if (!toScore.size) return;
      const n = toScore.size;
      if (inPage && scoreInPage()) {
        stats.firstFrame += n;
        stats.firstFramePasses++;
      } else {
        send = true;
      }
    } catch (e) {
      console.warn('Notwork badges:', e);
    } finally {
      const ms = took(started);
      if (ms > stats.longestFirstFrameMs) stats.longestFirstFrameMs = ms;
      progress();
    }
    if (send) sendNow();
  }

  // ---------------------------------------------------------------- reconcile

  function knownRootAbove(node) {
    for (let n = node; n; n = n.parentElement) if (roots.has(n)) return n;
    return null;
  }

  function candidates() {
    const out = new Set(leftover);
    leftover.clear();
    const add = (list) => { for (const r of list) { roots.add(r); out.add(r); } };
    if (fullScan) {
      fullScan = false;
      records = [];
      add(adapter.findPosts(document));
      return out;
    }
    const batch = records;
    records = [];
    for (const r of batch) {
      const target = r.target.nodeType === 1 ? r.target : r.target.parentElement;
      if (!target) continue;
      const above = knownRootAbove(target);
      if (above) out.add(above);
      if (r.type === 'childList') {
        for (const n of r.addedNodes) if (n.nodeType === 1 && !ours(n)) add(adapter.findPosts(n));
      } else if (r.type === 'attributes' && !above) {
        add(adapter.findPosts(target));
      }
    }
    return out;
  }

  function clear(root) {
    for (const b of root.querySelectorAll(UI.TAG + ',' + UI.ASK_TAG)) b.remove();
    if (root.hasAttribute('data-notwork-label')) root.removeAttribute('data-notwork-label');
  }

  function remember(post, result) {
    verdicts.delete(post.key);
    // Keep only what the badge needs: bounded, small entries.
    const reasons = result.reasons.filter((r) => r.contribution > 0).slice(0, 6);
    // A correction needs every reason on the flagged labels (for, against), not the text.
    const all = [];
    for (const r of result.reasons) if (r.label !== 'conversation' && all.length < 32) all.push({ rule: r.rule, label: r.label, contribution: r.contribution });
    verdicts.set(post.key, { label: result.label, result: { label: result.label, reasons, scores: result.scores }, all, post: { key: post.key, site: post.site, author: post.author } });
    if (verdicts.size > MAX_VERDICTS) verdicts.delete(verdicts.keys().next().value);
  }

  /** Brings one post root in line with its verdict (or removes our marks). */
  function apply(root, post) {
    const v = post && verdicts.get(post.key);
    const ok = v && enabled && !paused && !isMuted(post);
    const label = ok && shows(post, v.label) ? v.label : null;
    // The reader is in this post's explanation (a correction re-scores the page): its post is
    // left as it is until the popover closes (then rescanned).
    if (ok && [...root.querySelectorAll(UI.TAG + ',' + UI.ASK_TAG)].some((b) => b.getAttribute('data-key') === post.key && b.notworkIsOpen && b.notworkIsOpen())) return;
    if (!label) { clear(root); if (ok && !isTrusted(post)) ask(root, post, v); return; }
    for (const a of root.querySelectorAll(UI.ASK_TAG)) a.remove();
    const badges = [...root.querySelectorAll(UI.TAG)];
    let keep = badges.find((b) => b.getAttribute('data-key') === post.key && b.getAttribute('label') === label);
    for (const b of badges) if (b !== keep) b.remove();
    const anchor = adapter.badgeAnchor(root) || root;
    if (keep && keep.parentNode !== anchor) { keep.remove(); keep = null; }
    if (!keep) {
      const key = post.key;
      anchor.appendChild(UI.create({
        label, key, theme,
        info: () => {
          const cur = verdicts.get(key);
          return cur && { result: cur.result, moved, authorLabel: cur.post.author ? (cur.post.site === 'wordpress' ? cur.post.author : '@' + cur.post.author) : null };
        },
        // called only for a trusted click (badge-ui.js)
        onMute: () => mute(post),
        onCorrect: NC ? () => correct(post, label, false) : null,
        onTrust: () => trust(post),
        onClose: () => { fullScan = true; schedule(); },
      }));
    } else {
      UI.setTheme(keep, theme);
    }
    if (root.getAttribute('data-notwork-label') !== label) root.setAttribute('data-notwork-label', label);
  }

  /** The "tell Notwork" button of an unbadged post, when a correction could move anything:
   *  some rule weighs on it for pure_promo or autofeed. */
  function ask(root, post, v) {
    const can = { pure_promo: false, autofeed: false };
    for (const r of v.all || []) if (r.label in can && !String(r.rule).startsWith('custom.')) can[r.label] = true;
    const existing = [...root.querySelectorAll(UI.ASK_TAG)];
    if (!NC || (!can.pure_promo && !can.autofeed)) { for (const a of existing) a.remove(); return; }
    const anchor = adapter.badgeAnchor(root) || root;
    let keep = existing.find((a) => a.getAttribute('data-key') === post.key && a.parentNode === anchor);
    for (const a of existing) if (a !== keep) a.remove();
    if (keep) { UI.setTheme(keep, theme); return; }
    const key = post.key;
    anchor.appendChild(UI.createAsk({
      key, theme,
      info: () => { const cur = verdicts.get(key); return { result: cur && cur.result, can, moved }; },
      onSay: (label) => correct(post, label, true), // a trusted click only (badge-ui.js)
      onClose: () => { fullScan = true; schedule(); },
    }));
  }

  /** <html data-notwork-scored="n">: posts scored and badged so far (tests and the bench wait on it). */
  function progress() {
    const n = String(stats.scored);
    if (document.documentElement.dataset.notworkScored !== n) document.documentElement.dataset.notworkScored = n;
  }

  async function flush(deadline, passMs = IDLE_PASS_MS) {
    if (busy) return; // the work in flight reschedules when it ends (see below)
    if (!chrome.runtime || !chrome.runtime.id) { stop(); return; } // extension reloaded: go quiet
    if (location.href !== pageUrl) navigated();
    if (!enabled || paused) { records = []; return; }
    await exclusively(async () => {
      if (replay) await replayPage();
      if (theme === null) refreshTheme(); // normally read in a frame before (see observe())
      const todo = [...candidates()];
      const started = performance.now();
      const room = deadline && !deadline.didTimeout ? deadline.timeRemaining() : Infinity;
      if (Notwork.engine.canScoreNow && !toScore.size) {
        // In-page engine: extraction, scoring and badges in this task, as many posts as their
        // measured cost fits in it (FOLLOW_MS in the follow-up task, at most IDLE_PASS_MS of an
        // idle slot); the rest in the next idle slots.
        const budget = Math.min(passMs, room);
        const perPost = costPerPost();
        gather(todo, () => budget - (performance.now() - started) - perPost * (toScore.size + 1), MAX_BATCH, true);
        if (toScore.size) scoreInPage();
        took(started);
      } else {
        gather(todo, () => Math.min(SLICE_MS - (performance.now() - started), room), batchSize, true);
        took(started);
        // Posts extracted over several slices are scored (and badged) together: one message and
        // one style/layout pass for the page per batch, not one per slice.
        const more = leftover.size > 0 || records.length > 0;
        if (toScore.size && (toScore.size >= batchSize || !more)) await scoreQueued();
      }
    });
  }

  /** Runs one pass of work with `busy` set (nothing else starts meanwhile); a failure is
   *  logged, progress is published, and whatever is still waiting is scheduled again. */
  async function exclusively(work) {
    busy = true;
    try {
      await work();
    } catch (e) {
      console.warn('Notwork badges:', e);
    } finally {
      busy = false;
      progress();
    }
    if (records.length || leftover.size || fullScan || replay || toScore.size) schedule();
  }

  /** Measured cost of one new post on the in-page path: extraction, scoring, its badge (ms). */
  const costPerPost = () => (stats.extractMs ?? 0.2) + (Notwork.engine.stats.perPostMs ?? 0.3) + (stats.badgeMs ?? 0.2);

  /** A batch that failed (the worker's core trapped and was rebuilt, a lost message, a trap
   *  here): its posts are tried again with the next batches, at most MAX_TRIES times each. */
  function failedBatch(waiting) {
    for (const [root, post] of waiting) {
      const n = (failed.get(post.key) || 0) + 1;
      failed.set(post.key, n);
      if (n < MAX_TRIES) leftover.add(root);
    }
    if (failed.size > MAX_VERDICTS) failed.clear();
  }

  /** Scores the queued posts synchronously on the in-page engine and badges them.
   *  -> false when there is no in-page engine (they stay queued for scoreQueued()). */
  function scoreInPage() {
    const posts = [...toScore.values()];
    let results;
    try {
      results = Notwork.engine.scoreNow(posts.map(forEngine));
    } catch (e) {
      failedBatch(toWait.splice(0));
      toScore.clear();
      throw e;
    }
    if (!results) return false;
    const waiting = toWait.splice(0);
    toScore.clear();
    stats.batches++;
    stats.scored += posts.length;
    badge(posts, results, waiting);
    return true;
  }

  /** Scores the queued posts through the engine client (either path, asynchronously). */
  async function scoreQueued() {
    const posts = [...toScore.values()];
    const waiting = toWait.splice(0);
    toScore.clear();
    const t0 = performance.now();
    let results;
    try {
      results = await Notwork.engine.scoreBatch(posts.map(forEngine));
    } catch (e) {
      failedBatch(waiting);
      throw e;
    }
    stats.lastBatchMs = performance.now() - t0;
    measured(posts.length, stats.lastBatchMs);
    stats.batches++;
    stats.scored += posts.length;
    const t1 = performance.now();
    badge(posts, results, waiting);
    took(t1);
  }

  /** The service-worker path's first step, taken in the observer callback: the posts just
   *  extracted there go to the worker at once (no wait for an idle slot). */
  function sendNow() {
    return exclusively(scoreQueued);
  }

  /**
   * Extracts the candidate roots `todo` in order: posts with a verdict get their badge at
   * once, new ones join `toScore` (at most `maxNew`). Before each root, `left()` (ms) must be
   * positive — except for the first one when `atLeastOne` — else the rest waits in `leftover`.
   */
  function gather(todo, left, maxNew, atLeastOne) {
    let i = 0;
    for (; i < todo.length; i++) {
      if ((i > 0 || !atLeastOne) && left() <= 0) break;
      const root = todo[i];
      if (!root.isConnected) continue;
      const t0 = performance.now();
      let post = null;
      try { post = adapter.extract(root); } catch (_) { post = null; }
      stats.extractMs = average(stats.extractMs, performance.now() - t0);
      shownKey.set(root, post && post.key);
      if (!post || !post.text) { clear(root); continue; }
      if (verdicts.has(post.key) || isMuted(post) || failed.get(post.key) >= MAX_TRIES) apply(root, post);
      else if (toScore.size < maxNew || toScore.has(post.key)) { toScore.set(post.key, post); toWait.push([root, post]); }
      else break;
    }
    for (; i < todo.length; i++) leftover.add(todo[i]);
  }

  let badged = false;
  /** A scored batch: remember the verdicts, badge the roots still showing those posts. */
  function badge(posts, results, waiting) {
    const t0 = performance.now();
    posts.forEach((p, k) => { if (results[k]) { remember(p, results[k]); seen(p); } });
    for (const [root, post] of waiting) {
      if (root.isConnected && shownKey.get(root) === post.key) apply(root, post);
    }
    // (not the page's first badges: they also build the badge's stylesheet, once)
    if (waiting.length && badged) stats.badgeMs = average(stats.badgeMs, (performance.now() - t0) / waiting.length);
    if (waiting.length) badged = true;
  }

  function forEngine(post) {
    const { key, promoted, ...rest } = post; // `key` and adapter extras stay here
    return rest;
  }

  function seen(post) {
    seenOrder.push(post);
    if (seenOrder.length > MAX_REPLAY) seenOrder.splice(0, seenOrder.length - MAX_REPLAY);
  }

  /** New thresholds/weights: rebuild the per-author context and every verdict of the page. */
  async function replayPage() {
    replay = false;
    const posts = seenOrder.splice(0);
    verdicts.clear();
    Notwork.engine.resetContext();
    for (let i = 0; i < posts.length;) {
      const chunk = posts.slice(i, i + batchSize);
      i += chunk.length;
      const t0 = performance.now();
      const results = await Notwork.engine.scoreBatch(chunk.map(forEngine));
      measured(chunk.length, performance.now() - t0);
      await new Promise((r) => setTimeout(r, 0)); // let input run between calls
      stats.batches++;
      stats.scored += chunk.length;
      chunk.forEach((p, k) => { if (results[k]) { remember(p, results[k]); seen(p); } });
    }
    fullScan = true;
  }

  function navigated() {
    pageUrl = location.href;
    verdicts.clear();
    toScore.clear();
    toWait.length = 0;
    seenOrder.length = 0;
    Notwork.engine.resetContext();
    const next = Notwork.adapters.forPage(location, document);
    if (next) adapter = next;
    fullScan = true;
  }

  /** Light or dark badges, following the site's own background (re-read when it changes). */
  function refreshTheme() {
    const next = UI.pageTheme();
    if (next === theme) return;
    theme = next;
    for (const b of document.querySelectorAll(UI.TAG)) UI.setTheme(b, theme);
  }

  function removeAll() {
    for (const b of document.querySelectorAll(UI.TAG + ',' + UI.ASK_TAG)) b.remove();
    for (const el of document.querySelectorAll('[data-notwork-label]')) el.removeAttribute('data-notwork-label');
  }

  /** "Don't badge @author" (a trusted click in the badge, badge-ui.js). The service worker
   *  re-reads the stored list and adds the key, within the caps (NotworkSettings.setMuted);
   *  a refusal (full list, over-long name) hides nothing and is returned for the badge to say. */
  async function mute(post) {
    const k = authorKey(post);
    let res;
    try {
      res = await chrome.runtime.sendMessage({ type: 'notwork:mute', author: k });
    } catch (e) {
      res = null;
    }
    if (!res || res.error) res = S && S.setMuted ? await S.setMuted(k, true) : { ok: false, message: (res && res.error) || 'no answer' };
    if (res.ok) {
      muted = Object.assign({}, muted, { [k]: true });
      fullScan = true;
      schedule();
    }
    return res;
  }

  /** "This badge is wrong" / "This is promo" / "This is a feed" (a trusted click, badge-ui.js):
   *  the worker stores the correction (its post id or a hash of its text, the reasons' strengths;
   *  never the text) and every tab re-scores with it (storage change → applySettings). */
  async function correct(post, label, right) {
    const v = verdicts.get(post.key);
    const correction = { site: post.site, author: String(post.author || ''), post: NC.postRef(post), label, right, comment: post.kind === 'comment', reasons: (v && v.all) || [] };
    let res;
    try {
      res = await chrome.runtime.sendMessage({ type: 'notwork:correct', correction });
    } catch (e) {
      res = { ok: false, message: String((e && e.message) || e) };
    }
    if (!res) return { ok: false, message: 'no answer' };
    if (res.error) return { ok: false, message: res.error };
    return res;
  }

  /** "Trust this author" (a trusted click only: the caller checks e.isTrusted). Through the
   *  service worker (NotworkSettings.setTrusted: re-read, capped), as mute(). -> {ok, trusted, …} */
  async function trust(post, on = true) {
    const k = authorKey(post);
    let res;
    try {
      res = await chrome.runtime.sendMessage({ type: 'notwork:trust', author: k, trusted: on });
    } catch (e) {
      res = null;
    }
    if (!res || res.error) res = S && S.setTrusted ? await S.setTrusted(k, on) : { ok: false, message: (res && res.error) || 'no answer' };
    if (res.ok) {
      trusted = Object.assign({}, trusted);
      if (on) trusted[k] = true; else delete trusted[k];
      fullScan = true;
      schedule();
      if (Notwork.actions) Notwork.actions.rescan();
    }
    return res;
  }

  // ---------------------------------------------------------------- lifecycle

  let themeObserver = null;
  function observe() {
    if (observer) return;
    // Sites switch dark mode on <html>/<body> (class or inline style): only those two nodes.
    let themeFrame = 0;
    const themeSoon = () => { if (!themeFrame) themeFrame = requestAnimationFrame(() => { themeFrame = 0; refreshTheme(); }); };
    themeObserver = new MutationObserver(themeSoon);
    for (const el of [document.documentElement, document.body]) {
      if (el) themeObserver.observe(el, { attributes: true, attributeFilter: ['class', 'style', 'data-theme', 'data-color-mode'] });
    }
    if (window.matchMedia) matchMedia('(prefers-color-scheme: dark)').addEventListener('change', themeSoon);
    themeSoon();
    observer = new MutationObserver(onMutations);
    observer.observe(document.documentElement, {
      childList: true, subtree: true, characterData: true,
      attributes: true, attributeFilter: ['href', 'datetime', 'data-id', 'data-testid', 'id'],
    });
  }

  function stop() {
    if (observer) observer.disconnect();
    if (themeObserver) themeObserver.disconnect();
    observer = null;
    themeObserver = null;
  }

  async function applySettings(next, first) {
    settings = next;
    const was = enabled;
    enabled = siteEnabled();
    if (!enabled) { if (was) removeAll(); return; }
    const core = NC ? NC.composeCore(next.core || { version: 1 }, corrections) : next.core;
    const coreChanged = first || JSON.stringify(configured || null) !== JSON.stringify(core || null);
    configured = core;
    if (coreChanged) {
      const res = await Notwork.engine.configure(core || { version: 1 });
      if (res && res.ok === false) console.warn('Notwork: configuration rejected, keeping the previous one', res.errors);
      if (!first) replay = true;
    }
    fullScan = true;
    schedule();
  }

  async function start() {
    adapter = Notwork.adapters.forPage(location, document);
    if (!adapter) return;
    document.documentElement.dataset.notworkSite = adapter.id;
    const [s, m] = await Promise.all([loadSettings(), loadMuted(), loadCorrections()]);
    muted = m;
    Notwork.engine.start();
    observe();
    await applySettings(s, true);
    if (S && S.onChange) S.onChange((next) => applySettings(next, false));
    else chrome.storage.onChanged.addListener((c, area) => { if (area === 'sync' && c.settings) loadSettings().then((n) => applySettings(n, false)); });
    chrome.storage.onChanged.addListener((c, area) => {
      if (area !== 'local') return;
      if (c.mutedAuthors) { muted = objOr(c.mutedAuthors.newValue); fullScan = true; schedule(); }
      if (c.trustedAuthors) {
        trusted = objOr(c.trustedAuthors.newValue);
        fullScan = true;
        schedule();
        if (Notwork.actions) Notwork.actions.rescan(); // a genuine_share post of theirs loses its action
      }
      if (c.pausedSites) {
        const now = !!objOr(c.pausedSites.newValue)[host()];
        if (now === paused) return;
        paused = now;
        if (paused) removeAll(); // badges go at once; the actions follow the labels
        else { fullScan = true; schedule(); }
      }
    });
    if (NC) NC.onChange(({ list }) => { corrections = list; moved = NC.multipliers(list); if (settings) applySettings(settings, false); });
    if (window.navigation && navigation.addEventListener) {
      navigation.addEventListener('navigatesuccess', () => { if (location.href !== pageUrl) schedule(); });
    }
    window.addEventListener('popstate', () => schedule());
  }

  Notwork.badges = {
    stats, verdicts,
    /** Is `author` on `site` trusted by the user? (actions.js: no dim/collapse/hide for them) */
    isTrusted(site, author) { return isTrusted({ site, author }); },
    isPaused() { return paused; },
    /** Trust (or stop trusting) the author of {site, author}; call only for a trusted event. */
    trust(post, on = true) { return trust(post, on); },
    rescan() { fullScan = true; schedule(); },
    /** The page's recently scored posts, oldest first (bounded; the nudges read the user's own). */
    recentPosts() { return seenOrder.slice(); },
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
})();
