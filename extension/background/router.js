// Message router and event wiring of the service worker (docs/ARCHITECTURE.md §4).
'use strict';
(() => {
  const tabKey = (sender) => (sender.tab ? `${sender.tab.id}:${sender.frameId || 0}` : 'extension');

  const handlers = {
    // A tab's scoring while its own engine starts, and for good where the page's CSP forbids
    // WebAssembly in content scripts. {posts, reset?} -> {results, fresh}
    'notwork:score': (msg, sender) => NotworkEngineHost.score(tabKey(sender), msg.posts || [], !!msg.reset, typeof msg.memory === 'string' ? msg.memory : null),
    // Author memory (extension/shared/memory.js): save this tab's session's authors. {} -> {saved, ...}
    'notwork:memory-save': (msg, sender) => NotworkEngineHost.saveMemory(tabKey(sender)),
    // The options page's "forget": every site's remembered authors. {} -> {sites}
    'notwork:memory-clear': () => NotworkMemory.clear(),
    // The tab's configuration (settings.core). {core} -> {result: {ok, errors}}
    'notwork:configure': (msg, sender) => NotworkEngineHost.configure(tabKey(sender), msg.core).then((result) => ({ result })),
    // The tab switched to its in-page engine: its session here goes. {} -> {ok}
    'notwork:release': (msg, sender) => Promise.resolve({ ok: NotworkEngineHost.release(tabKey(sender)) }),
    // The profile audit of the popup (through the content script). {posts} -> {report}
    'notwork:audit-posts': (msg) => NotworkEngineHost.audit(msg.posts || []).then((report) => ({ report })),
    // A link the user opened (P4 "read before you share"). {url} -> {ok}
    'notwork:link-opened': (msg) => NotworkSettings.recordOpenedLink(String(msg.url || '')).then((ok) => ({ ok })),
  };

  chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
    const handle = msg && handlers[msg.type];
    if (!handle) return false; // not ours (e.g. popup ⇄ content audit messages)
    handle(msg, sender).then(sendResponse, (e) => sendResponse({ error: String((e && e.message) || e) }));
    return true; // answer asynchronously
  });

  chrome.tabs.onRemoved.addListener((tabId) => NotworkEngineHost.forgetTab(tabId));

  // Settings fan-out: tabs listen to storage themselves; here the engines and registrations follow.
  NotworkSettings.onChange(() => {
    NotworkEngineHost.reconfigure();
    NotworkRegistration.sync();
  });
  chrome.permissions.onAdded.addListener(() => NotworkRegistration.sync());
  chrome.permissions.onRemoved.addListener(() => NotworkRegistration.sync());
  chrome.runtime.onInstalled.addListener(() => NotworkRegistration.sync());
  chrome.runtime.onStartup.addListener(() => NotworkRegistration.sync());

  self.Notwork = { engineHost: NotworkEngineHost, registration: NotworkRegistration }; // for tests and debugging
})();
