// UI languages: every locale in _locales/ has every English message, with the same
// placeholders, and is really translated; the strings the pages and content scripts ask for
// exist everywhere; and Chromium shows the translation when its UI language is one of them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, launch } from './harness.mjs';

const LOCALES = ['de', 'en', 'es', 'fr', 'it', 'pt'];
const dir = path.join(ROOT, '_locales');
const read = (l) => JSON.parse(fs.readFileSync(path.join(dir, l, 'messages.json'), 'utf8'));
const en = read('en');
/** $1…$9 positional substitutions and $name$ references to named placeholders. */
const placeholders = (s) => ({
  positional: [...s.matchAll(/\$(\d)(?!\d)/g)].map((m) => m[1]).sort(),
  named: [...s.matchAll(/\$([A-Za-z_][A-Za-z0-9_@]*)\$/g)].map((m) => m[1].toLowerCase()).sort(),
});

test('the locales are exactly de, en, es, fr, it and pt, each a valid messages.json', () => {
  assert.deepEqual(fs.readdirSync(dir).sort(), LOCALES);
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'manifest.json'), 'utf8'));
  assert.equal(manifest.default_locale, 'en');
  for (const l of LOCALES) {
    const m = read(l);
    for (const [k, v] of Object.entries(m)) {
      assert.match(k, /^[A-Za-z0-9_@]+$/, `${l}: ${k} is a valid message name`);
      assert.equal(typeof v.message, 'string', `${l}: ${k}.message`);
      assert.ok(v.message.trim().length > 0, `${l}: ${k} is not empty`);
    }
  }
});

for (const l of LOCALES.filter((x) => x !== 'en')) {
  test(`${l}: every English message exists, nothing extra, same placeholders`, () => {
    const m = read(l);
    assert.deepEqual(Object.keys(en).filter((k) => !(k in m)), [], `${l} lacks these messages`);
    assert.deepEqual(Object.keys(m).filter((k) => !(k in en)), [], `${l} has messages English does not`);
    const wrong = [];
    for (const [k, v] of Object.entries(en)) {
      const a = placeholders(v.message);
      const b = placeholders(m[k].message);
      if (JSON.stringify(a) !== JSON.stringify(b)) wrong.push(`${k}: en ${JSON.stringify(a)} vs ${l} ${JSON.stringify(b)}`);
      if (JSON.stringify(v.placeholders || null) !== JSON.stringify(m[k].placeholders || null)) wrong.push(`${k}: placeholder definitions differ`);
    }
    assert.deepEqual(wrong, []);
    // Translated, not copied: names (X, Mastodon, Notwork…), host examples and "/ 100" may stay.
    const same = Object.keys(en).filter((k) => m[k].message === en[k].message);
    assert.ok(same.length / Object.keys(en).length < 0.12, `${l}: ${same.length} messages are still English: ${same.join(', ')}`);
  });
}

test('every string the pages and content scripts ask for exists in every locale', () => {
  const keys = new Set();
  const walk = (d) => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]));
  for (const f of walk(path.join(ROOT, 'extension')).filter((x) => /\.(html|js)$/.test(x) && !x.includes('/generated/'))) {
    const text = fs.readFileSync(f, 'utf8');
    for (const m of text.matchAll(/data-i18n(?:-[a-z-]+)?="([a-z0-9_]+)"/gi)) keys.add(m[1]);
    for (const m of text.matchAll(/\bt\('([a-z0-9_]+)'/g)) if (!m[1].endsWith('_')) keys.add(m[1]); // t('label_' + l): a prefix
  }
  const manifest = fs.readFileSync(path.join(ROOT, 'manifest.json'), 'utf8');
  for (const m of manifest.matchAll(/__MSG_(\w+)__/g)) keys.add(m[1]);
  assert.ok(keys.size > 100, `found ${keys.size} keys`);
  for (const l of LOCALES) {
    const m = read(l);
    const missing = [...keys].filter((k) => !m[k]);
    assert.deepEqual(missing, [], `${l} lacks strings the extension uses`);
  }
});

test('Chromium shows each language when it is the browser\'s UI language', async () => {
  for (const l of LOCALES.filter((x) => x !== 'en')) {
    const h = await launch({ args: [`--lang=${l}`] });
    try {
      const page = await h.openExtensionPage('extension/options/options.html');
      await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
      const m = read(l);
      assert.equal(await page.locator('h1[data-i18n="options_heading"]').textContent(), m.options_heading.message, `${l}: options heading`);
      assert.equal(await page.locator('a[href="#rules"]').textContent(), m.options_nav_rules.message);
      assert.equal(await page.title(), m.options_title.message);
      // A message with a substitution, through the same API the pages use.
      const sub = await page.evaluate(() => chrome.i18n.getMessage('options_remove_host', ['blog.example.org']));
      assert.equal(sub, m.options_remove_host.message.replace('$1', 'blog.example.org'));
      await page.close();
    } finally {
      await h.close();
    }
  }
});
