// The Firefox package (scripts/package.mjs → dist/notwork-firefox.zip): its manifest is what
// Firefox needs (event-page background, no Chromium-only keys, the gecko settings), and
// Mozilla's own linter (`web-ext lint`, the checks addons.mozilla.org runs) finds nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { ROOT, unpackFirefox } from './harness.mjs';

let dir;
let manifest;
before(() => {
  dir = unpackFirefox(); // the package exactly as built
  manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
});
after(() => { if (dir) fs.rmSync(dir, { recursive: true, force: true }); });

test('the Firefox manifest: gecko id, Firefox ≥ 140, data collection "none", background scripts', () => {
  const gecko = manifest.browser_specific_settings.gecko;
  assert.equal(gecko.id, 'notwork@notwork.invalid');
  assert.deepEqual(gecko.data_collection_permissions, { required: ['none'] });
  assert.ok(Number(gecko.strict_min_version.split('.')[0]) >= 140, 'data_collection_permissions needs Firefox 140');
  assert.equal(manifest.background.service_worker, undefined);
  const sw = fs.readFileSync(path.join(ROOT, 'extension/background/service-worker.js'), 'utf8');
  for (const f of manifest.background.scripts) {
    assert.ok(fs.existsSync(path.join(dir, f)), `${f} is in the package`);
    assert.ok(sw.includes(`'${path.basename(f)}'`) || sw.includes(`'../${f.split('/').slice(1).join('/')}'`), `${f} comes from the service worker's list`);
  }
  assert.equal(manifest.minimum_chrome_version, undefined);
  for (const war of manifest.web_accessible_resources) assert.equal(war.use_dynamic_url, undefined, 'Firefox has no use_dynamic_url');
  // The in-page engine needs the .wasm reachable from the built-in sites (engine-client.js).
  const wasm = manifest.web_accessible_resources.find((w) => w.resources.includes('extension/generated/notwork-core.wasm'));
  assert.ok(wasm);
  assert.deepEqual(wasm.matches, manifest.content_scripts[0].matches);
  assert.ok(fs.existsSync(path.join(dir, 'extension/generated/notwork-core.wasm')));
  // The Chromium package keeps its own keys.
  const chromium = JSON.parse(fs.readFileSync(path.join(ROOT, 'manifest.json'), 'utf8'));
  assert.ok(chromium.web_accessible_resources[0].use_dynamic_url);
  assert.equal(chromium.browser_specific_settings, undefined);
});

test('web-ext lint: 0 errors, 0 warnings, 0 notices', () => {
  const bin = path.join(ROOT, 'node_modules/web-ext/bin/web-ext.js');
  assert.ok(fs.existsSync(bin), 'web-ext is installed (npm ci)');
  const run = spawnSync(process.execPath, [bin, 'lint', '--source-dir', dir, '--output', 'json', '--no-config-discovery'], { encoding: 'utf8', env: { ...process.env, WEB_EXT_NO_UPDATE_CHECK: '1' } });
  const start = run.stdout.indexOf('{');
  assert.ok(start >= 0, `web-ext printed a JSON report (stderr: ${run.stderr})`);
  const report = JSON.parse(run.stdout.slice(start));
  const list = [...report.errors, ...report.warnings, ...report.notices].map((m) => `${m._type} ${m.code} ${m.file || ''}: ${m.message}`);
  assert.deepEqual(list, []);
  assert.deepEqual(report.summary, { errors: 0, notices: 0, warnings: 0 });
  assert.equal(run.status, 0);
});

test('the linter does catch a problem (the same run on a manifest without data_collection_permissions)', () => {
  const bad = fs.mkdtempSync(path.join(path.dirname(dir), 'notwork-firefox-bad-'));
  fs.cpSync(dir, bad, { recursive: true });
  const m = JSON.parse(fs.readFileSync(path.join(bad, 'manifest.json'), 'utf8'));
  delete m.browser_specific_settings.gecko.data_collection_permissions;
  fs.writeFileSync(path.join(bad, 'manifest.json'), JSON.stringify(m));
  const bin = path.join(ROOT, 'node_modules/web-ext/bin/web-ext.js');
  const run = spawnSync(process.execPath, [bin, 'lint', '--source-dir', bad, '--output', 'json', '--no-config-discovery'], { encoding: 'utf8', env: { ...process.env, WEB_EXT_NO_UPDATE_CHECK: '1' } });
  fs.rmSync(bad, { recursive: true, force: true });
  const report = JSON.parse(run.stdout.slice(run.stdout.indexOf('{')));
  assert.ok(report.warnings.some((w) => w.code === 'MISSING_DATA_COLLECTION_PERMISSIONS'), JSON.stringify(report.summary));
});
