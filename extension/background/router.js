// Message router and event wiring of the service worker (docs/ARCHITECTURE.md §4).
'use strict';
(() => {
  const tabKey = (sender) => (sender.tab ? `${sender.tab.id}:${sender.frameId || 0}` : 'extension');

  // Bounded messages (issue 13): at most this many posts per message, each cut to the core's
  // caps (NotworkSettings.bounds) — the content script cuts them already; this is the
  // worker's own guarantee, whatever a tab sends. Larger batches are refused, not truncated.
  const MAX_SCORE_POSTS = 200;   // the content script sends ≤ 100 per batch and replays in chunks of ≤ 200
  const MAX_AUDIT_POSTS = 1000;  // one profile audit (the popup gathers 400 by default)
  function postsOf(msg, max) {
    const posts = msg.posts === undefined ? [] : msg.posts;
    if (!Array.isArray(posts)) throw new Error('posts must be a list');
    if (posts.length > max) throw new Error(`too many posts in one message (${posts.length}; at most ${max})`);
    return posts.map(NotworkSettings.bounds.boundPost);
  }
  const MAX_RULES = 64;

  const handlers = {
    // A tab's scoring while its own engine starts, and for good where the page's CSP forbids
    // WebAssembly in content scripts. {posts, reset?} -> {results, fresh}
    'notwork:score': async (msg, sender) => NotworkEngineHost.score(tabKey(sender), postsOf(msg, MAX_SCORE_POSTS), !!msg.reset, typeof msg.memory === 'string' ? msg.memory : null),
    // Author memory (extension/shared/memory.js): save this tab's session's authors. {} -> {saved, ...}
    'notwork:memory-save': (msg, sender) => NotworkEngineHost.saveMemory(tabKey(sender)),
    // The options page's "forget": every site's remembered authors, or one site's.
    // {site?: "<host>"} -> {sites (how many were removed)}
    'notwork:memory-clear': (msg) => (msg.site === undefined ? NotworkMemory.clear() : NotworkMemory.clearSite(String(msg.site))),
    // The tab's configuration (settings.core). {core} -> {result: {ok, errors}}
    'notwork:configure': (msg, sender) => NotworkEngineHost.configure(tabKey(sender), msg.core).then((result) => ({ result })),
    // The tab switched to its in-page engine: its session here goes. {} -> {ok}
    'notwork:release': (msg, sender) => Promise.resolve({ ok: NotworkEngineHost.release(tabKey(sender)) }),
    // The profile audit of the popup (through the content script). {posts} -> {report}
    'notwork:audit-posts': async (msg) => ({ report: await NotworkEngineHost.audit(postsOf(msg, MAX_AUDIT_POSTS)) }),
    // A link the user opened (P4 "read before you share"). {url} -> {ok}
    'notwork:link-opened': (msg) => NotworkSettings.recordOpenedLink(String(msg.url || '').slice(0, 4096)).then((ok) => ({ ok })),
    // Which of these links did the user open? {urls: string[] (≤ 64)} -> {opened: boolean[]}.
    // The history itself never goes to a content script.
    'notwork:links-opened': async (msg) => ({ opened: await NotworkSettings.openedAmong(Array.isArray(msg.urls) ? msg.urls : []) }),
    // "Don't badge @author" (a trusted click in the badge). {author: "<site>:<handle>"} ->
    // {ok, muted, full?, tooLong?, message?} — re-read, capped (NotworkSettings.setMuted).
    'notwork:mute': (msg) => NotworkSettings.setMuted(msg.author, msg.muted !== false),
    // "This badge is wrong" / "This is promo" / "This is a feed" (a trusted click in a badge's
    // explanation). {correction: {site, author, post: "id:…"|"h:…", label, right, comment?, reasons
    // (≤ 64 {rule, label, contribution})}} -> {ok, entry, moved, multipliers, count, bytes} or
    // {ok: false, message, full?, refused?, nothing?} — re-read, capped (NotworkCorrections.add,
    // one step of the fitted model: core/data/weights.json).
    'notwork:correct': async (msg) => {
      const c = msg.correction;
      if (!c || typeof c !== 'object' || !Array.isArray(c.reasons) || c.reasons.length > MAX_RULES) throw new Error(`a correction carries at most ${MAX_RULES} reasons`);
      const [fitted, catalogue, settings] = await Promise.all([NotworkCorrections.loadFitted(), NotworkEngineHost.catalogue(), NotworkSettings.load()]);
      return NotworkCorrections.add(c, { fitted, catalogue, core: settings.core });
    },
    // "Trust this author" (a trusted click in the badge's explanation). {author: "<site>:<handle>",
    // trusted?: boolean (default true)} -> {ok, trusted (count), full?, tooLong?, message?} —
    // re-read, capped (NotworkSettings.setTrusted).
    'notwork:trust': (msg) => NotworkSettings.setTrusted(msg.author, msg.trusted !== false),
    // "Don't show this again" (a trusted click in a nudge). {rules: string[] (≤ 64)} ->
    // {ok, errors, refused?, full?} — re-reads the stored settings first; refused while they
    // cannot be read or are newer (NotworkSettings.dismissRules).
    'notwork:dismiss-rules': async (msg) => {
      const rules = Array.isArray(msg.rules) ? msg.rules : [];
      if (rules.length > MAX_RULES) throw new Error(`too many rules in one message (at most ${MAX_RULES})`);
      return NotworkSettings.dismissRules(rules);
    },
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
  NotworkCorrections.onChange(() => NotworkEngineHost.reconfigure());
  chrome.permissions.onAdded.addListener(() => NotworkRegistration.sync());
  chrome.permissions.onRemoved.addListener(() => NotworkRegistration.sync());
  chrome.runtime.onInstalled.addListener(() => NotworkRegistration.sync());
  chrome.runtime.onStartup.addListener(() => NotworkRegistration.sync());

  self.Notwork = { engineHost: NotworkEngineHost, registration: NotworkRegistration }; // for tests and debugging
})();
