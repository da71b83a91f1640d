/* Notwork self-audit, content side (rulebook: "Self-audit").
 *
 * The popup asks this page to audit the profile it shows: this script collects that
 * author's posts through the site adapter (optionally scrolling to load more, with
 * progress and cancel) and runs the core's audit on them through the same engine
 * client as the badges (Notwork.engine.audit: the same code as `notwork audit`, with
 * the user's settings).
 *
 * Protocol (docs/ARCHITECTURE.md, section 4, message `notwork:audit`):
 *  - port: chrome.tabs.connect(tab, {name: 'notwork:audit'}); popup posts
 *    {type: 'notwork:audit', scroll, max}; this side posts {type: 'progress', count}
 *    while it gathers, then the report (see audit()); {type: 'cancel'} or closing the
 *    port stops the gathering (what was gathered so far is audited).
 *  - one-shot: chrome.tabs.sendMessage(tab, {type: 'notwork:audit', scroll: false})
 *    answers the same report object.
 * Report: {type: 'report', site, handle, url, posts, report, scrolled, cancelled};
 * {type: 'unsupported', site|null} off a profile page; {type: 'error', message}.
 */
(function () {
  'use strict';
  const NS = (globalThis.Notwork = globalThis.Notwork || {});
  if (NS.audit) return;

  const MAX_POSTS = 400;
  const SCROLL_WAIT_MS = 700;
  const IDLE_ROUNDS = 3;

  const norm = (h) => String(h || '').trim().replace(/^@/, '').toLowerCase();

  /** Same account? Mastodon handles may or may not carry "@instance". */
  function sameAuthor(a, b) {
    a = norm(a);
    b = norm(b);
    if (!a || !b) return false;
    if (a === b) return true;
    return a.split('@')[0] === b.split('@')[0] && (!a.includes('@') || !b.includes('@'));
  }

  function pageInfo() {
    const A = NS.adapters;
    const adapter = A && typeof A.forPage === 'function' ? A.forPage(location, document) : null;
    if (!adapter) return { supported: false, site: null, profile: false, handle: null, adapter: null };
    let profile = false;
    let handle = null;
    try {
      profile = !!(adapter.profile && adapter.profile.isProfilePage(location, document));
      handle = profile ? adapter.profile.handle(location, document) : null;
    } catch (_) {}
    return { supported: true, site: adapter.id, profile: profile && !!handle, handle, adapter };
  }

  /** Adds the profile owner's visible posts to `into` (Map key -> post). */
  function gather(info, into) {
    let added = 0;
    for (const postEl of info.adapter.findPosts(document) || []) {
      let post = null;
      try {
        post = info.adapter.extract(postEl);
      } catch (_) {}
      if (!post || !post.text || !sameAuthor(post.author, info.handle)) continue;
      const key = post.key || post.id || post.created_at + '|' + post.text;
      if (into.has(key)) continue;
      const clean = Object.assign({}, post);
      delete clean.key;
      into.set(key, clean);
      added += 1;
    }
    return added;
  }

  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

  /** -> {type:'posts', site, handle, url, posts, scrolled, cancelled} or {type:'unsupported', ...}. */
  async function collect({ scroll = false, max = MAX_POSTS } = {}, onProgress = () => {}, isCancelled = () => false) {
    const info = pageInfo();
    if (!info.supported || !info.profile) {
      return { type: 'unsupported', site: info.site, profile: false, url: location.href };
    }
    const posts = new Map();
    gather(info, posts);
    onProgress(posts.size);
    let scrolled = false;
    if (scroll) {
      const startY = window.scrollY;
      let idle = 0;
      while (idle < IDLE_ROUNDS && posts.size < max && !isCancelled()) {
        const before = document.documentElement.scrollHeight;
        window.scrollBy(0, Math.max(200, window.innerHeight * 0.9));
        scrolled = true;
        await sleep(SCROLL_WAIT_MS);
        const added = gather(info, posts);
        const grew = document.documentElement.scrollHeight > before;
        idle = added || grew ? 0 : idle + 1;
        onProgress(posts.size);
      }
      window.scrollTo(0, startY);
    }
    const list = [...posts.values()].slice(0, max);
    list.sort((a, b) => String(a.created_at || '').localeCompare(String(b.created_at || '')));
    return { type: 'posts', site: info.site, handle: info.handle, url: location.href, posts: list, scrolled, cancelled: isCancelled() };
  }

  /** collect() and then the core's audit of the posts. */
  async function audit(opts, onProgress, isCancelled) {
    const res = await collect(opts, onProgress, isCancelled);
    if (res.type !== 'posts') return res;
    const report = res.posts.length ? await NS.engine.audit(res.posts) : null;
    return Object.assign({}, res, { type: 'report', report });
  }

  chrome.runtime.onConnect.addListener((port) => {
    if (port.name !== 'notwork:audit') return;
    let cancelled = false;
    let running = false;
    port.onDisconnect.addListener(() => { cancelled = true; });
    port.onMessage.addListener(async (msg) => {
      if (!msg) return;
      if (msg.type === 'cancel') { cancelled = true; return; }
      if (msg.type !== 'notwork:audit' || running) return;
      running = true;
      const send = (m) => { try { port.postMessage(m); } catch (_) {} };
      try {
        const res = await audit(msg, (count) => send({ type: 'progress', count }), () => cancelled);
        send(res);
      } catch (e) {
        send({ type: 'error', message: String((e && e.message) || e) });
      }
      running = false;
    });
  });

  chrome.runtime.onMessage.addListener((msg, _sender, reply) => {
    if (!msg || msg.type !== 'notwork:audit') return false;
    audit({ scroll: false }).then(reply, (e) => reply({ type: 'error', message: String((e && e.message) || e) }));
    return true;
  });

  NS.audit = { audit, collect, sameAuthor, pageInfo };
})();
