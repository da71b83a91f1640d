/* Notwork corrections: "This badge is wrong" / "this is promo" / "this is a feed".
 *
 * Classic script (no modules): the same file runs in content scripts (reading only: the
 * multipliers and the composed configuration), in the service worker (importScripts; it adds
 * corrections for the tabs, `notwork:correct`), in the options page (list, undo, reset) and in
 * Node (`require`, vm) for the tests.
 *
 * The model. A label's score is the fitted logistic model of core/data/weights.json:
 * p = sigmoid(bias [+ comment_bias for a comment] + Σ w⁰[rule] × strength[rule]). A correction says the post is (right) or is
 * not (wrong) of one label; its step is one online logistic-regression step on that post's rule
 * strengths, taken at the fitted weights: the gradient of the log-loss with respect to a rule's
 * user multiplier m (the options' weight ÷ its default: m scales all of a rule's weights, see
 * docs/ARCHITECTURE.md) is (p − y) × w⁰ × strength, so
 *     step[rule] = clip(−RATE × (p − y) × w⁰[rule] × strength[rule], ±STEP_MAX).
 * A rule's multiplier from corrections is 1 + Σ steps over the stored list, kept in
 * [M_MIN, M_MAX]; it multiplies the rule's weight (the user's own, or the default). Each step is
 * a pure function of its correction (no clock, no order), stored with it in units of 1e-4 and
 * summed as integers, so undo (drop one entry) and reset are exact and the same list always
 * gives the same multipliers.
 *
 * Storage: chrome.storage.local `corrections` = {v: 1, list: [entry, …]} (oldest first, never
 * synced), entry = {id, site, author, post ("id:<post id>" or "h:<a 64-bit FNV-1a hash of the text>" —
 * never the text), label, right (false: "this badge is wrong"), strengths {rule: strength on
 * that label}, step {rule: Δm}, base {rule: default weight} (so a content script composes the
 * configuration without the catalogue), time (ms), comment (true for a comment: its base rate,
 * the model's comment_bias, is in p)}. At most MAX_ENTRIES entries and MAX_BYTES
 * bytes: a full list refuses new corrections (the user undoes some) rather than dropping old
 * ones. Stored data that cannot be read is reported (problem()) and never overwritten except by
 * an explicit reset or import; its valid entries still apply.
 */
(function (root) {
  'use strict';

  const KEY = 'corrections';
  const VERSION = 1;
  const MAX_ENTRIES = 200;
  const MAX_BYTES = 128 * 1024;
  const MAX_RULES = 32;          // rules per entry (a post has a handful of reasons)
  const AUTHOR_MAX = 200;        // as muted authors' keys
  const POST_MAX = 160;
  const RULE_ID_MAX = 128;
  const LABELS = ['autofeed', 'pure_promo', 'genuine_share'];
  const SITES = ['x', 'mastodon', 'bluesky', 'youtube', 'wordpress', 'reddit', 'linkedin'];
  const RATE = 0.1;              // learning rate of the online step
  const STEP_MAX = 0.04;         // at most 4 % per correction per rule
  const M_MIN = 0.5;             // a rule's multiplier from corrections stays in [0.5, 1.5]
  const M_MAX = 1.5;
  const UNIT = 1e4;              // steps are stored and summed in units of 1e-4
  const WEIGHT_MAX = 10;         // the core's weight cap
  const WEIGHTS_URL = 'core/data/weights.json';

  const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
  const clone = (v) => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));
  const round4 = (x) => Math.round(x * UNIT) / UNIT;
  const sigmoid = (z) => 1 / (1 + Math.exp(-z));
  const utf8Len = (s) => (typeof TextEncoder !== 'undefined' ? new TextEncoder().encode(s).length : s.length * 3);
  const bytesOf = (record) => utf8Len(KEY) + utf8Len(JSON.stringify(record));

  /** Two 32-bit FNV-1a hashes of the UTF-16 code units (different offsets), 16 hex digits: a
   *  post without an id is named by this. Math.imul only: cheap enough for any post. */
  function hashText(text) {
    const s = String(text);
    let a = 0x811c9dc5;
    let b = 0x050c5d1f;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
    }
    return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
  }

  /** How a correction names its post: its id when it has a short one, else a hash of its text. */
  function postRef(post) {
    const id = post && typeof post.id === 'string' ? post.id : post && typeof post.id === 'number' ? String(post.id) : '';
    if (id && id.length <= POST_MAX - 3) return 'id:' + id;
    return 'h:' + hashText((post && post.text) || '');
  }

  // ------------------------------------------------------------ validation

  const isRule = (r) => typeof r === 'string' && r.length > 0 && r.length <= RULE_ID_MAX && !r.startsWith('custom.');
  const finite = (x) => typeof x === 'number' && isFinite(x);

  /** Problems of one stored entry ([] when it is fine). */
  function entryErrors(e) {
    const out = [];
    if (!isObj(e)) return ['not an object'];
    if (typeof e.id !== 'string' || !e.id || e.id.length > 40) out.push('id');
    if (!SITES.includes(e.site)) out.push('site');
    if (typeof e.author !== 'string' || e.author.length > AUTHOR_MAX) out.push('author');
    if (typeof e.post !== 'string' || !/^(id|h):./.test(e.post) || e.post.length > POST_MAX) out.push('post');
    if (!LABELS.includes(e.label)) out.push('label');
    if (typeof e.right !== 'boolean') out.push('right');
    if (e.comment !== undefined && e.comment !== true) out.push('comment');
    if (!finite(e.time) || e.time < 0) out.push('time');
    for (const k of ['strengths', 'step', 'base']) {
      const m = e[k];
      if (!isObj(m) || Object.keys(m).length > MAX_RULES) { out.push(k); continue; }
      for (const [r, v] of Object.entries(m)) if (!isRule(r) || !finite(v)) { out.push(`${k}/${r}`); break; }
    }
    if (!out.length) {
      for (const [r, v] of Object.entries(e.step)) {
        if (Math.abs(v) > STEP_MAX + 1e-9 || Math.abs(v * UNIT - Math.round(v * UNIT)) > 1e-6) { out.push(`step/${r}`); break; }
        if (!(e.base[r] > 0 && e.base[r] <= WEIGHT_MAX)) { out.push(`base/${r}`); break; }
      }
    }
    return out;
  }

  /** What a stored value holds. -> {list (the valid entries), problem: null | {kind, message, bad}} */
  function inspect(value) {
    if (value === undefined || value === null) return { list: [], problem: null };
    if (!isObj(value)) return { list: [], problem: { kind: 'unreadable', message: 'the stored corrections are not a JSON object', bad: 0 } };
    if (typeof value.v === 'number' && value.v > VERSION) {
      return { list: [], problem: { kind: 'newer', message: `these corrections were written by a newer Notwork (version ${value.v}); this version understands version ${VERSION}`, bad: 0 } };
    }
    if (value.v !== VERSION || !Array.isArray(value.list)) return { list: [], problem: { kind: 'unreadable', message: 'the stored corrections have no list of version 1', bad: 0 } };
    const list = [];
    let bad = 0;
    const ids = new Set();
    for (const e of value.list) {
      if (entryErrors(e).length || ids.has(e.id)) { bad++; continue; }
      ids.add(e.id);
      list.push(e);
    }
    if (bad) return { list, problem: { kind: 'invalid', message: `${bad} of the ${value.list.length} stored corrections are damaged`, bad } };
    if (list.length > MAX_ENTRIES) return { list, problem: { kind: 'invalid', message: `more than ${MAX_ENTRIES} corrections are stored`, bad: 0 } };
    return { list, problem: null };
  }

  /** Problems of a whole record to import ([] when it can replace the stored one). */
  function validate(value) {
    if (value === undefined) return [];
    const r = inspect(value);
    if (!r.problem && bytesOf({ v: VERSION, list: r.list }) > MAX_BYTES) return [{ path: '/corrections', message: `the corrections take more than ${MAX_BYTES} bytes` }];
    if (!r.problem) return [];
    if (Array.isArray(value && value.list)) {
      const errors = [];
      value.list.forEach((e, i) => { const es = entryErrors(e); if (es.length) errors.push({ path: `/corrections/list/${i}`, message: 'damaged correction: ' + es.join(', ') }); });
      if (errors.length) return errors;
    }
    return [{ path: '/corrections', message: r.problem.message }];
  }

  // ------------------------------------------------------------ the model

  /** Each rule's multiplier from corrections, for the rules they move: {rule: m}. Exact and
   *  independent of the list's order (integer sums of the stored steps). */
  function multipliers(list) {
    const sums = new Map();
    for (const e of list || []) for (const [r, v] of Object.entries(e.step || {})) sums.set(r, (sums.get(r) || 0) + Math.round(v * UNIT));
    const out = {};
    for (const [r, n] of [...sums].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      const m = Math.min(M_MAX, Math.max(M_MIN, 1 + n / UNIT));
      if (m !== 1) out[r] = round4(m);
    }
    return out;
  }

  /** The default weight of each rule the list moves (the latest entry's word). */
  function bases(list) {
    const out = {};
    for (const e of list || []) for (const [r, b] of Object.entries(e.base || {})) out[r] = b;
    return out;
  }

  /** settings.core with the corrections applied: a moved rule's weight (the user's own, else
   *  its default) times its multiplier, within the core's 0..10. A rule the user switched off
   *  stays off. Returns `core` itself when nothing moves. */
  function composeCore(core, list) {
    const m = multipliers(list);
    const rules = Object.keys(m);
    if (!rules.length) return core;
    const base = bases(list);
    const out = clone(core || { version: 1 }) || { version: 1 };
    out.rules = isObj(out.rules) ? out.rules : {};
    for (const r of rules) {
      const cur = isObj(out.rules[r]) ? out.rules[r] : {};
      if (cur.enabled === false) continue;
      const w = typeof cur.weight === 'number' ? cur.weight : base[r];
      if (!(typeof w === 'number' && isFinite(w))) continue;
      out.rules[r] = Object.assign({}, cur, { weight: round4(Math.min(WEIGHT_MAX, Math.max(0, w * m[r]))) });
    }
    return out;
  }

  /** Per rule of the catalogue: {label, weight (its default on its own label)}. */
  function catalogueMap(catalogue) {
    const out = new Map();
    for (const r of (catalogue && catalogue.rules) || []) out.set(r.id, { label: r.label, weight: r.weight });
    return out;
  }

  /** The weight the engine gives `rule` on `label` under `core` (core/src/engine.cc apply():
   *  a user weight scales all of a rule's fitted weights by user ÷ default; a rule whose default
   *  is 0 gets the user's weight on its own label only). */
  function engineWeight(rule, label, fitted, cat, core) {
    const info = cat.get(rule);
    const w0 = Number(((fitted[label] || {}).weights || {})[rule]) || 0;
    if (!info) return w0;
    const entry = core && isObj(core.rules) && isObj(core.rules[rule]) ? core.rules[rule] : null;
    if (!entry || typeof entry.weight !== 'number') return w0;
    if (info.weight > 0) return w0 * entry.weight / info.weight;
    return label === info.label ? entry.weight : w0;
  }

  /** The post's rule strengths on `label` from its reasons (contribution = weight × strength),
   *  at the weights it was scored with (`core`: the composed configuration). */
  function strengthsOf(reasons, label, model) {
    const cat = catalogueMap(model.catalogue);
    const out = {};
    for (const r of Array.isArray(reasons) ? reasons : []) {
      if (!r || r.label !== label || !isRule(r.rule) || !cat.has(r.rule) || !finite(r.contribution)) continue;
      const w = engineWeight(r.rule, label, model.fitted, cat, model.core);
      if (!(w > 0)) continue;
      const s = round4((out[r.rule] || 0) + r.contribution / w);
      if (s !== 0) out[r.rule] = s;
      if (Object.keys(out).length >= MAX_RULES) break;
    }
    return out;
  }

  /** Does the fitted model match the engine that scored the post? Every catalogue rule's
   *  default weight on its own fitted label must be the model's (a stale build of the core next
   *  to a refitted core/data/weights.json would make the strengths wrong). -> null or why not. */
  function mismatch(model) {
    for (const r of (model.catalogue && model.catalogue.rules) || []) {
      const fl = model.fitted[r.label];
      if (!fl || !isObj(fl.weights)) continue;
      const w0 = Number(fl.weights[r.id]) || 0;
      if (Math.abs(w0 - r.weight) > 1e-3) return `the fitted weights (${WEIGHTS_URL}) do not match this build of the core (${r.id}: ${w0} vs ${r.weight}); rebuild the extension`;
    }
    return null;
  }

  /** One correction's step: {step: {rule: Δm}, base: {rule: default}, p (at the fitted weights)}. */
  function stepOf(label, right, strengths, model, comment = false) {
    const fl = model.fitted[label];
    if (!fl || !isObj(fl.weights) || !finite(fl.bias)) throw new Error(`no fitted model for ${label}`);
    const cat = catalogueMap(model.catalogue);
    const rules = Object.keys(strengths).sort();
    // A comment section's base rate is not a timeline's (core/src/engine.cc: comment_bias).
    let z = fl.bias + (comment && finite(fl.comment_bias) ? fl.comment_bias : 0);
    for (const r of rules) z += (Number(fl.weights[r]) || 0) * strengths[r];
    const p = sigmoid(z);
    const y = right ? 1 : 0;
    const step = {};
    const base = {};
    for (const r of rules) {
      const w0 = Number(fl.weights[r]) || 0;
      const info = cat.get(r);
      if (!(w0 > 0) || !info || !(info.weight > 0)) continue; // a multiplier cannot move a rule whose default is 0
      const raw = -RATE * (p - y) * w0 * strengths[r];
      const d = Math.round(Math.min(STEP_MAX, Math.max(-STEP_MAX, raw)) * UNIT) / UNIT;
      if (d === 0) continue;
      step[r] = d;
      base[r] = info.weight;
    }
    return { step, base, p: round4(p) };
  }

  // ------------------------------------------------------------ storage

  const chromeApi = () => (typeof chrome !== 'undefined' && chrome.storage ? chrome : null);
  function area() {
    const c = chromeApi();
    if (!c || !c.storage.local) throw new Error('chrome.storage.local is not available here');
    return c.storage.local;
  }

  // One writer at a time (as settings.js): Web Locks across the extension's pages and worker,
  // a promise queue within one context. Content scripts never write: they ask the worker.
  const queue = { tail: Promise.resolve() };
  const extensionOrigin = () => typeof location !== 'undefined' && /^(chrome|moz|safari-web)-extension:$/.test(location.protocol);
  function exclusive(fn) {
    const locks = typeof navigator !== 'undefined' && navigator.locks;
    if (locks && typeof locks.request === 'function' && extensionOrigin()) return locks.request('notwork:corrections', () => fn());
    const run = queue.tail.then(() => fn());
    queue.tail = run.catch(() => {});
    return run;
  }

  let lastProblem = null;

  /** -> {list, problem, raw, bytes} (rejects only when storage cannot be reached). */
  async function read() {
    const got = await area().get(KEY);
    const raw = got[KEY];
    const r = inspect(raw);
    lastProblem = r.problem;
    return { list: r.list, problem: r.problem, raw, bytes: raw === undefined ? 0 : bytesOf(raw) };
  }

  const fail = (message, extra) => Object.assign({ ok: false, message }, extra || {});
  const refusal = (problem) => fail(`not saved: ${problem.message}. Your stored corrections were left untouched; export them from the options page to keep a copy, or reset them there.`, { refused: true, problem });

  async function write(list) {
    const record = { v: VERSION, list };
    const bytes = bytesOf(record);
    if (bytes > MAX_BYTES) return fail(`Notwork's corrections would take ${bytes} bytes (at most ${MAX_BYTES}). Undo some in the options first.`, { full: true });
    await area().set({ [KEY]: record });
    lastProblem = null;
    return { ok: true, count: list.length, bytes };
  }

  let seq = 0;
  const newId = (time) => 'c' + Math.floor(time).toString(36) + (seq++ % 1296).toString(36).padStart(2, '0') + Math.floor(Math.random() * 1296).toString(36).padStart(2, '0');

  /**
   * Adds one correction (re-reads first). `input` = {site, author, post (postRef), label, right,
   * reasons: [{rule, label, contribution}]} as the tab scored it; `model` = {fitted: the
   * `labels` of core/data/weights.json, catalogue, core: settings.core}. A correction of the same
   * post and label replaces the earlier one. -> {ok, entry, moved {rule: Δm}, multipliers, count,
   * bytes} or {ok: false, message, full?, refused?, nothing?}.
   */
  async function add(input, model, now = Date.now()) {
    if (!isObj(input)) return fail('not a correction');
    const { site, label } = input;
    const author = typeof input.author === 'string' ? input.author : '';
    if (!SITES.includes(site)) return fail('not a site Notwork knows');
    if (!LABELS.includes(label)) return fail('not a label Notwork corrects');
    if (author.length > AUTHOR_MAX) return fail(`Notwork cannot remember this account (its name is longer than ${AUTHOR_MAX} characters).`, { tooLong: true });
    if (typeof input.post !== 'string' || !/^(id|h):./.test(input.post) || input.post.length > POST_MAX) return fail('not a post reference');
    if (!model || !isObj(model.fitted)) return fail('the fitted model is not available');
    const stale = mismatch(model);
    if (stale) return fail(stale);
    return exclusive(async () => {
      let cur;
      try { cur = await read(); } catch (e) { return fail('could not read the stored corrections: ' + ((e && e.message) || e)); }
      if (cur.problem) return refusal(cur.problem);
      const others = cur.list.filter((e) => !(e.site === site && e.post === input.post && e.label === label));
      // Strengths at the weights the post was scored with: the user's settings and the
      // corrections in force (this one's earlier version included).
      const scoredWith = composeCore(model.core || { version: 1 }, cur.list);
      const strengths = strengthsOf(input.reasons, label, Object.assign({}, model, { core: scoredWith }));
      let s;
      try { s = stepOf(label, !!input.right, strengths, model, input.comment === true); } catch (e) { return fail(String((e && e.message) || e)); }
      if (!Object.keys(s.step).length) return fail('No rule of Notwork’s weighs on this post for that label, so a correction cannot change anything.', { nothing: true });
      if (others.length >= MAX_ENTRIES) return fail(`Notwork already keeps ${others.length} corrections, its limit. Undo some in the options to add more.`, { full: true, count: others.length });
      const entry = { id: newId(now), site, author, post: input.post, label, right: !!input.right, strengths, step: s.step, base: s.base, time: Math.floor(now) };
      if (input.comment === true) entry.comment = true;
      const res = await write(others.concat([entry]));
      if (!res.ok) return res;
      return Object.assign(res, { entry, moved: s.step, p: s.p, multipliers: multipliers(others.concat([entry])) });
    });
  }

  /** Undoes one correction: its step goes, exactly (re-reads first). -> {ok, count, bytes} */
  async function undo(id) {
    return exclusive(async () => {
      let cur;
      try { cur = await read(); } catch (e) { return fail('could not read the stored corrections: ' + ((e && e.message) || e)); }
      if (cur.problem) return refusal(cur.problem);
      const list = cur.list.filter((e) => e.id !== id);
      if (list.length === cur.list.length) return { ok: true, unchanged: true, count: list.length, bytes: cur.bytes };
      return write(list);
    });
  }

  /** Removes every correction (an explicit choice: also replaces damaged stored data). */
  async function reset() {
    return exclusive(async () => {
      await area().remove(KEY);
      lastProblem = null;
      return { ok: true, count: 0, bytes: 0 };
    });
  }

  /** What is stored, as it is (for the settings export; damaged data too, for rescue). */
  async function exportValue() {
    return (await area().get(KEY))[KEY];
  }

  /** Replaces the stored corrections with an exported record (validated as a whole first).
   *  -> {ok, errors} */
  async function importValue(value) {
    const errors = validate(value);
    if (errors.length) return { ok: false, errors };
    return exclusive(async () => {
      const list = value === undefined ? [] : inspect(value).list;
      if (!list.length) { await area().remove(KEY); lastProblem = null; return { ok: true, errors: [], count: 0 }; }
      const res = await write(list);
      return res.ok ? { ok: true, errors: [], count: res.count } : { ok: false, errors: [{ path: '/corrections', message: res.message }] };
    });
  }

  /** settings.core with the stored corrections applied (the engines are configured with it). */
  async function effectiveCore(core) {
    let list = [];
    try { list = (await read()).list; } catch (_) { /* no storage here: the settings as they are */ }
    return composeCore(core, list);
  }

  /** cb({list, problem}) after any change of the stored corrections (any tab). */
  function onChange(cb) {
    const c = chromeApi();
    if (!c || !c.storage.onChanged) return () => {};
    const listener = (changes, name) => {
      if (name !== 'local' || !(KEY in changes)) return;
      const r = inspect(changes[KEY].newValue);
      cb({ list: r.list, problem: r.problem });
    };
    c.storage.onChanged.addListener(listener);
    return () => c.storage.onChanged.removeListener(listener);
  }

  let fittedPromise = null;
  /** The fitted model the engine is compiled with: core/data/weights.json from the package
   *  (extension pages and the worker). -> its `labels` */
  function loadFitted() {
    if (!fittedPromise) {
      fittedPromise = (async () => {
        const r = await fetch(chrome.runtime.getURL(WEIGHTS_URL));
        if (!r.ok) throw new Error('cannot load the fitted weights: ' + r.status);
        const doc = await r.json();
        if (!isObj(doc) || !isObj(doc.labels)) throw new Error('the fitted weights have no labels');
        return doc.labels;
      })();
      fittedPromise.catch(() => { fittedPromise = null; });
    }
    return fittedPromise;
  }

  const api = Object.freeze({
    KEY, VERSION, MAX_ENTRIES, MAX_BYTES, MAX_RULES, RATE, STEP_MAX, M_MIN, M_MAX, LABELS,
    hashText, postRef, inspect, validate, entryErrors,
    multipliers, bases, composeCore, strengthsOf, stepOf, mismatch,
    read, add, undo, reset, exportValue, importValue, effectiveCore, onChange, loadFitted,
    problem: () => lastProblem,
  });
  root.NotworkCorrections = api;
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
})(typeof globalThis !== 'undefined' ? globalThis : self);
