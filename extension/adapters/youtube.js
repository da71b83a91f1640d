// YouTube comments (www.youtube.com). All YouTube selectors live here.
// YouTube is closed source: the comment renderers (ytd-comment-thread-renderer,
// ytd-comment-view-model, #author-text, #content-text, #published-time-text a[href*="lc="]) are
// those that maintained public extensions target (checked 2026-12-01, see docs/sites.md). The
// page's <html lang> is the viewer's UI language, not the comment's, so no `lang` is passed.
'use strict';
(() => {
  const D = Notwork.dom;
  const SEL = {
    post: 'ytd-comment-view-model, ytd-comment-renderer',
    text: '#content-text',
    author: '#author-text',
    time: '#published-time-text a, .published-time-text a',
    header: '#header-author',
    replies: 'ytd-comment-replies-renderer',
    composer: 'ytd-commentbox #contenteditable-root',
    commentbox: 'ytd-commentbox',
    channelHeader: 'ytd-c4-tabbed-header-renderer, yt-page-header-renderer, #page-header',
  };

  /** Links in comments go through youtube.com/redirect?q=<target>. */
  function linkTarget(a) {
    const href = D.httpUrl(a.getAttribute('href') || '', 'https://www.youtube.com/');
    if (!href) return null;
    const u = new URL(href);
    if (/(^|\.)youtube\.com$/.test(u.hostname) && u.pathname === '/redirect') return D.httpUrl(u.searchParams.get('q') || '');
    if (/(^|\.)youtube\.com$/.test(u.hostname) && (u.pathname.startsWith('/@') || u.pathname.startsWith('/channel/') || u.pathname.startsWith('/hashtag/'))) return null;
    return href;
  }

  function extract(el) {
    const authorEl = el.querySelector(SEL.author);
    const timeLink = el.querySelector(SEL.time);
    const textEl = el.querySelector(SEL.text);
    if (!authorEl || !timeLink) return null;
    let lc = null;
    try { lc = new URL(timeLink.getAttribute('href'), 'https://www.youtube.com/').searchParams.get('lc'); } catch (_) { /* keep null */ }
    if (!lc) return null;
    const shown = D.text(authorEl);
    const hrefPath = authorEl.getAttribute('href') || '';
    const handle = (shown.startsWith('@') ? shown.slice(1) : '') || (/^\/@([^/?]+)/.exec(hrefPath) || [])[1] || shown;
    const links = [];
    const mentions = [];
    const hashtags = [];
    if (textEl) {
      for (const a of textEl.querySelectorAll('a[href]')) {
        const label = D.text(a);
        if (label.startsWith('#')) hashtags.push(label.slice(1));
        else if (label.startsWith('@')) mentions.push(label.slice(1));
        else links.push(linkTarget(a));
      }
    }
    const text = D.richText(textEl, (a) => {
      const t = linkTarget(a);
      return t && !D.text(a).startsWith('#') && !D.text(a).startsWith('@') ? t : null;
    });
    const isReply = !!el.closest(SEL.replies);
    const post = {
      key: 'youtube:' + lc,
      id: lc,
      site: 'youtube',
      kind: 'comment',
      text,
      author: handle,
      author_name: shown || undefined,
      author_url: D.httpUrl(hrefPath, 'https://www.youtube.com/') || undefined,
      links: D.unique(links),
      mentions: D.unique(mentions),
      hashtags: D.unique(hashtags),
      is_reply: isReply,
    };
    const to = /^@([\w.-]+)/.exec(text);
    if (isReply && to) post.reply_to = to[1];
    return post;
  }

  Notwork.adapters.register({
    id: 'youtube',
    matches(loc) { return loc.hostname === 'www.youtube.com' || loc.hostname === 'm.youtube.com'; },
    findPosts(root) { return D.within(root, SEL.post); },
    extract,
    badgeAnchor(el) { return el.querySelector(SEL.header) || el; },
    composers: {
      find(root) { return D.within(root, SEL.composer); },
      readDraft(el) { return (el.innerText !== undefined ? el.innerText : el.textContent || '').trim(); },
      kind(el) { return el.closest(SEL.replies) || el.closest('#reply-dialog') ? 'reply' : 'comment'; },
      replyContext(el) {
        const parent = el.closest(SEL.post) || (el.closest('#reply-dialog') || {}).closest?.(SEL.post);
        const p = parent && extract(parent);
        return p ? { author: p.author, text: p.text } : null;
      },
      anchor(el) { return el.closest(SEL.commentbox) || el; },
    },
    // The watch page names no handle for the signed-in viewer (the comment box shows only an
    // avatar), so drafts here go without the user's own posts as context.
    currentUser() { return null; },
    profile: {
      isProfilePage(loc, doc) { return /^\/@[^/]+/.test(loc.pathname) && !!doc.querySelector(SEL.channelHeader); },
      handle(loc) {
        const m = /^\/@([^/]+)/.exec(loc.pathname);
        return m ? decodeURIComponent(m[1]) : null;
      },
    },
    linkTarget,
    /** Every selector this adapter uses, for the selector-health suite. */
    selectors: SEL,
  });
})();
