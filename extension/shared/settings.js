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
 *                        `mutedAuthors`        {"<site>:<handle>": true}
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

  const SITES = ['x', 'mastodon', 'bluesky', 'youtube', 'wordpress'];
  const LABELS = ['autofeed', 'pure_promo', 'genuine_share', 'conversation'];
  const WEIGHT_MAX = 10;

  const deepFreeze = (o) => { Object.values(o).forEach((v) => v && typeof v === 'object' && deepFreeze(v)); return Object.freeze(o); };
  const DEFAULTS = deepFreeze({
    schema: SCHEMA,
    core: { version: 1 },
    sites: { x: true, mastodon: true, bluesky: true, youtube: true, wordpress: true },
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
          else n.dismissedRules.forEach((r, i) => { if (typeof r !== 'string') err(`/nudges/dismissedRules/${i}`, 'must be a rule id'); });
          if (engine && Array.isArray(n.dismissedRules) && typeof engine.catalogue === 'function') {
            const ids = new Set(engine.catalogue().rules.map((r) => r.id));
            n.dismissedRules.forEach((r, i) => { if (typeof r === 'string' && !ids.has(r)) err(`/nudges/dismissedRules/${i}`, `unknown rule id ${r}`); });
          }
        }
      }
    }
    validateActions(obj, err);
    return errors;
  }

  // ---------------------------------------------------------------- storage

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

  /** The items to write for a document: {settings: doc} or a chunked form. */
  function encode(doc) {
    const text = JSON.stringify(doc);
    if (utf8Len(KEY) + utf8Len(text) <= QUOTA_BYTES_PER_ITEM - 64) return { [KEY]: doc };
    const items = {};
    let n = 0;
    for (let i = 0; i < text.length;) {
      let size = CHUNK_CHARS;
      let piece = text.slice(i, i + size);
      // Escapes and non-ASCII can grow a piece; shrink until it fits an item.
      while (utf8Len(JSON.stringify(piece)) + utf8Len(CHUNK_PREFIX + n) > QUOTA_BYTES_PER_ITEM - 64) {
        size = Math.floor(size * 0.7);
        piece = text.slice(i, i + size);
      }
      items[CHUNK_PREFIX + n] = piece;
      n += 1;
      i += size;
    }
    items[KEY] = { schema: doc.schema, chunks: n };
    return items;
  }

  function decode(all) {
    const head = all[KEY];
    if (!isObj(head)) return undefined;
    if (typeof head.chunks !== 'number') return head;
    let text = '';
    for (let i = 0; i < head.chunks; i++) {
      const piece = all[CHUNK_PREFIX + i];
      if (typeof piece !== 'string') throw new Error(`settings chunk ${i} of ${head.chunks} is missing`);
      text += piece;
    }
    return JSON.parse(text);
  }

  let lastLoadProblem = null;

  /** The current settings, merged over the defaults and migrated. Never rejects for
   *  bad stored data: it falls back to the defaults and remembers why (loadProblem()). */
  async function load() {
    let stored;
    lastLoadProblem = null;
    try {
      stored = decode(await syncArea().get(null));
    } catch (e) {
      lastLoadProblem = 'could not read stored settings: ' + ((e && e.message) || e);
      return clone(DEFAULTS);
    }
    const m = migrate(stored);
    if (!m.ok) {
      lastLoadProblem = m.errors.map((e) => e.message).join('; ');
      return clone(DEFAULTS);
    }
    return merge(DEFAULTS, m.settings);
  }

  /** Validates and stores. -> {ok, errors}; on any problem nothing is written. */
  async function save(settings, engine) {
    const m = migrate(settings);
    if (!m.ok) return { ok: false, errors: m.errors };
    const doc = merge(DEFAULTS, m.settings);
    const errors = validate(doc, engine);
    if (errors.length) return { ok: false, errors };
    const items = encode(doc);
    let total = 0;
    for (const [k, v] of Object.entries(items)) total += utf8Len(k) + utf8Len(JSON.stringify(v));
    if (total > QUOTA_BYTES - 512) {
      return { ok: false, errors: [{ path: '', message: `settings are too large for browser sync storage (${total} bytes; the limit is ${QUOTA_BYTES}). Remove some custom patterns.` }] };
    }
    try {
      const area = syncArea();
      const before = await area.get(null);
      await area.set(items);
      const stale = Object.keys(before).filter((k) => k.startsWith(CHUNK_PREFIX) && !(k in items));
      if (stale.length) await area.remove(stale);
    } catch (e) {
      const msg = String((e && e.message) || e);
      const quota = /QUOTA|quota/.test(msg);
      return { ok: false, errors: [{ path: '', message: quota ? `browser sync storage refused the settings: ${msg}` : `could not save settings: ${msg}` }] };
    }
    return { ok: true, errors: [] };
  }

  /** cb(settings) after any change of the stored settings (any tab, any device). */
  function onChange(cb) {
    const c = chromeApi();
    if (!c || !c.storage.onChanged) return () => {};
    const listener = (changes, area) => {
      if (area !== 'sync') return;
      if (!Object.keys(changes).some((k) => k === KEY || k.startsWith(CHUNK_PREFIX))) return;
      load().then(cb, () => {});
    };
    c.storage.onChanged.addListener(listener);
    return () => c.storage.onChanged.removeListener(listener);
  }

  async function exportJSON() {
    return JSON.stringify(await load(), null, 2) + '\n';
  }

  /** Parses, migrates and validates `text`, then replaces the settings with it.
   *  -> {ok, errors}. On any problem the current settings stay exactly as they were. */
  async function importJSON(text, engine) {
    let obj;
    try {
      obj = JSON.parse(text);
    } catch (e) {
      return { ok: false, errors: [{ path: '', message: 'not valid JSON: ' + ((e && e.message) || e) }] };
    }
    const m = migrate(obj);
    if (!m.ok) return { ok: false, errors: m.errors };
    const errors = validate(m.settings, engine);
    if (errors.length) return { ok: false, errors };
    return save(m.settings, engine);
  }

  async function reset() {
    return save(clone(DEFAULTS));
  }

  // ---------------------------------------------------------------- local-only

  /** Remembers that the user opened `url` (P4). Bounded LRU, most recent last. */
  async function recordOpenedLink(url) {
    const n = normalizeUrl(url);
    if (!n) return false;
    const area = localArea();
    const { openedLinks } = await area.get('openedLinks');
    const list = (Array.isArray(openedLinks) ? openedLinks : []).filter((u) => u !== n);
    list.push(n);
    while (list.length > OPENED_LINKS_MAX) list.shift();
    await area.set({ openedLinks: list });
    return true;
  }

  /** Set of normalised URLs the user opened. */
  async function openedLinks() {
    const { openedLinks: list } = await localArea().get('openedLinks');
    return new Set(Array.isArray(list) ? list : []);
  }

  async function mutedAuthors() {
    const { mutedAuthors: m } = await localArea().get('mutedAuthors');
    return isObj(m) ? m : {};
  }

  async function setMuted(authorKey, muted) {
    const m = await mutedAuthors();
    if (muted) m[authorKey] = true;
    else delete m[authorKey];
    await localArea().set({ mutedAuthors: m });
    return m;
  }

  const api = Object.freeze({
    SCHEMA, SITES, LABELS, WEIGHT_MAX, ACTIONS, ACTION_LABELS, OPENED_LINKS_MAX, QUOTA_BYTES_PER_ITEM, QUOTA_BYTES,
    DEFAULTS,
    defaults: () => clone(DEFAULTS),
    load, save, validate, migrate, merge, onChange, exportJSON, importJSON, reset,
    loadProblem: () => lastLoadProblem,
    normalizeUrl, normalizeHost,
    recordOpenedLink, openedLinks, mutedAuthors, setMuted,
    _encode: encode, _decode: decode,
  });

  root.NotworkSettings = api;
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
})(typeof globalThis !== 'undefined' ? globalThis : self);
