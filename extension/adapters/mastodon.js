// Mastodon web UI (any instance: the page has a #mastodon root). All Mastodon selectors live here.
// Checked against mastodon/mastodon (app/javascript/mastodon, 2026-12-01), see docs/sites.md:
// - components/status/legacy/status.jsx: article[data-id] > .status__wrapper[aria-label] >
//   .status__prepend (boost: Icon id "retweet" → svg.icon-retweet; direct: .icon-at) +
//   .status[data-id] (.status-reply) with .status__info (a.status__relative-time, a.status__display-name),
//   StatusContent (.status__content__text[lang]) and the hashtag bar. The wrapper's aria-label is
//   textForScreenReader(): display name, the whole content as text, time, acct.
// - components/hashtag_bar.tsx: .hashtag-bar shows 3 tags, the rest behind a button "…and N more".
// - features/status/components/detailed_status.tsx (the post page): .detailed-status (no .status)
//   with a.detailed-status__display-name[data-hover-card-account] (href /@acct), the content, the
//   hashtag bar, .detailed-status__meta__line > a.detailed-status__datetime[href$="/ID"] (no <time>)
//   and a.detailed-status__application (the posting application: our source_client); the page
//   wraps it in .detailed-status__wrapper[aria-label] (features/status/index.jsx, textForScreenReader).
// - components/status/status.tsx + redesign/header.tsx (behind a flag): article[data-id][aria-label]
//   with CSS-module classes; header links a[data-hover-card-account][title="@acct"].
'use strict';
(() => {
  const D = Notwork.dom;
  const SEL = {
    appRoot: '#mastodon',
    // Legacy statuses, the post page's focused status, and the redesigned status (an article
    // carrying the status id itself, with no legacy status inside).
    post: '.status[data-id], .detailed-status, article[data-id]:not(:has(.status, .detailed-status, .notification, .account))',
    content: '.status__content',
    text: '.status__content__text',
    hashtagBar: '.hashtag-bar',
    footerTag: 'footer a[href^="/tags/"]',
    displayName: 'a.status__display-name, a.detailed-status__display-name',
    hoverCardAccount: 'a[data-hover-card-account]',
    account: '.display-name__account',
    nameHtml: '.display-name__html',
    time: 'a.status__relative-time, a.detailed-status__datetime',
    application: 'a.detailed-status__application',
    info: '.status__info',
    metaLine: '.detailed-status__meta__line',
    wrapper: '.status__wrapper, .detailed-status__wrapper',
    prepend: '.status__prepend',
    boostIcon: '.status__prepend .icon-retweet, .status__prepend .icon-repeat',
    mention: 'a.mention:not(.hashtag)',
    hashtag: 'a.hashtag, a.mention.hashtag, a[rel~="tag"], .hashtag-bar a, a[href*="/tags/"]',
    composer: 'form.compose-form textarea',
    replyIndicator: '.reply-indicator',
    profileHeader: '.account__header',
    initialState: 'script#initial-state[type="application/json"]',
    navAccount: '.navigation-bar a[href^="/@"], .navigation-bar__profile a[href^="/@"]',
    navAccountText: '.navigation-bar__profile-account',
  };
  // A hashtag as Mastodon links it: letters, digits, underscores, at least one letter.
  const TAG = /(?:^|[^\p{L}\p{N}_&/])#([\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*)/gu;

  /** The logged-in account (local acct, as post authors from this instance are written):
   *  the web UI's boot state names it (meta.me → accounts[me].acct); else the compose
   *  panel's navigation bar links to it. Remembered once found. */
  let me = null;
  function currentUser(loc, doc) {
    if (me) return me;
    const state = doc.querySelector(SEL.initialState);
    if (state) {
      try {
        const j = JSON.parse(state.textContent || '{}');
        const id = j.meta && j.meta.me;
        const acct = id && j.accounts && j.accounts[id] && j.accounts[id].acct;
        if (acct) me = String(acct);
      } catch (_) { /* not JSON: fall back to the markup */ }
    }
    if (!me) {
      const a = doc.querySelector(SEL.navAccount);
      const m = a && /^\/@([^/?#]+)\/?$/.exec(a.getAttribute('href') || '');
      if (m) me = decodeURIComponent(m[1]);
    }
    if (!me) {
      const t = D.text(doc.querySelector(SEL.navAccountText)).replace(/^@/, '');
      if (t) me = t;
    }
    return me;
  }

  function linkTarget(a) {
    if (a.matches(SEL.mention) || a.matches(SEL.hashtag)) return null;
    const href = a.getAttribute('href') || '';
    if (href.startsWith('/')) return null;
    return D.httpUrl(href);
  }

  /** Inside `root`, outside the boost/thread prepend (the booster's links live there). */
  function inPost(root, sel) {
    for (const el of root.querySelectorAll(sel)) if (!el.closest(SEL.prepend)) return el;
    return null;
  }

  function acct(root) {
    const a = inPost(root, SEL.displayName) || inPost(root, SEL.hoverCardAccount);
    if (!a) return {};
    let handle = (a.getAttribute('title') || '').replace(/^@/, '');
    if (!handle) {
      const m = /^\/@([^/?#]+)\/?$/.exec(a.getAttribute('href') || '');
      if (m) handle = decodeURIComponent(m[1]);
    }
    if (!handle) handle = D.text(root.querySelector(SEL.account)).replace(/^@/, '');
    return { handle, name: D.text(a.querySelector(SEL.nameHtml) || inPost(root, SEL.nameHtml)) || undefined, url: D.httpUrl(a.getAttribute('href')) };
  }

  /** The post's content element: StatusContent's text (it carries the status' `lang`). */
  function contentOf(root) {
    return inPost(root, SEL.text) || inPost(root, SEL.content)
      || [...root.querySelectorAll('[lang]')].find((el) => !el.closest(SEL.prepend) && !el.closest('header')) || null;
  }

  /** The wrapper whose aria-label reads out the whole status (textForScreenReader). */
  function spokenText(root) {
    // Legacy: the status' wrapper; the redesign: the article itself (the post page's wrapper
    // around it then has no label).
    const w = root.closest(SEL.wrapper);
    return (w && w.getAttribute('aria-label')) || root.getAttribute('aria-label') || '';
  }

  function isReplyOnPostPage(root) {
    // The post page lists the ancestors above the focused status: any status before it.
    const column = root.closest('.scrollable, [role="region"], .column') || document;
    for (const s of column.querySelectorAll('.status[data-id]')) {
      if (s.compareDocumentPosition(root) & Node.DOCUMENT_POSITION_FOLLOWING) return true;
    }
    return false;
  }

  function extract(root) {
    const { handle, name, url } = acct(root);
    if (!handle) return null;
    const time = inPost(root, SEL.time);
    let href = time && time.getAttribute('href');
    let id = root.getAttribute('data-id');
    if (href) {
      const m = /\/(\d+)\/?$/.exec(href);
      if (m) id = id || m[1];
    } else if (id) {
      href = `/@${handle}/${id}`; // the redesigned header's time link cannot be relied on
    }
    if (!href || !id) return null;
    const content = contentOf(root);
    const bar = inPost(root, SEL.hashtagBar);
    const links = [];
    const mentions = [];
    const hashtags = [];
    for (const el of [content, bar]) {
      if (!el) continue;
      for (const a of el.querySelectorAll('a[href]')) {
        if (a.matches(SEL.hashtag)) hashtags.push(D.text(a).replace(/^#/, ''));
        else if (a.matches(SEL.mention)) mentions.push(D.text(a).replace(/^@/, ''));
        else links.push(linkTarget(a));
      }
    }
    // Trailing hashtags are moved out of the text into the hashtag bar: put them back. Past the
    // first three the bar only offers a "…and N more" button; the wrapper's aria-label still
    // holds the whole text, hashtags included.
    // The redesigned status renders every tag as a link in its footer (the overflow ones inert).
    const footerTags = bar ? [] : [...root.querySelectorAll(SEL.footerTag)].filter((a) => !(content && content.contains(a)));
    for (const a of footerTags) hashtags.push(D.text(a).replace(/^#/, ''));
    const barTags = [...(bar ? bar.querySelectorAll('a') : []), ...footerTags].map((a) => D.text(a).replace(/^#/, ''));
    if (bar && bar.querySelector('button')) {
      const known = new Set(hashtags.map((t) => t.toLowerCase()));
      for (const m of spokenText(root).matchAll(TAG)) {
        if (known.has(m[1].toLowerCase())) continue;
        known.add(m[1].toLowerCase());
        hashtags.push(m[1]);
        barTags.push(m[1]);
      }
    }
    const text = [D.richText(content), barTags.map((t) => '#' + t).join(' ')].filter(Boolean).join('\n');
    const wrapper = root.closest(SEL.wrapper) || root;
    const detailed = root.matches('.detailed-status');
    const legacy = detailed || root.matches('.status');
    // Legacy statuses say "reply" in their classes; the post page lists ancestors above the
    // focused status; the redesigned status says nothing (the core then reads the text).
    const isReply = !legacy ? undefined : root.classList.contains('status-reply') || wrapper.classList.contains('status__wrapper-reply')
      || (detailed && isReplyOnPostPage(root));
    const timeEl = (time && time.querySelector('time[datetime]')) || inPost(root, 'time[datetime]');
    const app = inPost(root, SEL.application);
    const langEl = content && (content.closest('[lang]') || content.querySelector('[lang]'));
    const lang = langEl && langEl.getAttribute('lang');
    const post = {
      key: 'mastodon:' + D.httpUrl(href),
      id,
      site: 'mastodon',
      kind: 'post',
      text,
      author: handle,
      author_name: name,
      author_url: url || undefined,
      created_at: D.iso(timeEl && timeEl.getAttribute('datetime')),
      links: D.unique(links),
      mentions: D.unique(mentions),
      hashtags: D.unique(hashtags),
      is_reply: isReply,
      // A boost: the prepend shows the boost icon (its text is translated).
      is_repost: !!wrapper.querySelector(SEL.boostIcon),
    };
    if (app && D.text(app)) post.source_client = D.text(app);
    if (lang) post.lang = lang;
    if (isReply && mentions.length) post.reply_to = mentions[0];
    return post;
  }

  Notwork.adapters.register({
    id: 'mastodon',
    matches(loc, doc) { return !!doc.querySelector(SEL.appRoot); },
    findPosts(root) { return D.within(root, SEL.post); },
    extract,
    badgeAnchor(root) { return root.querySelector(SEL.info) || root.querySelector(SEL.metaLine) || root.querySelector('header') || root; },
    composers: {
      find(root) { return D.within(root, SEL.composer); },
      readDraft(el) { return el.value || ''; },
      kind(el) {
        const form = el.closest('form');
        return form && form.querySelector(SEL.replyIndicator) ? 'reply' : 'post';
      },
      replyContext(el) {
        const form = el.closest('form');
        const ind = form && form.querySelector(SEL.replyIndicator);
        if (!ind) return null;
        const who = D.text(ind.querySelector(SEL.account)).replace(/^@/, '') || undefined;
        const text = D.text(ind.querySelector('.reply-indicator__content, ' + SEL.content)) || undefined;
        return { author: who, text };
      },
      anchor(el) { return el.closest('.compose-form__highlightable') || el.parentElement || el; },
    },
    currentUser,
    profile: {
      isProfilePage(loc, doc) { return /^\/@[^/]+\/?$/.test(loc.pathname) && !!doc.querySelector(SEL.profileHeader); },
      handle(loc) {
        const m = /^\/@([^/]+)\/?$/.exec(loc.pathname);
        return m ? decodeURIComponent(m[1]) : null;
      },
    },
    linkTarget,
    /** Every selector this adapter uses, for the selector-health suite. */
    selectors: SEL,
  });
})();
