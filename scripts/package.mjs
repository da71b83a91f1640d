#!/usr/bin/env node
// Packages the extension: dist/notwork-chromium.zip and dist/notwork-firefox.zip, holding only
// what the extension needs (manifest, _locales, extension/ incl. the built wasm core).
// Firefox MV3 has no background service worker: its manifest gets `background.scripts`, the
// same files the service worker imports (read from service-worker.js, so the list lives once).
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'manifest.json'), 'utf8'));

for (const f of ['extension/generated/notwork.js', 'extension/generated/notwork-core.js', 'extension/generated/notwork-core.wasm']) {
  if (!fs.existsSync(path.join(ROOT, f))) { console.error(`package: ${f} is missing; run ./dev build first`); process.exit(1); }
}

function walk(dir) {
  const out = [];
  for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = `${dir}/${e.name}`;
    if (e.name.startsWith('.')) continue;
    if (e.isDirectory()) out.push(...walk(rel));
    else out.push(rel);
  }
  return out;
}
// core/data/weights.json: the fitted model the core is compiled with, which corrections step on
// (extension/shared/corrections.js reads it from the package).
const files = [...walk('_locales'), ...walk('extension'), 'core/data/weights.json'].sort();

function backgroundScripts() {
  const sw = manifest.background.service_worker;
  let list = null;
  vm.runInNewContext(fs.readFileSync(path.join(ROOT, sw), 'utf8'), { importScripts: (...f) => { list = f; } });
  return list.map((f) => path.posix.normalize(path.posix.join(path.posix.dirname(sw), f)));
}

function firefoxManifest() {
  const m = JSON.parse(JSON.stringify(manifest));
  m.background = { scripts: backgroundScripts() };
  delete m.minimum_chrome_version;
  // Firefox has no `use_dynamic_url`: its moz-extension:// origin is already a random UUID per
  // profile, so the .wasm (fetched by the content script, engine-client.js) stays listed as is.
  for (const war of m.web_accessible_resources || []) delete war.use_dynamic_url;
  // data_collection_permissions (Firefox ≥ 140, for Android ≥ 142): Notwork collects and
  // transmits nothing.
  m.browser_specific_settings = {
    gecko: { id: 'notwork@notwork.invalid', strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
    gecko_android: { strict_min_version: '142.0' },
  };
  return m;
}

// --- a small ZIP writer (deflate, CRC-32 from zlib) ---
function zip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  const dosTime = 0; const dosDate = (2026 - 1980) << 9 | 1 << 5 | 1; // fixed stamp: reproducible zips
  for (const { name, data } of entries) {
    const nameBuf = Buffer.from(name, 'utf8');
    const deflated = zlib.deflateRawSync(data, { level: 9 });
    const useDeflate = deflated.length < data.length;
    const body = useDeflate ? deflated : data;
    const crc = zlib.crc32(data) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(useDeflate ? 8 : 0, 8); local.writeUInt16LE(dosTime, 10); local.writeUInt16LE(dosDate, 12);
    local.writeUInt32LE(crc, 14); local.writeUInt32LE(body.length, 18); local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26); local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(useDeflate ? 8 : 0, 10); central.writeUInt16LE(dosTime, 12); central.writeUInt16LE(dosDate, 14);
    central.writeUInt32LE(crc, 16); central.writeUInt32LE(body.length, 20); central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28); central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, body);
    centrals.push(central, nameBuf);
    offset += 30 + nameBuf.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

fs.mkdirSync(DIST, { recursive: true });
const payload = files.map((f) => ({ name: f, data: fs.readFileSync(path.join(ROOT, f)) }));
for (const [browser, m] of [['chromium', manifest], ['firefox', firefoxManifest()]]) {
  const entries = [{ name: 'manifest.json', data: Buffer.from(JSON.stringify(m, null, 2) + '\n') }, ...payload];
  const out = path.join(DIST, `notwork-${browser}.zip`);
  fs.writeFileSync(out, zip(entries));
  console.log(`${path.relative(ROOT, out)}: ${entries.length} files, ${(fs.statSync(out).size / 1024).toFixed(0)} KiB`);
}
