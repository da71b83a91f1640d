// A chrome.storage stand-in for unit tests of extension/shared/settings.js under Node, with
// the semantics the settings code relies on (developer.chrome.com/docs/extensions/reference/api/storage):
// values stored as JSON copies; one set()/remove() call is applied whole or not at all;
// sync's quotas (QUOTA_BYTES_PER_ITEM 8192 counted as key + JSON of the value, QUOTA_BYTES
// 102400, MAX_ITEMS 512) refuse a write with Chrome's error text; onChanged gets
// {key: {oldValue, newValue}} per call. Tests can delay operations (to interleave two
// writers), make the next writes fail, and watch the stored items after every operation.
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SETTINGS_JS = fs.readFileSync(path.join(ROOT, 'extension/shared/settings.js'), 'utf8');
const enc = new TextEncoder();
const bytes = (s) => enc.encode(s).length;
const copy = (v) => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));

export class FakeArea {
  constructor(name, { quotaBytes = Infinity, perItem = Infinity, maxItems = Infinity } = {}) {
    this.name = name;
    this.data = new Map();
    this.quotaBytes = quotaBytes;
    this.perItem = perItem;
    this.maxItems = maxItems;
    this.listeners = [];
    this.failures = [];        // errors thrown by the next set() calls, in order
    this.delay = () => 0;      // ms before each operation takes effect
    this.watchers = [];        // fn(snapshot, op) after every write
    this.ops = [];             // 'set:k1,k2' / 'remove:k' in order
  }
  snapshot() { return Object.fromEntries([...this.data].map(([k, v]) => [k, copy(v)])); }
  bytesInUse() { let n = 0; for (const [k, v] of this.data) n += bytes(k) + bytes(JSON.stringify(v)); return n; }
  async wait() { const ms = this.delay(); if (ms > 0) await new Promise((r) => setTimeout(r, ms)); else await null; }
  async get(keys) {
    await this.wait();
    const out = {};
    if (keys === null || keys === undefined) { for (const [k, v] of this.data) out[k] = copy(v); return out; }
    const list = typeof keys === 'string' ? [keys] : Array.isArray(keys) ? keys : Object.keys(keys);
    for (const k of list) if (this.data.has(k)) out[k] = copy(this.data.get(k));
    return out;
  }
  async set(items) {
    await this.wait();
    if (this.failures.length) throw this.failures.shift();
    const next = new Map(this.data);
    for (const [k, v] of Object.entries(items)) {
      const size = bytes(k) + bytes(JSON.stringify(v));
      if (size > this.perItem) throw new Error('QUOTA_BYTES_PER_ITEM quota exceeded');
      next.set(k, copy(v));
    }
    let total = 0;
    for (const [k, v] of next) total += bytes(k) + bytes(JSON.stringify(v));
    if (total > this.quotaBytes) throw new Error('QUOTA_BYTES quota exceeded');
    if (next.size > this.maxItems) throw new Error('MAX_ITEMS quota exceeded');
    const changes = {};
    for (const k of Object.keys(items)) changes[k] = { oldValue: copy(this.data.get(k)), newValue: copy(items[k]) };
    this.data = next;
    this.ops.push('set:' + Object.keys(items).join(','));
    this.emit(changes, 'set');
  }
  async remove(keys) {
    await this.wait();
    const list = typeof keys === 'string' ? [keys] : keys;
    const changes = {};
    for (const k of list) if (this.data.has(k)) { changes[k] = { oldValue: copy(this.data.get(k)) }; this.data.delete(k); }
    this.ops.push('remove:' + list.join(','));
    this.emit(changes, 'remove');
  }
  async clear() { await this.remove([...this.data.keys()]); }
  emit(changes, op) {
    for (const w of this.watchers) w(this.snapshot(), op);
    if (Object.keys(changes).length) for (const l of this.listeners) queueMicrotask(() => l(changes, this.name));
  }
}

/** One browser profile: a sync and a local area shared by every context made from it. */
export function makeProfile() {
  return {
    sync: new FakeArea('sync', { quotaBytes: 102400, perItem: 8192, maxItems: 512 }),
    local: new FakeArea('local', { quotaBytes: 10 * 1024 * 1024 }),
  };
}

/** An exclusive Web Locks manager (navigator.locks.request(name, cb)): FIFO per name, as the
 *  browser's is for the contexts of one origin. */
export function makeLocks() {
  const tails = new Map();
  return {
    request(name, cb) {
      const prev = tails.get(name) || Promise.resolve();
      const run = prev.then(() => cb({ name, mode: 'exclusive' }));
      tails.set(name, run.catch(() => {}));
      return run;
    },
  };
}

/** A fresh extension context (its own copy of settings.js) over `profile`. -> NotworkSettings */
export function makeContext(profile, { locks, protocol = 'chrome-extension:' } = {}) {
  const listeners = [];
  for (const area of [profile.sync, profile.local]) area.listeners.push((c, n) => listeners.forEach((l) => l(c, n)));
  const chrome = {
    storage: {
      sync: profile.sync,
      local: profile.local,
      onChanged: { addListener: (l) => listeners.push(l), removeListener: (l) => { const i = listeners.indexOf(l); if (i >= 0) listeners.splice(i, 1); } },
    },
  };
  const sandbox = { chrome, TextEncoder, URL, URLSearchParams, console, setTimeout, queueMicrotask };
  if (locks) sandbox.navigator = { locks };
  sandbox.location = { protocol }; // an extension page or worker; 'https:' for a content script
  vm.createContext(sandbox);
  vm.runInContext(SETTINGS_JS, sandbox, { filename: 'extension/shared/settings.js' });
  return sandbox.NotworkSettings;
}
