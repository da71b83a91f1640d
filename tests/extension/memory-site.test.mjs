// extension/shared/memory.js: forgetting one site's authors (the options' "Forget" beside a
// site) removes that site only, refuses a save of it that began before, and tells only the
// tabs of that site (onCleared with a site); "forget all" still tells everyone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { FakeArea, ROOT } from './fake-chrome.mjs';

const MEMORY_JS = fs.readFileSync(path.join(ROOT, 'extension/shared/memory.js'), 'utf8');
const DAY = 24 * 3600 * 1000;

function context() {
  const local = new FakeArea('local');
  const listeners = [];
  local.listeners.push((c, n) => listeners.forEach((l) => l(c, n)));
  const chrome = { storage: { local, onChanged: { addListener: (l) => listeners.push(l), removeListener: () => {} } } };
  const sandbox = { chrome, console, setTimeout, queueMicrotask };
  vm.createContext(sandbox);
  vm.runInContext(MEMORY_JS, sandbox, { filename: 'extension/shared/memory.js' });
  return { M: sandbox.NotworkMemory, local };
}
const record = (authors, updated) => ({ v: 1, state: JSON.stringify({ authors: Array.from({ length: authors }, (_, i) => ({ id: 'a' + i })) }), authors, bytes: 10, updated, writer: '' });
const flush = () => new Promise((r) => setTimeout(r, 10));

test('clearSite forgets that site only, and a save of it begun before is dropped', async () => {
  const { M, local } = context();
  const now = Date.now();
  await local.set({ 'authorMemory:x.com': record(3, now - DAY), 'authorMemory:bsky.app': record(2, now - DAY) });
  const since = now - 1000; // a tab of x.com started its context before the forget
  assert.deepEqual(JSON.parse(JSON.stringify(await M.clearSite('x.com', now))), { sites: 1 });
  const snap = local.snapshot();
  assert.equal(snap['authorMemory:x.com'], undefined);
  assert.ok(snap['authorMemory:bsky.app'], 'another site is kept');
  assert.equal(snap[M.CLEARED_SITES]['x.com'], now);
  assert.equal(snap[M.CLEARED], undefined, 'not a forget-all');

  const stale = JSON.stringify({ authors: [{ id: 'old' }] });
  const r = await M.save('x.com', stale, since, () => { throw new Error('no merge expected'); }, now + 10);
  assert.equal(r.saved, false);
  assert.equal(r.reason, 'cleared');
  assert.equal(local.snapshot()['authorMemory:x.com'], undefined, 'what the tab knew before is not written back');
  // Another site's save is not affected; a save that began after the forget is.
  assert.equal((await M.save('bsky.app', stale, since, () => ({ importState: () => ({ ok: false }), destroy() {} }), now + 10)).saved, true);
  assert.equal((await M.save('x.com', stale, now + 5, () => null, now + 10)).saved, true);
  assert.ok(local.snapshot()['authorMemory:x.com']);
  assert.deepEqual(JSON.parse(JSON.stringify(await M.clearSite('nothing.example', now))), { sites: 0 });
  await assert.rejects(M.clearSite('not a host'), /not a site/);
});

test('the per-site marks are bounded: a month old or beyond the newest 64 go', async () => {
  const { M, local } = context();
  const now = Date.now();
  await local.set({ [M.CLEARED_SITES]: { 'old.example': now - 31 * DAY, 'recent.example': now - DAY } });
  await M.clearSite('x.com', now);
  assert.deepEqual(Object.keys(local.snapshot()[M.CLEARED_SITES]).sort(), ['recent.example', 'x.com']);
  for (let i = 0; i < 80; i++) await M.clearSite(`s${i}.example`, now + i);
  const marks = local.snapshot()[M.CLEARED_SITES];
  assert.equal(Object.keys(marks).length, 64);
  assert.ok(marks['s79.example'] && !marks['s0.example'], 'the newest kept');
});

test('onCleared: a site\'s listener hears its own forget and forget-all, not other sites\'', async () => {
  const { M } = context();
  const heard = { x: [], any: [] };
  M.onCleared((s) => heard.x.push(s), 'x.com');
  M.onCleared((s) => heard.any.push(s));
  await M.clearSite('bsky.app');
  await flush();
  assert.deepEqual(heard.x, []);
  assert.deepEqual(heard.any, ['bsky.app']);
  await M.clearSite('x.com');
  await flush();
  assert.deepEqual(heard.x, ['x.com']);
  await M.clear();
  await flush();
  assert.deepEqual(heard.x, ['x.com', null]);
  assert.deepEqual(heard.any, ['bsky.app', 'x.com', null]);
});
