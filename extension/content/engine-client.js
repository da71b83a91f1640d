// Engine client: one scoring API for every content feature (badges, nudges, audit).
//
// The wasm core runs in the extension's service worker, never on the page's main thread:
// creating a scoring session compiles every rule's patterns in one wasm call (140–360 ms on
// the 2-core test machine) and the first calls of a cold module are slow, which would be long
// tasks that freeze the page (docs/performance.md). A page CSP cannot block it there either.
// Posts go over in batches (`notwork:score`, docs/ARCHITECTURE.md §4); the service worker
// keeps one session (per-author context) per tab.
//
// If the service worker was restarted (it sleeps after ~30 s without events) or evicted this
// tab's session, its answer says `fresh`: the client then rebuilds the context from the posts
// it sent since the page started (bounded) before trusting the results.
// The path is exposed as <html data-notwork-engine="background"> (tests read it), and the first
// round trip (session start-up included) as data-notwork-engine-ms.
'use strict';
(() => {
  if (Notwork.engine) return;
  const MAX_HISTORY = 400;     // posts kept to rebuild a lost context
  let resetPending = true;     // a new page: forget what this tab's session knew
  const history = [];          // recent posts sent (recorded by the core: not drafts), oldest first
  let starting = null;

  async function ask(message) {
    const answer = await chrome.runtime.sendMessage(message);
    if (!answer || answer.error) throw new Error((answer && answer.error) || 'no answer from the Notwork service worker');
    return answer;
  }

  function remember(posts) {
    for (const p of posts) if (p.author && p.kind !== 'draft') history.push(p);
    if (history.length > MAX_HISTORY) history.splice(0, history.length - MAX_HISTORY);
  }

  /** Wakes the service worker and starts this tab's session with an empty batch (the
   *  session start-up then happens there, before the first posts arrive). */
  function start() {
    if (starting) return starting;
    document.documentElement.dataset.notworkEngine = 'background';
    const t0 = performance.now();
    starting = ask({ type: 'notwork:score', posts: [], reset: true }).then(() => {
      resetPending = false;
      Notwork.engine.startMs = Math.round(performance.now() - t0);
      document.documentElement.dataset.notworkEngineMs = String(Notwork.engine.startMs);
      return 'background';
    }, (e) => {
      starting = null; // try again with the next batch
      console.warn('Notwork: the scoring engine did not start:', (e && e.message) || e);
      return 'background';
    });
    return starting;
  }

  Notwork.engine = {
    mode: 'background',
    startMs: null,
    start,
    /** Scores posts in one message; per-author context carries across calls. -> Promise<results[]> */
    async scoreBatch(posts) {
      if (!posts.length) return [];
      await start();
      const reset = resetPending;
      resetPending = false;
      if (reset) history.length = 0;
      let answer = await ask({ type: 'notwork:score', posts, reset });
      if (answer.fresh && !reset && history.length) {
        const replay = history.slice();
        answer = await ask({ type: 'notwork:score', posts: replay.concat(posts), reset: true });
        answer.results = answer.results.slice(replay.length);
      }
      remember(posts);
      return answer.results;
    },
    /** One author's posts -> audit report (fresh context). */
    async audit(posts) {
      const { report } = await ask({ type: 'notwork:audit-posts', posts });
      return report;
    },
    /** Applies settings.core to this tab's session (a rejected document leaves the previous
     *  one in force). The service worker also re-configures every session when the settings
     *  change; this makes the order certain for the replay that follows. -> {ok, errors} */
    async configure(core) {
      const { result } = await ask({ type: 'notwork:configure', core: core || { version: 1 } });
      return result;
    },
    /** Forget per-author context (a new page); applied with the next batch. */
    resetContext() {
      resetPending = true;
      history.length = 0;
    },
  };
})();
