/* Options page, "What Notwork remembers": every store Notwork keeps on this device, each with
 * what it holds, its size, how long it is kept, and a way to clear it.
 *   - muted authors      (settings.js `mutedAuthors`)    per account "Show badges", and all
 *   - trusted authors    (settings.js `trustedAuthors`)  per account "Stop trusting", and all
 *   - author memory      (shared/memory.js, per site)    per site "Forget", and all (through the
 *                        service worker's `notwork:memory-clear`, so open tabs start over too)
 *   - opened links       (settings.js `openedLinks`)     count, size, 30-day expiry, clear
 *   - paused sites       (settings.js `pausedSites`)     per site "Resume", and all
 * Removing accounts or paused sites can be undone from the status line. Names from storage
 * (accounts, sites: written by pages) go in as textContent only. */
(function () {
  'use strict';
  const { t, el } = NotworkPages;
  const M = NotworkMemory;
  const S = NotworkSettings;
  const $ = (id) => document.getElementById(id);
  const DAY_MS = 24 * 3600 * 1000;

  const size = (bytes) => (bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1048576).toFixed(1)} MB`);
  const when = (ms) => (ms ? new Date(ms).toLocaleString() : '–');
  const day = (ms) => (ms ? new Date(ms).toLocaleDateString() : '–');
  const SITE_NAMES = { x: 'site_x', mastodon: 'site_mastodon', bluesky: 'site_bluesky', youtube: 'site_youtube', wordpress: 'site_wordpress', reddit: 'site_reddit', linkedin: 'site_linkedin' };

  /** "x:lenaparks" -> {site: "X", name: "@lenaparks"} (WordPress names stay as they are). */
  function authorOf(key) {
    const i = key.indexOf(':');
    const site = key.slice(0, i);
    const handle = key.slice(i + 1);
    return { site: SITE_NAMES[site] ? t(SITE_NAMES[site]) : site, name: site === 'wordpress' ? handle : '@' + handle };
  }

  // ------------------------------------------------------------ status line, with "Undo"

  function say(text, kind, undo) {
    const box = $('stores-status');
    box.dataset.kind = kind || 'ok';
    const children = [el('span', { text })];
    if (undo) {
      children.push(el('button', {
        type: 'button', class: 'link', id: 'stores-undo', text: t('options_store_undo'),
        onclick: async (e) => {
          if (!e.isTrusted) return;
          e.currentTarget.disabled = true;
          try { await undo(); say(t('options_store_restored'), 'ok'); } catch (err) { say(t('options_store_failed', [String((err && err.message) || err)]), 'error'); }
          await render();
        },
      }));
    }
    box.replaceChildren(...children);
  }

  /** Runs a trusted click's change; a refusal or error is said, not thrown. */
  function action(fn) {
    return async (e) => {
      if (!e.isTrusted) return; // a script's click() is not the user's choice
      const button = e.currentTarget;
      button.disabled = true;
      try {
        const res = await fn();
        if (res && res.ok === false) say(t('options_store_failed', [res.message || '']), 'error');
      } catch (err) {
        say(t('options_store_failed', [String((err && err.message) || err)]), 'error');
      }
      await render();
    };
  }

  // ------------------------------------------------------------ the author lists

  const LISTS = {
    mutedAuthors: {
      list: 'muted-list', meta: 'muted-meta', clear: 'muted-clear', max: S.MUTED_MAX,
      read: () => S.mutedAuthors(), set: (k, on) => S.setMuted(k, on),
      metaKey: 'options_muted_meta', emptyKey: 'options_muted_empty', removeKey: 'options_muted_remove', ariaKey: 'options_muted_remove_aria',
    },
    trustedAuthors: {
      list: 'trusted-list', meta: 'trusted-meta', clear: 'trusted-clear', max: S.TRUSTED_MAX,
      read: () => S.trustedAuthors(), set: (k, on) => S.setTrusted(k, on),
      metaKey: 'options_trusted_meta', emptyKey: 'options_trusted_empty', removeKey: 'options_trusted_remove', ariaKey: 'options_trusted_remove_aria',
    },
  };

  async function renderList(store, bytes) {
    const spec = LISTS[store];
    const keys = Object.keys(await spec.read()).filter((k) => S.validAuthorKey(k)).sort();
    const box = $('store-' + (store === 'mutedAuthors' ? 'muted' : 'trusted'));
    box.dataset.count = String(keys.length);
    box.dataset.bytes = String(bytes);
    $(spec.meta).textContent = keys.length ? t(spec.metaKey, [String(keys.length), size(bytes), String(spec.max)]) : t(spec.emptyKey);
    $(spec.list).replaceChildren(...keys.map((k) => {
      const a = authorOf(k);
      return el('li', { 'data-author-key': k },
        el('span', { class: 'who' }, el('span', { class: 'site-tag', text: a.site }), el('span', { class: 'name', text: a.name })),
        el('button', {
          type: 'button', class: 'link', 'data-remove': k, text: t(spec.removeKey), 'aria-label': t(spec.ariaKey, [a.name]),
          onclick: action(async () => {
            const res = await spec.set(k, false);
            if (res.ok) say(t('options_store_removed', [a.name]), 'ok', () => S.restoreAuthors(store, [k]));
            return res;
          }),
        }));
    }));
    $(spec.clear).disabled = keys.length === 0;
  }

  function clearList(store) {
    return action(async () => {
      const before = await LISTS[store].read();
      const res = await S.clearAuthors(store);
      if (res.ok) say(t('options_store_cleared'), 'ok', () => S.restoreAuthors(store, before));
      return res;
    });
  }

  // ------------------------------------------------------------ author memory (per site)

  async function renderMemory() {
    const s = await M.summary();
    const summary = $('memory-summary');
    summary.dataset.authors = String(s.authors);
    summary.dataset.sites = String(s.sites.length);
    summary.dataset.bytes = String(s.bytes);
    summary.textContent = s.sites.length ? t('options_memory_summary', [String(s.authors), String(s.sites.length), size(s.bytes)]) : t('options_memory_empty');
    $('memory-sites').replaceChildren(...s.sites.map((x) => el('li', { 'data-memory-site': x.site },
      el('span', { class: 'who', text: t('options_memory_site_expiry', [x.site, String(x.authors), size(x.bytes), when(x.updated), day(x.updated + M.LIMITS.maxAgeDays * DAY_MS)]) }),
      el('button', {
        type: 'button', class: 'link', 'data-forget-site': x.site, text: t('options_memory_forget_site'), 'aria-label': t('options_memory_forget_site_aria', [x.site]),
        onclick: action(async () => {
          await forgetVia({ site: x.site });
          say(t('options_memory_site_cleared', [x.site]), 'ok');
        }),
      }))));
    $('memory-clear').disabled = s.sites.length === 0;
  }

  async function forgetVia(msg) {
    const answer = await chrome.runtime.sendMessage(Object.assign({ type: 'notwork:memory-clear' }, msg));
    if (!answer || answer.error) throw new Error((answer && answer.error) || 'no answer from the service worker');
    return answer;
  }

  async function forgetAll(e) {
    if (!e.isTrusted) return;
    const status = $('memory-status');
    $('memory-clear').disabled = true;
    try {
      await forgetVia({});
      status.textContent = t('options_memory_cleared');
      status.dataset.kind = 'ok';
    } catch (err) {
      status.textContent = t('options_memory_clear_failed', [String((err && err.message) || err)]);
      status.dataset.kind = 'error';
    }
    await render();
  }

  // ------------------------------------------------------------ opened links, paused sites

  async function renderOpened() {
    const info = await S.openedLinksInfo();
    const box = $('store-opened');
    box.dataset.count = String(info.count);
    box.dataset.bytes = String(info.bytes);
    $('opened-meta').textContent = t(info.count ? 'options_opened_meta' : 'options_opened_empty', [String(info.count), size(info.bytes), String(info.days), String(info.max)]);
    $('opened-clear').disabled = info.count === 0 && info.bytes === 0;
  }

  async function renderPaused(bytes) {
    const hosts = Object.keys(await S.pausedSites()).filter((h) => S.normalizeHost(h) === h).sort();
    const box = $('store-paused');
    box.dataset.count = String(hosts.length);
    box.dataset.bytes = String(bytes);
    $('paused-meta').textContent = hosts.length ? t('options_paused_meta', [String(hosts.length), size(bytes)]) : t('options_paused_empty');
    $('paused-list').replaceChildren(...hosts.map((h) => el('li', { 'data-paused-site': h },
      el('span', { class: 'who host', text: h }),
      el('button', {
        type: 'button', class: 'link', 'data-resume': h, text: t('options_paused_resume'), 'aria-label': t('options_paused_resume_aria', [h]),
        onclick: action(async () => {
          const res = await S.setPaused(h, false);
          if (res.ok) say(t('options_paused_resumed', [h]), 'ok', () => S.setPaused(h, true));
          return res;
        }),
      }))));
    $('paused-clear').disabled = hosts.length === 0;
  }

  // ------------------------------------------------------------ all of it

  let rendering = null;
  let again = false;
  async function renderNow() {
    const bytes = await S.localBytes(['mutedAuthors', 'trustedAuthors', 'pausedSites']);
    await Promise.all([
      renderList('mutedAuthors', bytes.mutedAuthors),
      renderList('trustedAuthors', bytes.trustedAuthors),
      renderMemory(),
      renderOpened(),
      renderPaused(bytes.pausedSites),
    ]);
  }
  /** One render at a time; a change meanwhile renders once more after it. */
  function render() {
    if (rendering) { again = true; return rendering; }
    rendering = renderNow().catch((e) => console.warn('Notwork memory section:', e)).finally(() => {
      rendering = null;
      if (again) { again = false; render(); }
    });
    return rendering;
  }

  const WATCHED = ['mutedAuthors', 'trustedAuthors', 'openedLinks', 'openedLinksAt', 'pausedSites', M.CLEARED, M.CLEARED_SITES];

  function start() {
    $('memory-help').textContent = t('options_memory_help', [String(M.LIMITS.maxAuthors), size(M.LIMITS.maxBytes)]);
    $('memory-clear').addEventListener('click', forgetAll);
    $('muted-clear').addEventListener('click', clearList('mutedAuthors'));
    $('trusted-clear').addEventListener('click', clearList('trustedAuthors'));
    $('opened-clear').addEventListener('click', action(async () => {
      const res = await S.clearOpenedLinks();
      if (res.ok) say(t('options_opened_cleared'), 'ok');
      return res;
    }));
    $('paused-clear').addEventListener('click', action(async () => {
      const before = Object.keys(await S.pausedSites());
      const res = await S.clearPaused();
      if (res.ok) say(t('options_store_cleared'), 'ok', async () => { for (const h of before) await S.setPaused(h, true); });
      return res;
    }));
    chrome.storage.onChanged.addListener((changes, area) => {
      if (area === 'local' && Object.keys(changes).some((k) => k.startsWith(M.PREFIX) || WATCHED.includes(k))) render();
    });
    render().then(() => { $('memory').dataset.ready = 'true'; });
  }

  start();
})();
