// Bounded messages (issue 13): the content script cuts each post to the core's caps before it
// sends it (NotworkSettings.bounds). The cut must be the core's own: the same results as the
// uncut post, from the shipped wasm core (extension/generated/).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { ROOT } from './fake-chrome.mjs';

const require = createRequire(import.meta.url);
const S = require(path.join(ROOT, 'extension/shared/settings.js'));
const { NotworkEngine } = { NotworkEngine: require(path.join(ROOT, 'extension/generated/notwork.js')) };
const B = S.bounds;
const utf8 = (s) => Buffer.byteLength(s, 'utf8');
const wellFormed = (s) => s.isWellFormed();

test('the caps are the core\'s (core/src/json_io.h)', async () => {
  const fs = await import('node:fs');
  const h = fs.readFileSync(path.join(ROOT, 'core/src/json_io.h'), 'utf8');
  assert.match(h, /kMaxTextBytes = 16 \* 1024/);
  assert.match(h, /kMaxFieldBytes = 2 \* 1024/);
  assert.match(h, /kMaxListItems = 64/);
  assert.deepEqual([B.TEXT_BYTES, B.FIELD_BYTES, B.LIST_ITEMS], [16384, 2048, 64]);
});

test('clipUtf8: within the byte cap, whole characters, well-formed, no NUL, a prefix of the input', () => {
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 3000 }), fc.integer({ min: 0, max: 4000 }), (s, max) => {
    const c = B.clipUtf8(s, max);
    assert.ok(utf8(c) <= max, `${utf8(c)} > ${max}`);
    assert.ok(wellFormed(c));
    assert.ok(!c.includes('\0'));
    const clean = s.toWellFormed().replaceAll('\0', '');
    assert.ok(clean.startsWith(c), 'a prefix of the sanitised input');
    if (utf8(clean) <= max) assert.equal(c, clean, 'nothing is cut when it fits');
    else assert.ok(utf8(c) > max - 4, 'only what does not fit is cut');
    assert.equal(B.clipUtf8(c, max), c, 'idempotent');
  }), { numRuns: 2000 });
});

test('boundPost keeps the core\'s fields only, each within its cap', () => {
  const post = {
    text: 'x'.repeat(40000), author: 'a'.repeat(5000), id: '1', links: Array.from({ length: 200 }, (_, i) => 'https://e.example/' + i),
    mentions: [1, 'ok', null], is_reply: true, key: 'x:1', promoted: true, html: '<b>page markup</b>'.repeat(1000),
  };
  const b = B.boundPost(post);
  assert.deepEqual(Object.keys(b).sort(), ['author', 'id', 'is_reply', 'links', 'mentions', 'text']);
  assert.equal(utf8(b.text), 16384);
  assert.equal(utf8(b.author), 2048);
  assert.equal(b.links.length, 64);
  assert.deepEqual(b.mentions, ['ok']);
  assert.ok(JSON.stringify(b).length < 30000, 'the message is small whatever the page held');
});

test('the shipped wasm core gives the same results for the cut post as for the whole one', async () => {
  const engine = await NotworkEngine.create({});
  try {
    const edge = '😀'.repeat(4095) + 'é'; // 16,382 bytes: the next emoji crosses the cap
    const posts = [
      { text: 'New post: ' + edge + '😀😀 tail https://feed.example/2026/03/x #rss', author: 'feedbot', site: 'x' },
      { text: 'Buy now! 50% off '.repeat(2000) + ' https://shop.example/sale?ref=1', author: 'b'.repeat(3000) + '\u0000z', author_name: 'N\ud800ame '.repeat(600), site: 'x' },
      { text: 'Read this https://a.example/1', links: Array.from({ length: 150 }, (_, i) => `https://l${i}.example/${'p'.repeat(3000)}`), author: 'reader', site: 'mastodon' },
    ];
    // A lone surrogate (a page can hold one) makes the whole batch invalid JSON for the core
    // (JSON.stringify escapes it as \udXXX): the cut post carries U+FFFD instead, as the core
    // would read the bytes, and the batch is scored.
    assert.throws(() => engine.scoreBatchJson(JSON.stringify([posts[1]])), /not valid JSON.*surrogate/);
    const wf = (p) => JSON.parse(JSON.stringify(p), (k, v) => (typeof v === 'string' ? v.toWellFormed() : v));
    for (const p of posts) {
      const whole = engine.scoreBatchJson(JSON.stringify([wf(p)]));
      engine.resetContext();
      const cut = engine.scoreBatchJson(JSON.stringify([B.boundPost(p)]));
      engine.resetContext();
      assert.equal(cut, whole);
    }
    await fc.assert(fc.asyncProperty(fc.string({ unit: 'binary', minLength: 16000, maxLength: 17000 }), fc.string({ unit: 'grapheme', maxLength: 2100 }), async (text, author) => {
      const p = { text, author, site: 'x' };
      engine.resetContext();
      const whole = engine.scoreBatchJson(JSON.stringify([wf(p)]));
      engine.resetContext();
      assert.equal(engine.scoreBatchJson(JSON.stringify([B.boundPost(p)])), whole);
    }), { numRuns: 60 });
  } finally {
    engine.destroy();
  }
});
