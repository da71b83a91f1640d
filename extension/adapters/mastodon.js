// Mastodon web UI (any instance: the page has a #mastodon root). All Mastodon selectors live here.
'use strict';
(() => {
  const D = Notwork.dom;
  const SEL = {
    appRoot: '#mastodon',
    post: '.status[data-id]',
    content: '.status__content',
    text: '.status__content__text',
    hashtagBar: '.hashtag-bar',
    displayName: 'a.status__display-name',
    account: '.display-name__account',
    nameHtml: '.display-name__html',
    time: 'a.status__relative-time',
    info: '.status__info',
    wrapper: '.status__wrapper',
    prepend: '.status__prepend',
    mention: 'a.mention:not(.hashtag)',
    hashtag: 'a.hashtag, a.mention.hashtag, a[rel~="tag"], .hashtag-bar a, a[href*="/tags/"]',
    composer: 'form.compose-form textarea',
    replyIndicator: '.reply-indicator',
    profileHeader: '.account__header',
    initialState: 'script#initial-state[type="application/json"]',
    navAccount: '.navigation-bar a[href^="/@"], .navigation-bar__profile a[href^="/@"]',
    navAccountText: '.navigation-bar__profile-account',
  };

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

  function acct(status) {
    const a = status.querySelector(SEL.displayName);
    if (!a) return {};
    let handle = (a.getAttribute('title') || '').replace(/^@/, '');
    if (!handle) handle = D.text(a.querySelector(SEL.account)).replace(/^@/, '');
    return { handle, name: D.text(a.querySelector(SEL.nameHtml)) || undefined, url: D.httpUrl(a.getAttribute('href')) };
  }

  function extract(status) {
    const time = status.querySelector(SEL.time);
    const { handle, name, url } = acct(status);
    const href = time && time.getAttribute('href');
    if (!handle || !href) return null;
    const content = status.querySelector(SEL.text) || status.querySelector(SEL.content);
    const bar = status.querySelector(SEL.hashtagBar);
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
    // Trailing hashtags are moved out of the text into the hashtag bar: put them back.
    const barText = bar ? [...bar.querySelectorAll('a')].map((a) => D.text(a)).join(' ') : '';
    const text = [D.richText(content), barText].filter(Boolean).join('\n');
    const wrapper = status.closest(SEL.wrapper) || status.parentElement;
    const prepend = wrapper && wrapper.querySelector(SEL.prepend);
    const isReply = status.classList.contains('status-reply');
    const timeEl = time.querySelector('time[datetime]');
    const post = {
      key: 'mastodon:' + D.httpUrl(href),
      id: status.getAttribute('data-id'),
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
      is_repost: !!(prepend && prepend.querySelector('a.status__display-name, a[href*="/@"]') && /boost/i.test(prepend.className + ' ' + prepend.textContent)),
    };
    if (isReply && mentions.length) post.reply_to = mentions[0];
    return post;
  }

  Notwork.adapters.register({
    id: 'mastodon',
    matches(loc, doc) { return !!doc.querySelector(SEL.appRoot); },
    findPosts(root) { return D.within(root, SEL.post); },
    extract,
    badgeAnchor(status) { return status.querySelector(SEL.info) || status; },
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
  });
})();
