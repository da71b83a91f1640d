// Manifest and file-list consistency (no browser): the one content-script list in
// manifest.json is complete, ordered, and every file it names exists; permissions stay minimal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { ROOT } from './harness.mjs';

const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'manifest.json'), 'utf8'));
const scripts = manifest.content_scripts;
const list = scripts[0].js;
const exists = (rel) => fs.existsSync(path.join(ROOT, rel));

test('exactly one static content script, on exactly the supported hosts', () => {
  assert.equal(scripts.length, 1, 'the single content-script list is the one the service worker re-registers');
  assert.deepEqual(scripts[0].matches, manifest.host_permissions);
  assert.deepEqual(manifest.host_permissions, ['https://x.com/*', 'https://twitter.com/*', 'https://bsky.app/*', 'https://www.youtube.com/*', 'https://mastodon.social/*',
    'https://www.reddit.com/*', 'https://old.reddit.com/*', 'https://www.linkedin.com/*']);
  assert.deepEqual(manifest.optional_host_permissions, ['https://*/*']);
  assert.deepEqual(manifest.permissions, ['storage', 'scripting']);
});

test('every file in the content-script list exists (run ./dev build for extension/generated/)', () => {
  for (const f of list) assert.ok(exists(f), `missing ${f}`);
});

test('every content script and adapter on disk is in the list, in a working order', () => {
  const onDisk = ['extension/content', 'extension/adapters'].flatMap((d) => fs.readdirSync(path.join(ROOT, d)).filter((f) => f.endsWith('.js')).map((f) => `${d}/${f}`));
  for (const f of onDisk) assert.ok(list.includes(f), `${f} is not in manifest.json's content_scripts[0].js`);
  const at = (f) => list.indexOf(f);
  assert.equal(list[0], 'extension/content/namespace.js', 'the namespace comes first');
  for (const f of list.filter((x) => x.startsWith('extension/adapters/'))) assert.ok(at(f) < at('extension/content/badges.js'));
  // The wasm core's JS (Emscripten glue, then the wrapper) comes before the engine client, which
  // runs it in the page when the page's CSP allows WebAssembly.
  assert.deepEqual(list.filter((f) => f.startsWith('extension/generated/')), ['extension/generated/notwork-core.js', 'extension/generated/notwork.js']);
  assert.ok(at('extension/generated/notwork.js') < at('extension/content/engine-client.js'));
  assert.ok(at('extension/shared/settings.js') < at('extension/content/badges.js'));
  assert.ok(at('extension/content/badge-ui.js') < at('extension/content/badges.js'));
  for (const f of ['nudges.js', 'audit.js']) assert.ok(at('extension/content/engine-client.js') < at(`extension/content/${f}`));
});

test('the service worker loads files that exist, and registers the manifest list (not a copy)', () => {
  const sw = manifest.background.service_worker;
  let imported = null;
  vm.runInNewContext(fs.readFileSync(path.join(ROOT, sw), 'utf8'), { importScripts: (...f) => { imported = f; } });
  assert.ok(imported && imported.length > 0);
  for (const f of imported) assert.ok(exists(path.join(path.dirname(sw), f)), `service worker imports missing ${f}`);
  const reg = fs.readFileSync(path.join(ROOT, 'extension/background/registration.js'), 'utf8');
  assert.match(reg, /getManifest\(\)\.content_scripts\[0\]/);
  assert.doesNotMatch(reg, /extension\/content\/|extension\/adapters\//, 'no second copy of the file list');
});

test('pages, icons, locale strings and web-accessible resources exist', () => {
  assert.ok(exists(manifest.action.default_popup));
  assert.ok(exists(manifest.options_ui.page));
  for (const [size, rel] of Object.entries(manifest.icons)) {
    const png = fs.readFileSync(path.join(ROOT, rel));
    assert.equal(png.readUInt32BE(16), Number(size), `${rel} width`);
    assert.equal(png.readUInt32BE(20), Number(size), `${rel} height`);
  }
  const messages = JSON.parse(fs.readFileSync(path.join(ROOT, '_locales/en/messages.json'), 'utf8'));
  for (const m of JSON.stringify(manifest).match(/__MSG_(\w+)__/g)) assert.ok(messages[m.slice(6, -2)], `${m} has no string`);
  // Only the .wasm is web-accessible (the content script fetches it), only on the supported
  // sites, and only through the per-session dynamic URL (a page cannot probe for the extension).
  assert.deepEqual(manifest.web_accessible_resources, [{
    resources: ['extension/generated/notwork-core.wasm'], matches: scripts[0].matches, use_dynamic_url: true,
  }]);
  for (const war of manifest.web_accessible_resources) for (const r of war.resources) assert.ok(exists(r), `missing ${r}`);
  assert.equal(manifest.content_security_policy.extension_pages, "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; object-src 'none'; base-uri 'none'");
});

test('badge strings used by the content scripts exist in the English locale', () => {
  const messages = JSON.parse(fs.readFileSync(path.join(ROOT, '_locales/en/messages.json'), 'utf8'));
  const ui = fs.readFileSync(path.join(ROOT, 'extension/content/badge-ui.js'), 'utf8');
  const keys = [...new Set([...ui.matchAll(/\b(badge_[a-z_]+)\b/g)].map((m) => m[1]))].filter((k) => !k.endsWith('_'));
  assert.ok(keys.length >= 10);
  for (const k of keys) assert.ok(messages[k], `_locales/en/messages.json lacks ${k}`);
});
