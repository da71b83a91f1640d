// A page cannot act for the user (issue 13). The page's own script clicks every control
// Notwork shows — the badge, "Don't badge …", the nudge's buttons including "Don't show this
// again", and the links whose opening Notwork remembers (P4) — by every means a page has:
// element.click(), dispatchEvent of mouse/pointer/keyboard events, elementFromPoint, and a
// hook on attachShadow installed before Notwork runs. Nothing may change: not the stored
// settings, muted authors or opened links, not the badges after a reload. Then the same
// controls are pressed with untrusted events from *inside* Notwork's own shadow roots (as if
// a page had got hold of them): still nothing. Finally a real click does act — so the
// checks above can see a change when there is one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, settle, readPosts, openBadge, inExtensionWorld, clickInShadow, resetSettings } from './harness.mjs';
import { SURFACE_PAGES, serveSurfaces, writeDraft, nudgeIn } from './surfaces-lib.mjs';

let h;
before(async () => { h = await launch(); serveSurfaces(h); });
after(async () => { if (h) await h.close(); });

const storage = () => h.sw.evaluate(async () => ({ sync: await chrome.storage.sync.get(null), local: await chrome.storage.local.get(null) }));
const labels = async (page) => (await readPosts(page)).map((p) => `${p.fixture}=${p.label || '-'}/${p.badges}`);

// What the hostile page does, in its own (main) world. Every way a script can "click".
const ATTACK_HOOK = () => {
  window.__captured = [];
  const orig = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) { const r = orig.call(this, init); window.__captured.push(this.localName); return r; };
  // The page keeps its own navigation in place (a forged link click must not leave the page).
  document.addEventListener('click', (e) => { if (e.target.closest && e.target.closest('a[href]')) e.preventDefault(); }, true);
  document.addEventListener('auxclick', (e) => e.preventDefault(), true);
};
function pageAttack(selector) {
  const report = { hosts: 0, shadowRoots: 0, links: 0 };
  const fire = (el) => {
    const r = el.getBoundingClientRect();
    const at = { bubbles: true, cancelable: true, composed: true, clientX: r.left + r.width / 2, clientY: r.top + r.height / 2, view: window };
    el.click();
    for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click', 'dblclick']) {
      el.dispatchEvent(new (type.startsWith('pointer') ? PointerEvent : MouseEvent)(type, at));
    }
    el.dispatchEvent(new MouseEvent('auxclick', { ...at, button: 1 }));
    for (const key of ['Enter', ' ']) {
      el.dispatchEvent(new KeyboardEvent('keydown', { key, code: key === ' ' ? 'Space' : 'Enter', bubbles: true, composed: true }));
      el.dispatchEvent(new KeyboardEvent('keyup', { key, code: key === ' ' ? 'Space' : 'Enter', bubbles: true, composed: true }));
    }
    if (typeof el.focus === 'function') el.focus();
    const under = document.elementFromPoint(at.clientX, at.clientY);
    if (under && under !== el) under.click();
  };
  for (const host of document.querySelectorAll(selector)) {
    report.hosts++;
    if (host.shadowRoot) report.shadowRoots++;
    fire(host);
    for (const inner of (host.shadowRoot ? host.shadowRoot.querySelectorAll('button') : [])) fire(inner);
  }
  for (const a of document.querySelectorAll('[data-fixture] a[href], a[href^="http"]')) { report.links++; fire(a); }
  report.captured = window.__captured.filter((n) => n.startsWith('notwork-'));
  return report;
}

// The same controls pressed from inside Notwork's world with synthetic events (isTrusted false).
function insideAttack(selector, shadowOf) {
  let buttons = 0;
  for (const host of document.querySelectorAll(selector)) {
    const root = shadowOf(host);
    for (const b of root.querySelectorAll('button, a')) {
      buttons++;
      b.click();
      b.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      b.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    }
  }
  return buttons;
}

test('badges and links: nothing a page script clicks changes storage or badges', async () => {
  await resetSettings(h.sw);
  const page = await h.context.newPage();
  await page.addInitScript(ATTACK_HOOK);
  await page.goto('https://x.com/home');
  await settle(page);
  const base = await storage();
  const baseLabels = await labels(page);
  assert.ok(baseLabels.filter((l) => !l.endsWith('=-/0')).length >= 5, `badged posts to attack: ${baseLabels}`);

  const report = await page.evaluate(pageAttack, 'notwork-badge');
  assert.ok(report.hosts >= 5 && report.links >= 5, JSON.stringify(report));
  assert.equal(report.shadowRoots, 0, 'every badge root is closed to the page');
  assert.deepEqual(report.captured, [], 'the page\'s attachShadow hook never sees Notwork\'s roots');
  await page.waitForTimeout(600);
  assert.equal(await inExtensionWorld(page, (_, shadowOf) => [...document.querySelectorAll('notwork-badge')]
    .filter((b) => shadowOf(b).querySelector('button.badge').getAttribute('aria-expanded') === 'true').length), 0, 'no popover opened');

  // Layer two: untrusted events from inside the roots, with every popover's buttons rendered.
  for (const id of ['x-autofeed-1', 'x-promo-1', 'x-share-1']) {
    await openBadge(page, id); // a real Enter: the popover and its "Don't badge" button exist
    const pressed = await inExtensionWorld(page, insideAttack, `[data-fixture="${id}"] notwork-badge`);
    assert.ok(pressed >= 3, `badge, close and mute buttons pressed (${pressed})`);
    const state = await inExtensionWorld(page, (fid, shadowOf) => {
      const root = shadowOf(document.querySelector(`[data-fixture="${fid}"] notwork-badge`));
      return { open: root.querySelector('button.badge').getAttribute('aria-expanded'), muteDisabled: root.querySelector('.mute').disabled };
    }, id);
    assert.deepEqual(state, { open: 'true', muteDisabled: false }, `${id}: forged clicks neither closed the popover nor pressed "Don't badge"`);
    await page.keyboard.press('Escape');
  }
  await page.waitForTimeout(600);
  assert.deepEqual(await storage(), base, 'storage unchanged after the forged clicks');
  assert.deepEqual(await labels(page), baseLabels, 'every badge still there');

  await page.reload();
  await settle(page);
  assert.deepEqual(await labels(page), baseLabels, 'and after a reload');
  assert.deepEqual(await storage(), base);

  // Control: the user's own click does act (the checks above would have seen it).
  await openBadge(page, 'x-autofeed-2');
  await clickInShadow(page, '[data-fixture="x-autofeed-2"] notwork-badge', 'button.mute');
  await page.waitForFunction(() => !document.querySelector('[data-fixture^="x-autofeed"] notwork-badge'));
  assert.deepEqual((await storage()).local.mutedAuthors, { 'x:dailytechwire': true });
  // …and a real middle click on a post's link is remembered as opened (P4).
  const link = page.locator('[data-fixture="x-share-1"] a[href^="https://t.co/"]').first(); // the post's link (its text is the target)
  await link.click({ button: 'middle' });
  const opened = await (async () => { for (let i = 0; i < 50; i++) { const l = (await storage()).local.openedLinks; if (l && l.length) return l; await page.waitForTimeout(100); } return null; })();
  assert.ok(opened && opened.some((u) => u.includes('lenaparks')), `a real click is recorded: ${opened}`);
  assert.deepEqual(page.notworkErrors || [], []);
  await page.close();
});

test('nudges: "Don\'t show this again" and the other buttons cannot be pressed by the page', async () => {
  await resetSettings(h.sw);
  const page = await h.context.newPage();
  await page.addInitScript(ATTACK_HOOK);
  await page.goto(SURFACE_PAGES.xCompose.url);
  await page.waitForFunction(() => document.documentElement.dataset.notworkEngine, null, { timeout: 20000 });
  const scope = '[data-fixture-composer="post"]';
  const editor = page.locator(`${scope} [data-testid="tweetTextarea_0"]`);
  await writeDraft(page, editor, 'New post: Why slow websites lose readers https://mayawrites.blog/2026/05/slow-websites');
  const nudge = await nudgeIn(page, scope);
  assert.ok(nudge && nudge.rules.length, 'a nudge to attack');
  const base = await storage();

  const report = await page.evaluate(pageAttack, 'notwork-nudge');
  assert.ok(report.hosts >= 1);
  assert.equal(report.shadowRoots, 0, 'the nudge root is closed to the page');
  assert.deepEqual(report.captured, []);
  await page.waitForTimeout(600);
  assert.deepEqual(await nudgeIn(page, scope), nudge, 'the nudge is still shown, unchanged');

  const pressed = await inExtensionWorld(page, insideAttack, `${scope} notwork-nudge`);
  assert.ok(pressed >= 3, `close, got it and don't-show pressed (${pressed})`);
  await page.waitForTimeout(600);
  assert.deepEqual(await nudgeIn(page, scope), nudge, 'untrusted clicks inside the root change nothing');
  assert.deepEqual(await storage(), base, 'no rule dismissed, nothing stored');

  // Control: the user's click on "Don't show this again" is stored.
  await clickInShadow(page, `${scope} notwork-nudge`, 'button[data-action="dismiss-rule"]');
  const saved = await (async () => { for (let i = 0; i < 50; i++) { const s = await h.sw.evaluate(async () => (await NotworkSettings.load()).nudges.dismissedRules); if (s.length) return s; await page.waitForTimeout(100); } return []; })();
  assert.deepEqual([...saved].sort(), [...nudge.rules].sort());
  await page.close();
});
