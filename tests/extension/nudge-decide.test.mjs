// nudges.decide(): which scored drafts get a nudge, and with which reasons. Pure (no DOM): the
// content script is loaded in a VM context with only what decide() touches (chrome.i18n).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const messages = JSON.parse(fs.readFileSync(path.join(ROOT, '_locales/en/messages.json'), 'utf8'));
const ctx = { chrome: { i18n: { getMessage: (k) => (messages[k] ? messages[k].message : '') } }, document: { readyState: 'complete' }, console };
ctx.globalThis = ctx;
vm.createContext(ctx);
vm.runInContext(fs.readFileSync(path.join(ROOT, 'extension/content/nudges.js'), 'utf8'), ctx);
const { decide } = ctx.Notwork.nudges;

const draft = (label, reasons, scores = {}) => ({ label, scores, reasons });
const reason = (rule, label, contribution) => ({ rule, principle: rule.split('.')[0], label, contribution });

test('a default invitation note (P13 for autofeed) is nudged with the invitation wording', () => {
  const n = decide(draft('neutral', [reason('P13.default_invitation', 'autofeed', 3.76), reason('P15.personal_voice', 'autofeed', -1.07)], { autofeed: 0.51 }));
  assert.ok(n);
  assert.deepEqual([...n.rules], ['P13.default_invitation']);
  assert.equal(n.lines[0].principle, 'P13');
  assert.equal(n.lines[0].noticed, messages.nudge_noticed_P13.message);
});

test('a personal invitation note (the core\'s P13 reason speaks for conversation) is not nudged', () => {
  // What the core answers for "we met at the docs meetup in Lisbon…" (build/native/notwork score).
  assert.equal(decide(draft('conversation', [reason('P13.default_invitation', 'conversation', 1.6), reason('P15.personal_voice', 'autofeed', -1.07)], { conversation: 0.62 })), null);
});

test('only positive evidence for a broadcast label is shown; composer signals (P4) need no broadcast label', () => {
  const n = decide(draft('neutral', [reason('P4.unread_share', 'autofeed', 1.88), reason('P16.own_take', 'genuine_share', 1.6), reason('P2.own_domain', 'pure_promo', -0.5)], { autofeed: 0.2 }));
  assert.deepEqual([...n.rules], ['P4.unread_share']);
  // A style reason on a draft that is not a broadcast is not nudged.
  assert.equal(decide(draft('neutral', [reason('P3.title_link', 'autofeed', 1.4)], { autofeed: 0.3 })), null);
  assert.deepEqual([...decide(draft('autofeed', [reason('P3.title_link', 'autofeed', 1.4)], { autofeed: 0.7 })).rules], ['P3.title_link']);
});

test('dismissed rules are not nudged again', () => {
  assert.equal(decide(draft('neutral', [reason('P13.default_invitation', 'autofeed', 3.76)]), ['P13.default_invitation']), null);
});
