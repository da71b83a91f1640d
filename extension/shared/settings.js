/* Notwork settings: schema, load, validate, migrate, save, change events.
 *
 * Classic script (no modules) so the same file runs in content scripts, in the
 * service worker (importScripts) and in extension pages (<script>); in Node it is
 * also `require`-able for its pure parts (validate, migrate, merge, normalizeUrl).
 *
 * Storage layout (docs/ARCHITECTURE.md, section 3):
 *   chrome.storage.sync  `settings`            the settings document (schema 1)
 *                        `settings.chunk.<i>`  only when the document is larger than
 *                                              sync's per-item quota (8 KB): then
 *                                              `settings` = {schema, chunks: n} and the
 *                                              JSON text is split over n chunk keys
 *   chrome.storage.local `openedLinks`         bounded LRU of normalised URLs (P4)
 *                        `openedLinksAt`       when each of them was opened (ms; same order):
 *                                              entries older than OPENED_LINKS_DAYS are dropped
 *                        `mutedAuthors`        {"<site>:<handle>": true}  ("Don't badge")
 *                        `trustedAuthors`      {"<site>:<handle>": true}  (never autofeed/promo)
 *                        `pausedSites`         {"<host>": true}           ("Pause on this site")
 *                        `corrections`         extension/shared/corrections.js (exported and
 *                                              imported with the settings)
 */
(function (root) {
  'use strict';

  const SCHEMA = 1;
  const KEY = 'settings';
  const CHUNK_PREFIX = 'settings.chunk.';
  // chrome.storage.sync quotas (bytes; an item = key length + JSON of the value).
  const QUOTA_BYTES_PER_ITEM = 8192;
  const QUOTA_BYTES = 102400;
  const CHUNK_CHARS = 6000; // raw JSON characters per chunk, re-checked after encoding
  const OPENED_LINKS_MAX = 500;
  const OPENED_LINKS_DAYS = 30;  // an opened link is remembered this long (P4 needs recent reads)
  const DAY_MS = 24 * 60 * 60 * 1000;

  const SITES = ['x', 'mastodon', 'bluesky', 'youtube', 'wordpress', 'reddit', 'linkedin'];
  const LABELS = ['autofeed', 'pure_promo', 'genuine_share', 'conversation'];
  const WEIGHT_MAX = 10;

  const deepFreeze = (o) => { Object.values(o).forEach((v) => v && typeof v === 'object' && deepFreeze(v)); return Object.freeze(o); };
  const DEFAULTS = deepFreeze({
    schema: SCHEMA,
    core: { version: 1 },
    sites: { x: true, mastodon: true, bluesky: true, youtube: true, wordpress: true, reddit: true, linkedin: true },
    mastodonInstances: ['mastodon.social'],
    blogs: [],
    nudges: { enabled: true, dismissedRules: [] },
  });

  // Migrations: MIGRATIONS[n] turns a schema-n document into schema n+1.
  // Schema 1 is the first published schema; a document without `schema` (e.g. a
  // hand-written import file) is read as schema 1.
  const MIGRATIONS = {};

  // ---------------------------------------------------------------- helpers

  const clone = (v) => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));
  const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
  const utf8Len = (s) => (typeof TextEncoder !== 'undefined' ? new TextEncoder().encode(s).length : s.length * 3);

  // Objects merge key by key; arrays and scalars replace.
  function merge(base, over) {
    if (!isObj(base) || !isObj(over)) return clone(over === undefined ? base : over);
    const out = clone(base);
    for (const k of Object.keys(over)) out[k] = isObj(out[k]) && isObj(over[k]) ? merge(out[k], over[k]) : clone(over[k]);
    return out;
  }

  const HOST_RE = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$/;

  /** "https://Mastodon.Social/@me" → "mastodon.social"; null when it is not a host name. */
  function normalizeHost(input) {
    if (typeof input !== 'string') return null;
    let s = input.trim().toLowerCase();
    if (!s) return null;
    try {
      if (/^[a-z][a-z0-9+.-]*:\/\//.test(s)) s = new URL(s).hostname;
    } catch (_) {
      return null;
    }
    s = s.replace(/\/.*$/, '').replace(/:\d+$/, '').replace(/\.$/, '');
    return HOST_RE.test(s) ? s : null;
  }

  const TRACKING_PARAM = /^(utm_[a-z_]+|fbclid|gclid|dclid|mc_cid|mc_eid|igshid|ref_src|ref_url|s|t|si|cmpid|_hsenc|_hsmi)$/i;

  /** Canonical form of a URL for "have I opened this?" (P4): no scheme difference, no
   *  www., no fragment, no tracking parameters, no trailing slash. null if not http(s). */
  function normalizeUrl(input) {
    if (typeof input !== 'string') return null;
    let s = input.trim();
    if (!s) return null;
    if (!/^[a-z][a-z0-9+.-]*:/i.test(s)) s = 'https://' + s;
    let u;
    try {
      u = new URL(s);
    } catch (_) {
      return null;
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    const host = u.hostname.toLowerCase().replace(/^www\./, '').replace(/^m\./, '');
    const params = [];
    for (const [k, v] of u.searchParams) if (!TRACKING_PARAM.test(k)) params.push([k, v]);
    params.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const query = params.length ? '?' + new URLSearchParams(params).toString() : '';
    const path = u.pathname.replace(/\/+$/, '');
    return host + (u.port ? ':' + u.port : '') + path + query;
  }

  // ---------------------------------------------------------------- migrate

  /** Brings a stored or imported document to the current schema.
   *  -> {ok, settings, errors}; never throws. */
  function migrate(obj) {
    if (obj === undefined || obj === null) return { ok: true, settings: clone(DEFAULTS), errors: [] };
    if (!isObj(obj)) return { ok: false, settings: null, errors: [{ path: '', message: 'settings must be a JSON object' }] };
    let doc = clone(obj);
    let v = doc.schema === undefined ? SCHEMA : doc.schema;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
      return { ok: false, settings: null, errors: [{ path: '/schema', message: `unknown settings schema ${JSON.stringify(doc.schema)}; expected a whole number like ${SCHEMA}` }] };
    }
    if (v > SCHEMA) {
      return { ok: false, settings: null, errors: [{ path: '/schema', message: `these settings were written by a newer Notwork (schema ${v}); this version understands schema ${SCHEMA}. Update Notwork to use them.` }] };
    }
    while (v < SCHEMA) {
      const step = MIGRATIONS[v];
      if (!step) return { ok: false, settings: null, errors: [{ path: '/schema', message: `no migration from settings schema ${v}` }] };
      doc = step(doc);
      v += 1;
    }
    doc.schema = SCHEMA;
    return { ok: true, settings: doc, errors: [] };
  }

  // ---------------------------------------------------------------- validate

  const TOP_KEYS = ['schema', 'core', 'sites', 'mastodonInstances', 'blogs', 'nudges', 'actions', 'siteActions'];

  // ---- per-label actions (content/actions.js): {label: action}, per site under siteActions ----
  const ACTIONS = ['badge', 'dim', 'collapse', 'hide'];
  const ACTION_LABELS = ['autofeed', 'pure_promo', 'genuine_share'];
  function validateActionMap(map, path, err) {
    if (!isObj(map)) { err(path, 'must be an object of label → action'); return; }
    for (const [label, a] of Object.entries(map)) {
      if (!ACTION_LABELS.includes(label)) err(`${path}/${label}`, `unknown label; labels with a badge are ${ACTION_LABELS.join(', ')}`);
      else if (!ACTIONS.includes(a)) err(`${path}/${label}`, `must be one of ${ACTIONS.join(', ')}`);
    }
  }
  function validateActions(obj, err) {
    if (obj.actions !== undefined) validateActionMap(obj.actions, '/actions', err);
    if (obj.siteActions === undefined) return;
    if (!isObj(obj.siteActions)) { err('/siteActions', 'must be an object of site → {label: action}'); return; }
    for (const [site, map] of Object.entries(obj.siteActions)) {
      if (!SITES.includes(site)) err(`/siteActions/${site}`, `unknown site; sites are ${SITES.join(', ')}`);
      else validateActionMap(map, `/siteActions/${site}`, err);
    }
  }

  function validateCoreShape(core, errors) {
    const err = (path, message) => errors.push({ path: '/core' + path, message });
    const known = ['version', 'rules', 'thresholds', 'patterns', 'context'];
    for (const k of Object.keys(core)) if (!known.includes(k)) err('/' + k, 'unknown key');
    if (core.version !== undefined && core.version !== 1) err('/version', 'configuration version must be 1');
    if (core.rules !== undefined) {
      if (!isObj(core.rules)) err('/rules', 'must be an object of rule id → {weight, enabled}');
      else for (const [id, r] of Object.entries(core.rules)) {
        if (!isObj(r)) { err(`/rules/${id}`, 'must be an object {weight, enabled}'); continue; }
        for (const k of Object.keys(r)) if (k !== 'weight' && k !== 'enabled') err(`/rules/${id}/${k}`, 'unknown key');
        if (r.weight !== undefined && !(typeof r.weight === 'number' && isFinite(r.weight) && r.weight >= 0 && r.weight <= WEIGHT_MAX)) err(`/rules/${id}/weight`, `weight must be a number from 0 to ${WEIGHT_MAX}`);
        if (r.enabled !== undefined && typeof r.enabled !== 'boolean') err(`/rules/${id}/enabled`, 'must be true or false');
      }
    }
    if (core.thresholds !== undefined) {
      if (!isObj(core.thresholds)) err('/thresholds', 'must be an object of label → number');
      else for (const [label, t] of Object.entries(core.thresholds)) {
        if (!LABELS.includes(label)) err(`/thresholds/${label}`, `unknown label; labels are ${LABELS.join(', ')}`);
        else if (!(typeof t === 'number' && t >= 0 && t <= 1)) err(`/thresholds/${label}`, 'threshold must be a number from 0 to 1');
      }
    }
    if (core.patterns !== undefined) {
      if (!Array.isArray(core.patterns)) err('/patterns', 'must be a list of patterns');
      else core.patterns.forEach((p, i) => {
        if (!isObj(p)) { err(`/patterns/${i}`, 'must be an object {id, pattern, label, weight}'); return; }
        if (typeof p.pattern !== 'string' || !p.pattern) err(`/patterns/${i}/pattern`, 'must be a non-empty text');
        if (!LABELS.includes(p.label)) err(`/patterns/${i}/label`, `must be one of ${LABELS.join(', ')}`);
        if (p.weight !== undefined && !(typeof p.weight === 'number' && isFinite(p.weight) && p.weight >= 0 && p.weight <= WEIGHT_MAX)) err(`/patterns/${i}/weight`, `weight must be a number from 0 to ${WEIGHT_MAX}`);
        if (p.id !== undefined && typeof p.id !== 'string') err(`/patterns/${i}/id`, 'must be a text');
        if (p.description !== undefined && typeof p.description !== 'string') err(`/patterns/${i}/description`, 'must be a text');
      });
    }
    if (core.context !== undefined) {
      if (!isObj(core.context)) err('/context', 'must be an object');
      else for (const [k, n] of Object.entries(core.context)) {
        if (k !== 'max_authors' && k !== 'max_posts_per_author') err(`/context/${k}`, 'unknown key');
        else if (!(Number.isInteger(n) && n > 0)) err(`/context/${k}`, 'must be a positive whole number');
      }
    }
  }

  /** Shape/type/range problems of a (migrated) settings document; [] when fine.
   *  With an engine, the `core` part is checked by the core itself (unknown rules,
   *  RE2 syntax of patterns…) and its messages are reported under /core. */
  function validate(obj, engine) {
    const errors = [];
    const err = (path, message) => errors.push({ path, message });
    if (!isObj(obj)) return [{ path: '', message: 'settings must be a JSON object' }];
    for (const k of Object.keys(obj)) if (!TOP_KEYS.includes(k)) err('/' + k, 'unknown setting');
    if (obj.schema !== SCHEMA) err('/schema', `schema must be ${SCHEMA}`);

    if (obj.core !== undefined) {
      if (!isObj(obj.core)) err('/core', 'must be an object (the engine configuration)');
      else {
        validateCoreShape(obj.core, errors);
        if (engine && typeof engine.validateConfig === 'function') {
          let res;
          try {
            res = engine.validateConfig(obj.core);
          } catch (e) {
            res = { ok: false, errors: [{ path: '', message: String((e && e.message) || e) }] };
          }
          const seen = new Set(errors.map((e) => e.path + '\n' + e.message));
          for (const e of (res && res.errors) || []) {
            const path = '/core' + (e.path || '');
            if (!seen.has(path + '\n' + e.message)) errors.push({ path, message: e.message });
          }
        }
      }
    }
    if (obj.sites !== undefined) {
      if (!isObj(obj.sites)) err('/sites', 'must be an object of site → true/false');
      else for (const [s, on] of Object.entries(obj.sites)) {
        if (!SITES.includes(s)) err(`/sites/${s}`, `unknown site; sites are ${SITES.join(', ')}`);
        else if (typeof on !== 'boolean') err(`/sites/${s}`, 'must be true or false');
      }
    }
    for (const key of ['mastodonInstances', 'blogs']) {
      const list = obj[key];
      if (list === undefined) continue;
      if (!Array.isArray(list)) { err('/' + key, 'must be a list of host names'); continue; }
      list.forEach((h, i) => {
        if (typeof h !== 'string' || normalizeHost(h) !== h) err(`/${key}/${i}`, `${JSON.stringify(h)} is not a host name like example.org`);
      });
    }
    if (obj.nudges !== undefined) {
      const n = obj.nudges;
      if (!isObj(n)) err('/nudges', 'must be an object {enabled, dismissedRules}');
      else {
        for (const k of Object.keys(n)) if (k !== 'enabled' && k !== 'dismissedRules') err(`/nudges/${k}`, 'unknown key');
        if (n.enabled !== undefined && typeof n.enabled !== 'boolean') err('/nudges/enabled', 'must be true or false');
        if (n.dismissedRules !== undefined) {
          if (!Array.isArray(n.dismissedRules)) err('/nudges/dismissedRules', 'must be a list of rule ids');
          else {
            if (n.dismissedRules.length > DISMISSED_MAX) err('/nudges/dismissedRules', `at most ${DISMISSED_MAX} rules`);
            n.dismissedRules.forEach((r, i) => {
              if (typeof r !== 'string' || !r) err(`/nudges/dismissedRules/${i}`, 'must be a rule id');
              else if (r.length > RULE_ID_MAX) err(`/nudges/dismissedRules/${i}`, `a rule id has at most ${RULE_ID_MAX} characters`);
            });
          }
          if (engine && Array.isArray(n.dismissedRules) && typeof engine.catalogue === 'function') {
            // A rule that left the catalogue (catalogue.retired) is no error: its dismissal stays.
            const cat = engine.catalogue();
            const ids = new Set([...cat.rules.map((r) => r.id), ...(cat.retired || [])]);
            n.dismissedRules.forEach((r, i) => { if (typeof r === 'string' && !ids.has(r)) err(`/nudges/dismissedRules/${i}`, `unknown rule id ${r}`); });
          }
        }
      }
    }
    validateActions(obj, err);
    return errors;
  }

  // ---------------------------------------------------------------- storage
  //
  // Nothing is ever lost (issue 13):
  //  - A save is refused while the stored document could not be read (a chunk missing or
  //    from another save, still syncing from another device) or was written by a newer
  //    Notwork (schema > SCHEMA): the defaults shown meanwhile never overwrite it.
  //    Only an explicit import or reset ({replace: true}) replaces such a document.
  //  - Chunked documents switch generations atomically: the new chunks are written under
  //    keys of their own generation (`settings.<gen>.<i>`), then the head key `settings`
  //    flips to {schema, chunks, gen, length, sum}, then the old chunks are deleted. A
  //    reader sees the old document or the new one, never a mix; a failed write (quota)
  //    leaves the old one in place and removes what it wrote.
  //  - Every read-modify-write (update(): dismiss, mute, …) re-reads the stored document
  //    first, inside one exclusive section (Web Locks across the extension's own pages and
  //    service worker; a queue within one context). Content scripts send theirs to the
  //    service worker.

  // Muted authors and dismissed rules are bounded: a full list refuses new entries (the
  // UI says so) rather than dropping old ones the user chose.
  const MUTED_MAX = 2000;
  const MUTED_KEY_MAX = 200;     // "<site>:<handle>", UTF-16 code units
  const TRUSTED_MAX = MUTED_MAX; // trusted authors: the same caps and key rules as muted ones
  const PAUSED_MAX = 500;        // paused sites (host names)
  const DISMISSED_MAX = 256;     // the catalogue's rules plus up to 200 custom patterns
  const RULE_ID_MAX = 128;
  const URL_MAX = 2048;          // opened links, normalised
  const QUERY_MAX = 64;          // links asked about in one openedAmong() call
  // Old and new generation must both fit while a save switches between them.
  const DOC_BYTES_MAX = Math.floor((QUOTA_BYTES - 1024) / 2);
  const LEGACY_CHUNK = /^settings\.chunk\.(\d+)$/;
  const isChunkKey = (k) => k.startsWith(KEY + '.');

  const chromeApi = () => (typeof chrome !== 'undefined' && chrome.storage ? chrome : null);

  function syncArea() {
    const c = chromeApi();
    if (!c || !c.storage.sync) throw new Error('chrome.storage.sync is not available here');
    return c.storage.sync;
  }
  function localArea() {
    const c = chromeApi();
    if (!c || !c.storage.local) throw new Error('chrome.storage.local is not available here');
    return c.storage.local;
  }

  /** FNV-1a over the UTF-16 code units, 8 hex digits: tells chunks of one save from a mix. */
  function checksum(text) {
    let h = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) { h ^= text.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0; }
    return h.toString(16).padStart(8, '0');
  }

  let genSeq = 0;
  const newGen = () => (Date.now().toString(36) + (genSeq++ % 1296).toString(36).padStart(2, '0') + Math.floor(Math.random() * 1296).toString(36).padStart(2, '0'));

  /** The items to write for a document: {settings: doc}, or chunks of generation `gen`
   *  plus the head that names them. */
  function encode(doc, gen = newGen()) {
    const text = JSON.stringify(doc);
    if (utf8Len(KEY) + utf8Len(text) <= QUOTA_BYTES_PER_ITEM - 64) return { [KEY]: doc };
    const items = {};
    let n = 0;
    for (let i = 0; i < text.length;) {
      let size = CHUNK_CHARS;
      let piece = text.slice(i, i + size);
      const key = `${KEY}.${gen}.${n}`;
      // Escapes and non-ASCII can grow a piece; shrink until it fits an item.
      while (utf8Len(JSON.stringify(piece)) + utf8Len(key) > QUOTA_BYTES_PER_ITEM - 64) {
        size = Math.floor(size * 0.7);
        piece = text.slice(i, i + size);
      }
      // Never split a surrogate pair (a lone half does not survive storage's JSON).
      if (i + size < text.length && /[\ud800-\udbff]/.test(piece[piece.length - 1])) { size -= 1; piece = piece.slice(0, -1); }
      items[key] = piece;
      n += 1;
      i += size;
    }
    items[KEY] = { schema: doc.schema, chunks: n, gen, length: text.length, sum: checksum(text) };
    return items;
  }

  /** What the stored items hold. -> {doc, problem: null | {kind: 'unreadable'|'newer'|'invalid', message}}
   *  (doc undefined: nothing stored yet). Never throws. */
  function inspect(all) {
    const unreadable = (message) => ({ doc: undefined, problem: { kind: 'unreadable', message } });
    const head = all[KEY];
    if (head === undefined) {
      if (Object.keys(all).some(isChunkKey)) return unreadable('the stored settings are incomplete (their head is missing; still syncing from another device?)');
      return { doc: undefined, problem: null };
    }
    if (!isObj(head)) return unreadable('the stored settings are not a JSON object');
    if (typeof head.schema === 'number' && head.schema > SCHEMA) {
      return { doc: head.chunks === undefined ? head : undefined, problem: { kind: 'newer', message: `these settings were written by a newer Notwork (schema ${head.schema}); this version understands schema ${SCHEMA}. Update Notwork to change them here.` } };
    }
    let doc = head;
    if (head.chunks !== undefined) {
      const n = head.chunks;
      if (!Number.isInteger(n) || n < 1 || n > 512) return unreadable(`the stored settings name ${JSON.stringify(n)} chunks`);
      const keyOf = typeof head.gen === 'string' ? (i) => `${KEY}.${head.gen}.${i}` : (i) => `${KEY}.chunk.${i}`;
      let text = '';
      for (let i = 0; i < n; i++) {
        const piece = all[keyOf(i)];
        if (typeof piece !== 'string') return unreadable(`settings chunk ${i + 1} of ${n} is missing (still syncing from another device?)`);
        text += piece;
      }
      if ((head.length !== undefined && head.length !== text.length) || (head.sum !== undefined && head.sum !== checksum(text))) {
        return unreadable(`the ${n} settings chunks come from different saves (still syncing from another device?)`);
      }
      try {
        doc = JSON.parse(text);
      } catch (_) {
        return unreadable(`the ${n} settings chunks do not form one document (chunks from different saves?)`);
      }
    }
    const m = migrate(doc);
    if (!m.ok) {
      const newer = isObj(doc) && typeof doc.schema === 'number' && doc.schema > SCHEMA;
      return { doc, problem: { kind: newer ? 'newer' : 'invalid', message: m.errors.map((e) => e.message).join('; ') } };
    }
    return { doc: m.settings, problem: null };
  }

  /** The old name: the stored document, or an exception saying why it cannot be read. */
  function decode(all) {
    const r = inspect(all);
    if (r.problem) throw new Error(r.problem.message);
    return r.doc;
  }

  // One writer at a time: Web Locks are shared by every context of the extension's origin
  // (options, popup, service worker); within a context a promise queue does the same. Never the
  // Web Locks of a content script: those belong to the page's origin, and a page holding a lock
  // of that name would stall Notwork's writes.
  const queues = new Map();
  const extensionOrigin = () => typeof location !== 'undefined' && /^(chrome|moz|safari-web)-extension:$/.test(location.protocol);
  function exclusive(name, fn) {
    const locks = typeof navigator !== 'undefined' && navigator.locks;
    if (locks && typeof locks.request === 'function' && extensionOrigin()) return locks.request('notwork:' + name, () => fn());
    const tail = queues.get(name) || Promise.resolve();
    const run = tail.then(() => fn());
    queues.set(name, run.catch(() => {}));
    return run;
  }

  let lastLoadProblem = null;
  let lastProblem = null;

  /** The stored settings as they are: {settings (merged over the defaults; the defaults when
   *  there is a problem), problem, doc (what could be decoded), items (the raw stored items of
   *  the settings)}. Rejects only when storage itself cannot be reached. */
  async function read() {
    const all = await syncArea().get(null);
    const items = {};
    for (const k of Object.keys(all)) if (k === KEY || isChunkKey(k)) items[k] = all[k];
    const r = inspect(all);
    lastProblem = r.problem;
    lastLoadProblem = r.problem ? r.problem.message : null;
    return { settings: r.problem ? clone(DEFAULTS) : merge(DEFAULTS, r.doc || {}), problem: r.problem, doc: r.doc, items };
  }

  /** The current settings, merged over the defaults and migrated. Never rejects for bad
   *  stored data: it returns the defaults and remembers why (loadProblem(), problem());
   *  saves are then refused until the stored document is readable again. */
  async function load() {
    try {
      return (await read()).settings;
    } catch (e) {
      lastLoadProblem = 'could not read stored settings: ' + ((e && e.message) || e);
      lastProblem = { kind: 'unreadable', message: lastLoadProblem };
      return clone(DEFAULTS);
    }
  }

  const failure = (message, extra) => Object.assign({ ok: false, errors: [{ path: '', message }] }, extra || {});
  const refusal = (problem) => failure(`not saved: ${problem.message}. Your stored settings were left untouched; export them from the options page to keep a copy.`, { refused: true, problem });

  /** Writes `doc` (already migrated, merged and validated): inside exclusive('sync') only. */
  async function write(doc, { replace = false } = {}) {
    const area = syncArea();
    let before;
    try {
      before = await area.get(null);
    } catch (e) {
      return failure('could not read the stored settings before saving: ' + ((e && e.message) || e));
    }
    const cur = inspect(before);
    if (cur.problem && !replace) return refusal(cur.problem);
    const items = encode(doc);
    let total = 0;
    for (const [k, v] of Object.entries(items)) total += utf8Len(k) + utf8Len(JSON.stringify(v));
    if (total > DOC_BYTES_MAX) {
      return failure(`settings are too large for browser sync storage (${total} bytes; at most ${DOC_BYTES_MAX}, so that the old copy stays until the new one is complete). Remove some custom patterns.`);
    }
    const chunks = Object.keys(items).filter((k) => k !== KEY);
    try {
      if (chunks.length) await area.set(Object.fromEntries(chunks.map((k) => [k, items[k]])));
      await area.set({ [KEY]: items[KEY] });
    } catch (e) {
      if (chunks.length) await Promise.resolve().then(() => area.remove(chunks)).catch(() => {});
      const msg = String((e && e.message) || e);
      return failure(/quota/i.test(msg) ? `browser sync storage refused the settings: ${msg}` : `could not save settings: ${msg}`);
    }
    const stale = Object.keys(before).filter((k) => isChunkKey(k) && !(k in items));
    if (stale.length) await Promise.resolve().then(() => area.remove(stale)).catch(() => {}); // removed by the next save otherwise
    lastProblem = null;
    lastLoadProblem = null;
    return { ok: true, errors: [] };
  }

  function prepare(settings, engine) {
    const m = migrate(settings);
    if (!m.ok) return { errors: m.errors };
    const doc = merge(DEFAULTS, m.settings);
    const errors = validate(doc, engine);
    return errors.length ? { errors } : { doc };
  }

  /** Validates and stores a whole document. -> {ok, errors, refused?}; on any problem
   *  nothing is written. Refused (refused: true) while the stored document is unreadable
   *  or newer, unless opts.replace (an explicit import or reset). */
  async function save(settings, engine, opts) {
    const p = prepare(settings, engine);
    if (p.errors) return { ok: false, errors: p.errors };
    return exclusive('sync', () => write(p.doc, opts));
  }

  /** Read-modify-write: `fn(current)` gets the freshly read settings and returns the next
   *  document (or undefined: nothing to change; or throws: refused with its message). */
  async function update(fn, engine) {
    return exclusive('sync', async () => {
      let cur;
      try {
        cur = await read();
      } catch (e) {
        return failure('could not read the stored settings: ' + ((e && e.message) || e));
      }
      if (cur.problem) return refusal(cur.problem);
      let next;
      try {
        next = fn(clone(cur.settings));
      } catch (e) {
        return failure(String((e && e.message) || e), { full: !!(e && e.full) });
      }
      if (next === undefined) return { ok: true, errors: [], unchanged: true };
      const p = prepare(next, engine);
      if (p.errors) return { ok: false, errors: p.errors };
      return write(p.doc);
    });
  }

  /** "Don't show this again" for nudge rules (re-reads first; bounded). */
  function dismissRules(rules, engine) {
    const ids = [...new Set((Array.isArray(rules) ? rules : []).filter((r) => typeof r === 'string'))];
    if (!ids.length || ids.some((r) => !r || r.length > RULE_ID_MAX)) return Promise.resolve(failure('not a rule id'));
    return update((s) => {
      const have = s.nudges.dismissedRules || [];
      const add = ids.filter((r) => !have.includes(r));
      if (!add.length) return undefined;
      if (have.length + add.length > DISMISSED_MAX) {
        throw Object.assign(new Error(`Notwork already hides ${have.length} nudge rules (at most ${DISMISSED_MAX}); show some again in the options first.`), { full: true });
      }
      s.nudges.dismissedRules = have.concat(add);
      return s;
    }, engine);
  }

  /** cb(settings) after any change of the stored settings (any tab, any device). While the
   *  stored document cannot be read (a sync in progress) cb is not called: the tab keeps
   *  what it has instead of falling back to the defaults. */
  function onChange(cb) {
    const c = chromeApi();
    if (!c || !c.storage.onChanged) return () => {};
    const listener = (changes, area) => {
      if (area !== 'sync') return;
      if (!Object.keys(changes).some((k) => k === KEY || isChunkKey(k))) return;
      read().then((r) => { if (!r.problem) cb(r.settings); }, () => {});
    };
    c.storage.onChanged.addListener(listener);
    return () => c.storage.onChanged.removeListener(listener);
  }

  /** The settings as JSON text. When the stored document cannot be used here, what is
   *  stored instead: the newer document as it is, or the raw stored items (for rescue). */
  async function exportJSON() {
    let r;
    const text = async (doc) => JSON.stringify(await withCorrections(doc), null, 2) + '\n';
    try {
      r = await read();
    } catch (_) {
      return text(await load());
    }
    if (!r.problem) return text(r.settings);
    if (r.doc !== undefined) return text(r.doc);
    return text({ notworkUnreadableSettings: { problem: r.problem.message, items: r.items } });
  }

  // The local corrections (extension/shared/corrections.js) travel with the settings in an
  // export, under `corrections` (as stored, damaged data too), when there are any.
  const corrections = () => root.NotworkCorrections || null;
  async function withCorrections(doc) {
    const C = corrections();
    if (!C || !isObj(doc)) return doc;
    let v;
    try { v = await C.exportValue(); } catch (_) { return doc; }
    return v === undefined ? doc : Object.assign({}, doc, { corrections: v });
  }

  /** Parses, migrates and validates `text`, then replaces the settings with it (also over
   *  an unreadable or newer stored document: the user chose this file). -> {ok, errors}.
   *  On any problem the current settings stay exactly as they were. */
  async function importJSON(text, engine) {
    let obj;
    try {
      obj = JSON.parse(text);
    } catch (e) {
      return { ok: false, errors: [{ path: '', message: 'not valid JSON: ' + ((e && e.message) || e) }] };
    }
    const C = corrections();
    const withCorr = !!C && isObj(obj) && 'corrections' in obj;
    const corr = withCorr ? obj.corrections : undefined;
    if (withCorr) { obj = Object.assign({}, obj); delete obj.corrections; }
    const m = migrate(obj);
    if (!m.ok) return { ok: false, errors: m.errors };
    const errors = validate(m.settings, engine).concat(withCorr ? C.validate(corr) : []);
    if (errors.length) return { ok: false, errors };
    const res = await save(m.settings, engine, { replace: true });
    if (!res.ok || !withCorr) return res;
    return C.importValue(corr);
  }

  /** Back to the defaults (an explicit choice: replaces even an unreadable document). */
  async function reset() {
    return save(clone(DEFAULTS), undefined, { replace: true });
  }

  // ---------------------------------------------------------------- local-only

  /** The stored opened-links history without what has expired: {list, at} (same order, most
   *  recent last). Entries stored before timestamps were kept count from `now` (they expire
   *  OPENED_LINKS_DAYS after the first write that sees them). */
  function liveOpened(stored, now) {
    const list = Array.isArray(stored.openedLinks) ? stored.openedLinks : [];
    const at = Array.isArray(stored.openedLinksAt) ? stored.openedLinksAt : [];
    const cutoff = now - OPENED_LINKS_DAYS * DAY_MS;
    const out = { list: [], at: [], dropped: 0 };
    list.forEach((u, i) => {
      const t = typeof at[i] === 'number' && isFinite(at[i]) ? Math.min(at[i], now) : now;
      if (typeof u !== 'string' || t < cutoff) { out.dropped++; return; }
      out.list.push(u);
      out.at.push(t);
    });
    return out;
  }

  /** Remembers that the user opened `url` (P4). Bounded LRU, most recent last; entries older
   *  than OPENED_LINKS_DAYS are dropped on every write (and ignored on every read). */
  async function recordOpenedLink(url, now = Date.now()) {
    const n = normalizeUrl(typeof url === 'string' ? url.slice(0, URL_MAX * 2) : url);
    if (!n || n.length > URL_MAX) return false;
    return exclusive('local', async () => {
      const area = localArea();
      const live = liveOpened(await area.get(['openedLinks', 'openedLinksAt']), now);
      const list = [];
      const at = [];
      live.list.forEach((u, i) => { if (u !== n) { list.push(u); at.push(live.at[i]); } });
      list.push(n);
      at.push(now);
      while (list.length > OPENED_LINKS_MAX) { list.shift(); at.shift(); }
      await area.set({ openedLinks: list, openedLinksAt: at });
      return true;
    });
  }

  /** Set of normalised URLs the user opened in the last OPENED_LINKS_DAYS (extension pages and
   *  the service worker only: content scripts ask openedAmong() through the service worker). */
  async function openedLinks(now = Date.now()) {
    return new Set(liveOpened(await localArea().get(['openedLinks', 'openedLinksAt']), now).list);
  }

  /** Which of these links did the user open? -> booleans, one per url (at most QUERY_MAX). */
  async function openedAmong(urls, now = Date.now()) {
    const list = (Array.isArray(urls) ? urls : []).slice(0, QUERY_MAX);
    const set = await openedLinks(now);
    return list.map((u) => {
      const n = typeof u === 'string' && u.length <= URL_MAX * 2 ? normalizeUrl(u) : null;
      return !!n && set.has(n);
    });
  }

  const bytesOf = (items) => Object.entries(items).reduce((n, [k, v]) => n + (v === undefined ? 0 : utf8Len(k) + utf8Len(JSON.stringify(v))), 0);

  /** The opened-links history for the options: {count, bytes, oldest, days, max} (live entries;
   *  bytes as stored). */
  async function openedLinksInfo(now = Date.now()) {
    const stored = await localArea().get(['openedLinks', 'openedLinksAt']);
    const live = liveOpened(stored, now);
    return { count: live.list.length, bytes: bytesOf(stored), oldest: live.at.length ? Math.min(...live.at) : null, days: OPENED_LINKS_DAYS, max: OPENED_LINKS_MAX };
  }

  /** Forgets every opened link. */
  async function clearOpenedLinks() {
    return exclusive('local', async () => { await localArea().remove(['openedLinks', 'openedLinksAt']); return { ok: true }; });
  }

  // ---- author sets: muted ("Don't badge") and trusted (never autofeed/promo, never acted on)

  async function authorSet(key) {
    const { [key]: m } = await localArea().get(key);
    return isObj(m) ? m : {};
  }
  const mutedAuthors = () => authorSet('mutedAuthors');
  const trustedAuthors = () => authorSet('trustedAuthors');

  /** A muted/trusted author key as the badges write it: "<site>:<handle lowercased>". */
  const validAuthorKey = (k) => typeof k === 'string' && k.length > 0 && k.length <= MUTED_KEY_MAX &&
    SITES.includes(k.slice(0, k.indexOf(':'))) && k.indexOf(':') < k.length - 1;

  const AUTHOR_SETS = {
    mutedAuthors: { count: 'muted', max: MUTED_MAX, full: (n) => `Notwork already hides ${n} accounts, its limit. Show some again in the options to hide more.` },
    trustedAuthors: { count: 'trusted', max: TRUSTED_MAX, full: (n) => `Notwork already trusts ${n} accounts, its limit. Remove some in the options to trust more.` },
  };

  /** Adds or removes one author of a set (re-reads first, inside the local lock).
   *  -> {ok, <count>, full?, tooLong?, unchanged?, message?}. A full set or an invalid key
   *  refuses and says so; nothing is dropped. */
  function setAuthor(store, authorKey, on) {
    const { count: countKey, max, full } = AUTHOR_SETS[store];
    if (!validAuthorKey(authorKey)) {
      return Promise.resolve({ ok: false, tooLong: typeof authorKey === 'string' && authorKey.length > MUTED_KEY_MAX, message: `Notwork cannot remember this account (its name is longer than ${MUTED_KEY_MAX} characters or not an account).` });
    }
    return exclusive('local', async () => {
      const m = await authorSet(store);
      if (on && !m[authorKey]) {
        const count = Object.keys(m).length;
        if (count >= max) return { ok: false, full: true, [countKey]: count, message: full(count) };
        m[authorKey] = true;
      } else if (!on && m[authorKey]) {
        delete m[authorKey];
      } else {
        return { ok: true, [countKey]: Object.keys(m).length, unchanged: true };
      }
      await localArea().set({ [store]: m });
      return { ok: true, [countKey]: Object.keys(m).length };
    });
  }

  /** Mutes or un-mutes one author (re-reads first). -> {ok, muted (count), full?, message?}.
   *  A full list (MUTED_MAX) or an over-long key refuses and says so; nothing is dropped. */
  const setMuted = (authorKey, muted) => setAuthor('mutedAuthors', authorKey, !!muted);

  /** Trusts or un-trusts one author (re-reads first): a trusted author's posts are never
   *  badged autofeed/pure_promo and never dimmed, collapsed or hidden.
   *  -> {ok, trusted (count), full?, tooLong?, message?}; same caps and key rules as setMuted. */
  const setTrusted = (authorKey, trusted) => setAuthor('trustedAuthors', authorKey, !!trusted);

  /** Puts authors back into a set (the options' "Undo" after a removal or a clear): valid keys
   *  only, within the cap (re-reads first). -> {ok, <count>, restored, full?} */
  function restoreAuthors(store, keys) {
    if (!AUTHOR_SETS[store]) return Promise.resolve({ ok: false, message: 'not an author list' });
    const { count: countKey, max } = AUTHOR_SETS[store];
    const list = (Array.isArray(keys) ? keys : isObj(keys) ? Object.keys(keys) : []).filter(validAuthorKey);
    return exclusive('local', async () => {
      const m = await authorSet(store);
      let restored = 0;
      let full = false;
      for (const k of list) {
        if (m[k]) continue;
        if (Object.keys(m).length >= max) { full = true; break; }
        m[k] = true;
        restored++;
      }
      if (restored) await localArea().set({ [store]: m });
      return { ok: true, [countKey]: Object.keys(m).length, restored, full };
    });
  }

  /** Empties one author set ('mutedAuthors' or 'trustedAuthors'). */
  function clearAuthors(store) {
    if (!AUTHOR_SETS[store]) return Promise.resolve({ ok: false, message: 'not an author list' });
    return exclusive('local', async () => { await localArea().remove(store); return { ok: true }; });
  }

  // ---- "Pause on this site": {"<host>": true}, local to this device

  async function pausedSites() {
    const { pausedSites: p } = await localArea().get('pausedSites');
    return isObj(p) ? p : {};
  }
  async function isPaused(host) {
    const h = normalizeHost(host);
    return !!h && !!(await pausedSites())[h];
  }
  /** Pauses or resumes Notwork on one host (re-reads first). -> {ok, paused (bool), count, full?, message?} */
  function setPaused(host, paused) {
    const h = normalizeHost(host);
    if (!h) return Promise.resolve({ ok: false, message: 'not a site Notwork can pause' });
    return exclusive('local', async () => {
      const p = await pausedSites();
      const count = Object.keys(p).length;
      if (paused && !p[h]) {
        if (count >= PAUSED_MAX) return { ok: false, full: true, paused: false, count, message: `Notwork is already paused on ${count} sites, its limit. Resume some first.` };
        p[h] = true;
      } else if (!paused && p[h]) {
        delete p[h];
      } else {
        return { ok: true, paused: !!paused, count, unchanged: true };
      }
      await localArea().set({ pausedSites: p });
      return { ok: true, paused: !!paused, count: Object.keys(p).length };
    });
  }

  /** Resumes Notwork on every paused site. */
  function clearPaused() {
    return exclusive('local', async () => { await localArea().remove('pausedSites'); return { ok: true }; });
  }

  /** Stored sizes of the local stores, for the options: {key: bytes}. */
  async function localBytes(keys) {
    const got = await localArea().get(keys);
    return Object.fromEntries(keys.map((k) => [k, got[k] === undefined ? 0 : utf8Len(k) + utf8Len(JSON.stringify(got[k]))]));
  }

  // ---------------------------------------------------------------- bounded posts
  // What a content script sends about a post is cut to the core's own caps (core/src/json_io.h:
  // 16 KiB of text, 2 KiB per other field, 64 items per list) before it leaves the page's tab,
  // the same way the core cuts (whole UTF-8 characters, NULs dropped, a lone surrogate counted
  // as U+FFFD): the results are the same as for the uncut post, and a page's huge DOM text
  // never travels in a message. Fields the core does not read are not sent.
  const TEXT_BYTES = 16 * 1024;
  const FIELD_BYTES = 2 * 1024;
  const LIST_ITEMS = 64;
  const STRING_FIELDS = ['id', 'author', 'author_name', 'author_url', 'reply_to', 'quoted_author', 'site', 'source_client', 'created_at', 'kind'];
  const LIST_FIELDS = ['links', 'mentions', 'hashtags', 'unopened_links'];
  const FLAG_FIELDS = ['is_reply', 'is_repost', 'automated'];

  /** `s` cut to at most `max` UTF-8 bytes, as the core's sanitize_utf8 cuts it. */
  function clipUtf8(s, max) {
    if (typeof s !== 'string') return s;
    const wellFormed = typeof s.isWellFormed === 'function' ? s.isWellFormed() : !/[\ud800-\udfff]/.test(s);
    if (s.length * 3 <= max && wellFormed && s.indexOf('\0') < 0) return s;
    let out = '';
    let bytes = 0;
    let start = 0;   // pending run of characters kept as they are
    let i = 0;
    const flush = (end) => { if (end > start) out += s.slice(start, end); };
    for (; i < s.length;) {
      const c = s.charCodeAt(i);
      let n;
      let units = 1;
      let replace = false;
      if (c < 0x80) n = 1;
      else if (c < 0x800) n = 2;
      else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) { n = 4; units = 2; }
      else if (c >= 0xd800 && c <= 0xdfff) { n = 3; replace = true; }
      else n = 3;
      if (c === 0) { flush(i); i += 1; start = i; continue; }
      if (bytes + n > max) break;
      if (replace) { flush(i); out += '\ufffd'; i += 1; start = i; bytes += 3; continue; }
      bytes += n;
      i += units;
    }
    flush(i);
    return out;
  }

  /** The post as the core may see it: known fields only, each within the core's caps. */
  function boundPost(post) {
    if (!isObj(post)) return post;
    const out = {};
    if ('text' in post) out.text = clipUtf8(post.text, TEXT_BYTES);
    for (const k of STRING_FIELDS) if (k in post) out[k] = clipUtf8(post[k], FIELD_BYTES);
    for (const k of LIST_FIELDS) {
      if (!(k in post)) continue;
      out[k] = Array.isArray(post[k]) ? post[k].filter((x) => typeof x === 'string').slice(0, LIST_ITEMS).map((x) => clipUtf8(x, FIELD_BYTES)) : post[k]; // the core skips non-strings too
    }
    for (const k of FLAG_FIELDS) if (k in post) out[k] = post[k];
    return out;
  }

  const bounds = Object.freeze({ TEXT_BYTES, FIELD_BYTES, LIST_ITEMS, clipUtf8, boundPost });

  const api = Object.freeze({
    SCHEMA, SITES, LABELS, WEIGHT_MAX, ACTIONS, ACTION_LABELS, OPENED_LINKS_MAX, QUOTA_BYTES_PER_ITEM, QUOTA_BYTES,
    MUTED_MAX, MUTED_KEY_MAX, TRUSTED_MAX, PAUSED_MAX, OPENED_LINKS_DAYS, DISMISSED_MAX, RULE_ID_MAX, DOC_BYTES_MAX, URL_MAX, QUERY_MAX,
    DEFAULTS,
    defaults: () => clone(DEFAULTS),
    load, read, save, update, dismissRules, validate, migrate, merge, onChange, exportJSON, importJSON, reset,
    loadProblem: () => lastLoadProblem,
    problem: () => lastProblem,
    normalizeUrl, normalizeHost,
    recordOpenedLink, openedLinks, openedAmong, openedLinksInfo, clearOpenedLinks,
    mutedAuthors, setMuted, trustedAuthors, setTrusted, clearAuthors, restoreAuthors, validAuthorKey,
    pausedSites, isPaused, setPaused, clearPaused, localBytes,
    bounds,
    _encode: encode, _decode: decode, _inspect: inspect, _checksum: checksum,
  });

  root.NotworkSettings = api;
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
})(typeof globalThis !== 'undefined' ? globalThis : self);
