// Hostile page text never runs and never becomes markup in Notwork's UI.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, settle, openBadge } from './harness.mjs';

let h;
before(async () => { h = await launch(); });
after(async () => { if (h) await h.close(); });

test('payloads in posts, names and links stay inert text', async () => {
  const page = await h.open('xss');
  await settle(page);
  const badged = await page.evaluate(() => [...document.querySelectorAll('[data-notwork-label]')].map((e) => e.getAttribute('data-fixture')));
  assert.ok(badged.length >= 2, `hostile posts are badged (UI exercised): ${badged}`);
  for (const id of badged) {
    await openBadge(page, id);
    await page.mouse.move(5, 5);
    await page.mouse.move(400, 300);
    await page.keyboard.press('Escape');
  }
  await page.waitForTimeout(300);
  const report = await page.evaluate(() => {
    const ours = [...document.querySelectorAll('notwork-badge')];
    const allowed = new Set(['BUTTON', 'SPAN', 'DIV', 'P', 'OL', 'LI', 'STYLE']);
    const foreign = ours.flatMap((b) => [...b.shadowRoot.querySelectorAll('*')].filter((e) => !allowed.has(e.tagName)).map((e) => e.tagName));
    const attrs = ours.flatMap((b) => [...b.shadowRoot.querySelectorAll('*')].flatMap((e) => [...e.attributes].map((a) => a.name)).filter((n) => n.startsWith('on') || n === 'href' || n === 'src'));
    const texts = ours.map((b) => b.shadowRoot.textContent).join(' ');
    return { pwned: window.__pwned, foreign, attrs, texts };
  });
  assert.equal(report.pwned, false, `a payload executed: ${report.pwned}`);
  assert.deepEqual(report.foreign, [], 'no foreign elements inside the badge UI');
  assert.deepEqual(report.attrs, [], 'no handler/href/src attributes inside the badge UI');
  assert.deepEqual(page.notworkErrors, []);
  await page.close();
});
