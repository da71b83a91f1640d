/* Notwork author memory: what the core knows about the authors a site showed you, kept
 * across pages so that a feed account seen yesterday is recognised on its first post today
 * (SpamAssassin's TxRep/AWL is the model). docs/ARCHITECTURE.md, "Author memory".
 *
 * Local only (chrome.storage.local, never chrome.storage.sync), bounded, per site:
 *   `authorMemory:<host>`   {v: 1, state: "<the core's state document>", authors, bytes, updated, writer}
 *   `authorMemoryCleared`   ms of the last "forget" (a save begun before it is dropped)
 *   `authorMemoryClearedSites`  {"<host>": ms} of the last "forget this site" (the same, per
 *                           site; marks older than 30 days are dropped: no save begins that early)
 * The state is the core's own export (Session::export_state): hashes, MinHash signatures,
 * times, shape flags and labels of each author's recent posts — never their text. Per site at
 * most LIMITS.maxAuthors authors (least recently used dropped first) in LIMITS.maxBytes;
 * posts older than 30 days are dropped by the core on every save and load; a site not seen for
 * 30 days is dropped whole; at most LIMITS.maxSites sites (the least recently saved dropped).
 *
 * Classic script: a global `NotworkMemory` in content scripts, the service worker
 * (importScripts) and extension pages; `require`-able in Node for its pure parts.
 */
(function (root) {
  'use strict';

  const PREFIX = 'authorMemory:';
  const CLEARED = 'authorMemoryCleared';
  const CLEARED_SITES = 'authorMemoryClearedSites';
  const MAX_SITE_MARKS = 64;
  const DAY_MS = 24 * 3600 * 1000;
  const LIMITS = Object.freeze({
    maxAuthors: 200,          // per site
    maxBytes: 256 * 1024,     // per site (the state document; about 1.3 KB per author)
    maxPostsPerAuthor: 8,     // newest first: enough for the template, headline-streak, interval rules
    maxComments: 200,         // cross-author comment look-alikes (P17), per site
    maxSites: 12,
    maxAgeDays: 30,
  });
  const HOST_RE = /^(?=.{1,253}$)[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d{1,5})?$/;

  function storage() {
    const c = root.chrome;
    if (!c || !c.storage || !c.storage.local) throw new Error('chrome.storage.local is not available here');
    return c.storage.local;
  }

  /** The memory's site for a page: its host ("x.com", "mastodon.social"); null when unusable. */
  function siteOf(loc) {
    const host = String((loc && loc.host) || '').toLowerCase();
    return HOST_RE.test(host) ? host : null;
  }

  const keyOf = (site) => {
    if (typeof site !== 'string' || !HOST_RE.test(site)) throw new Error('notwork memory: not a site: ' + String(site));
    return PREFIX + site;
  };

  /** Options for the core's export (seconds; the caps above). */
  function exportOptions(nowMs = Date.now()) {
    return {
      now: Math.floor(nowMs / 1000),
      max_authors: LIMITS.maxAuthors,
      max_posts_per_author: LIMITS.maxPostsPerAuthor,
      max_comments: LIMITS.maxComments,
      max_bytes: LIMITS.maxBytes,
    };
  }
  const importOptions = (nowMs = Date.now(), merge = false) => ({ now: Math.floor(nowMs / 1000), max_bytes: LIMITS.maxBytes * 2, merge });

  const isRecord = (r) => r && typeof r === 'object' && r.v === 1 && typeof r.state === 'string' && typeof r.updated === 'number';
  const stale = (r, nowMs) => nowMs - r.updated > LIMITS.maxAgeDays * DAY_MS;

  /** The site's stored record, or null (none, unusable, or not updated for 30 days: removed). */
  async function load(site, nowMs = Date.now()) {
    const key = keyOf(site);
    const { [key]: record } = await storage().get(key);
    if (!record) return null;
    if (!isRecord(record) || stale(record, nowMs)) {
      await storage().remove(key);
      return null;
    }
    return record;
  }

  /** Loads the site's stored memory into `engine` (a NotworkEngine.Engine): replacing its
   *  context, or — `merge` — adding the authors it does not know after its own. A refused
   *  state (corrupt, foreign) is removed. -> the core's answer, or null when there is none. */
  async function restore(engine, site, { merge = false, nowMs = Date.now() } = {}) {
    const record = await load(site, nowMs);
    if (!record) return null;
    const answer = engine.importState(record.state, importOptions(nowMs, merge));
    if (!answer.ok) {
      console.warn('Notwork: the author memory of ' + site + ' was unusable and is dropped: ' + answer.error);
      await storage().remove(keyOf(site));
    }
    return answer;
  }

  /** A new page in the same engine: its context restarts from what it knew (bounded and
   *  expired like a saved state: recent posts of recent authors, no comments beyond the cap)
   *  instead of from nothing, then `state` (the site's stored memory, if any) is merged in.
   *  Synchronous. */
  function carryOver(engine, state, nowMs = Date.now()) {
    const carried = engine.exportState(exportOptions(nowMs));
    engine.resetContext();
    engine.importState(carried, importOptions(nowMs, false));
    if (state) engine.importState(state, importOptions(nowMs, true));
  }

  const countAuthors = (state) => {
    try { return JSON.parse(state).authors.length; } catch (_) { return 0; }
  };

  /** Saves `state` (an engine's exportState(exportOptions())) as the site's memory, merged
   *  with what other tabs of the site saved meanwhile (their authors that `state` does not
   *  know are kept after its own; the merge runs in a scratch engine from `scratch()`, so no
   *  live context changes; it is skipped when the stored memory is this `writer`'s own last
   *  save, which the engine already knows). `since` (ms): when the engine's context last
   *  started without forgotten authors — a "forget" after it means `state` still holds them:
   *  nothing is saved. -> {saved: true, authors, bytes, merged} | {saved: false, reason} */
  async function save(site, state, since, scratch, nowMs = Date.now(), writer = '') {
    const key = keyOf(site);
    const forgotten = (got) => (!!got[CLEARED] && got[CLEARED] >= since) || siteMark(got, site) >= since;
    const got = await storage().get([key, CLEARED, CLEARED_SITES]);
    if (forgotten(got)) return { saved: false, reason: 'cleared' };
    const stored = got[key];
    let out = state;
    let merged = false;
    if (isRecord(stored) && !stale(stored, nowMs) && stored.state !== state && !(writer && stored.writer === writer)) {
      merged = true;
      const engine = scratch();
      try {
        if (engine.importState(state, importOptions(nowMs, false)).ok) {
          engine.importState(stored.state, importOptions(nowMs, true));
          out = engine.exportState(exportOptions(nowMs));
        }
      } finally {
        engine.destroy();
      }
    }
    const authors = countAuthors(out);
    if (forgotten(await storage().get([CLEARED, CLEARED_SITES]))) return { saved: false, reason: 'cleared' };
    if (authors === 0) {
      await storage().remove(key);
      return { saved: true, authors: 0, bytes: 0 };
    }
    await storage().set({ [key]: { v: 1, state: out, authors, bytes: out.length, updated: nowMs, writer } });
    // A "forget" that came between the check above and this write wins: the write is undone.
    if (forgotten(await storage().get([CLEARED, CLEARED_SITES]))) {
      await storage().remove(key);
      return { saved: false, reason: 'cleared' };
    }
    await prune(nowMs);
    return { saved: true, authors, bytes: out.length, merged };
  }

  /** Every site's record: [{site, authors, bytes, updated}], most recently saved first. */
  async function list() {
    const all = await storage().get(null);
    const out = [];
    for (const [key, r] of Object.entries(all)) {
      if (!key.startsWith(PREFIX)) continue;
      out.push({ site: key.slice(PREFIX.length), authors: isRecord(r) ? r.authors | 0 : 0,
        bytes: isRecord(r) ? r.state.length : 0, updated: isRecord(r) ? r.updated : 0, ok: isRecord(r) });
    }
    return out.sort((a, b) => b.updated - a.updated || (a.site < b.site ? -1 : 1));
  }

  /** Drops unusable records, sites not saved for 30 days, and sites beyond maxSites. */
  async function prune(nowMs = Date.now()) {
    const sites = await list();
    const drop = sites.filter((s, i) => !s.ok || nowMs - s.updated > LIMITS.maxAgeDays * DAY_MS || i >= LIMITS.maxSites);
    if (drop.length) await storage().remove(drop.map((s) => PREFIX + s.site));
    return drop.length;
  }

  /** What is remembered: {sites: [...], authors, bytes, limits}. */
  async function summary(nowMs = Date.now()) {
    await prune(nowMs);
    const sites = await list();
    return {
      sites: sites.map(({ site, authors, bytes, updated }) => ({ site, authors, bytes, updated })),
      authors: sites.reduce((n, s) => n + s.authors, 0),
      bytes: sites.reduce((n, s) => n + s.bytes, 0),
      limits: LIMITS,
    };
  }

  /** Forgets every site's authors. -> {sites: how many were removed} */
  async function clear(nowMs = Date.now()) {
    // The mark first: a save on its way either sees it, or wrote before the list below.
    await storage().set({ [CLEARED]: nowMs });
    const sites = await list();
    await storage().remove(sites.map((s) => PREFIX + s.site));
    return { sites: sites.length };
  }

  /** When `site` was last forgotten on its own (ms; 0: never). */
  function siteMark(got, site) {
    const marks = got[CLEARED_SITES];
    const v = marks && typeof marks === 'object' ? marks[site] : 0;
    return typeof v === 'number' && v > 0 ? v : 0;
  }

  /** Forgets one site's authors (the options' "Forget" beside a site): the site's mark first,
   *  so that a save of that site on its way is dropped, then its record. -> {sites: 0 or 1} */
  async function clearSite(site, nowMs = Date.now()) {
    const key = keyOf(site);
    const got = await storage().get([key, CLEARED_SITES]);
    const marks = {};
    const old = got[CLEARED_SITES] && typeof got[CLEARED_SITES] === 'object' ? got[CLEARED_SITES] : {};
    for (const [s, ms] of Object.entries(old)) if (typeof ms === 'number' && nowMs - ms <= LIMITS.maxAgeDays * DAY_MS && s !== site) marks[s] = ms;
    marks[site] = nowMs;
    const keep = Object.entries(marks).sort((a, b) => b[1] - a[1]).slice(0, MAX_SITE_MARKS);
    await storage().set({ [CLEARED_SITES]: Object.fromEntries(keep) });
    await storage().remove(key);
    return { sites: got[key] ? 1 : 0 };
  }

  /** Calls fn(site) after a "forget" in any tab or page: site null for every site's, else the
   *  one site forgotten. With `only` (a host), just the forgets that concern it. -> unsubscribe */
  function onCleared(fn, only) {
    const c = root.chrome;
    if (!c || !c.storage || !c.storage.onChanged) return () => {};
    const listener = (changes, area) => {
      if (area !== 'local') return;
      if (changes[CLEARED] && changes[CLEARED].newValue) { fn(null); return; }
      const m = changes[CLEARED_SITES];
      if (!m) return;
      const before = m.oldValue || {};
      const after = m.newValue || {};
      for (const s of Object.keys(after)) {
        if (after[s] !== before[s] && (!only || only === s)) fn(s);
      }
    };
    c.storage.onChanged.addListener(listener);
    return () => c.storage.onChanged.removeListener(listener);
  }

  const api = { PREFIX, CLEARED, CLEARED_SITES, LIMITS, siteOf, exportOptions, importOptions, load, restore, carryOver, save, list, prune, summary, clear, clearSite, onCleared };
  if (typeof module === 'object' && module && module.exports) module.exports = api;
  else root.NotworkMemory = api;
})(typeof globalThis !== 'undefined' ? globalThis : this);
