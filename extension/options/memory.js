/* Options page, "Author memory" section: what is remembered (per site: authors, size, when
 * saved), and "Forget all authors" (the `notwork:memory-clear` message: the service worker
 * clears chrome.storage.local and every open tab's engine starts over). The storage itself is
 * extension/shared/memory.js. Text from storage (site names) goes in as textContent only. */
(function () {
  'use strict';
  const { t, el } = NotworkPages;
  const M = NotworkMemory;
  const $ = (id) => document.getElementById(id);

  const size = (bytes) => (bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1048576).toFixed(1)} MB`);
  const when = (ms) => (ms ? new Date(ms).toLocaleString() : '–');

  async function render() {
    const s = await M.summary();
    const summary = $('memory-summary');
    summary.dataset.authors = String(s.authors);
    summary.dataset.sites = String(s.sites.length);
    summary.dataset.bytes = String(s.bytes);
    summary.textContent = s.sites.length ? t('options_memory_summary', [String(s.authors), String(s.sites.length), size(s.bytes)]) : t('options_memory_empty');
    $('memory-sites').replaceChildren(...s.sites.map((x) => el('li', { 'data-memory-site': x.site, text: t('options_memory_site', [x.site, String(x.authors), size(x.bytes), when(x.updated)]) })));
    $('memory-clear').disabled = s.sites.length === 0;
  }

  async function forget() {
    const status = $('memory-status');
    const button = $('memory-clear');
    button.disabled = true;
    try {
      const answer = await chrome.runtime.sendMessage({ type: 'notwork:memory-clear' });
      if (!answer || answer.error) throw new Error((answer && answer.error) || 'no answer from the service worker');
      status.textContent = t('options_memory_cleared');
      status.dataset.kind = 'ok';
    } catch (e) {
      status.textContent = t('options_memory_clear_failed', [String((e && e.message) || e)]);
      status.dataset.kind = 'error';
    }
    await render();
  }

  function start() {
    $('memory-help').textContent = t('options_memory_help', [String(M.LIMITS.maxAuthors), size(M.LIMITS.maxBytes)]);
    $('memory-clear').addEventListener('click', forget);
    chrome.storage.onChanged.addListener((changes, area) => {
      if (area === 'local' && Object.keys(changes).some((k) => k.startsWith(M.PREFIX) || k === M.CLEARED)) render();
    });
    render().then(() => { $('memory').dataset.ready = 'true'; });
  }

  start();
})();
