// Bluesky (bsky.app). All Bluesky selectors live here.
'use strict';
(() => {
  const D = Notwork.dom;
  const FEED = 'feedItem-by-';
  const THREAD = 'postThreadItem-by-';
  const SEL = {
    post: `[data-testid^="${FEED}"], [data-testid^="${THREAD}"]`,
    text: '[data-testid="postText"]',
    permalink: 'a[href*="/post/"]',
    profileLink: 'a[href^="/profile/"]',
    composer: 'div[role="textbox"][aria-label="Rich-Text Editor"]',
    composerDialog: '[role="dialog"]',
    profileHeader: '[data-testid="profileHeaderDisplayName"]',
    // The left navigation's "Profile" entry links to the logged-in account.
    navProfile: '[role="navigation"] a[aria-label="Profile"][href^="/profile/"], nav a[aria-label="Profile"][href^="/profile/"]',
  };

  function handleOf(el) {
    const id = el.getAttribute('data-testid') || '';
    if (id.startsWith(FEED)) return id.slice(FEED.length);
    if (id.startsWith(THREAD)) return id.slice(THREAD.length);
    return null;
  }

  function linkTarget(a) {
    const href = a.getAttribute('href') || '';
    if (href.startsWith('/')) return null; // profiles, hashtags, posts inside the app
    return D.httpUrl(href);
  }

  /** The "Reposted by …" / "Reply to …" rows are small links/text above the post body. */
  function rowStartingWith(item, re, textEl) {
    for (const el of item.querySelectorAll('a[aria-label], div, span')) {
      if (textEl && textEl.contains(el)) continue;
      const label = el.getAttribute('aria-label') || '';
      if (re.test(label)) return el;
      if (el.children.length <= 2 && re.test((el.textContent || '').trim())) return el;
    }
    return null;
  }

  function extract(item) {
    const handle = handleOf(item);
    const own = [...item.querySelectorAll(SEL.permalink)].find((a) => (a.getAttribute('href') || '').startsWith(`/profile/${handle}/post/`))
      || item.querySelector(SEL.permalink);
    if (!handle || !own) return null;
    const href = own.getAttribute('href');
    const textEl = item.querySelector(SEL.text);
    const links = [];
    const mentions = [];
    const hashtags = [];
    if (textEl) {
      for (const a of textEl.querySelectorAll('a[href]')) {
        const label = D.text(a);
        const h = a.getAttribute('href');
        if (h.startsWith('/hashtag/') || label.startsWith('#')) hashtags.push(label.replace(/^#/, ''));
        else if (label.startsWith('@')) mentions.push(label.slice(1));
        else links.push(linkTarget(a));
      }
    }
    // External link card (embed) outside the text.
    for (const a of item.querySelectorAll('a[href^="http"]')) {
      if (textEl && textEl.contains(a)) continue;
      links.push(linkTarget(a));
    }
    const nameLink = [...item.querySelectorAll(SEL.profileLink)].find((a) => a.getAttribute('href') === `/profile/${handle}` && D.text(a));
    let name;
    if (nameLink) {
      const spans = nameLink.querySelectorAll('span');
      name = D.text(spans[0] || nameLink).replace(/\s*@\S+$/, '') || undefined;
    }
    const stamp = own.getAttribute('data-tooltip') || own.getAttribute('aria-label') || '';
    const when = Date.parse(stamp.replace(/ at /, ' '));
    const reply = rowStartingWith(item, /^Reply to\b/, textEl);
    const repost = rowStartingWith(item, /^Reposted by\b/, textEl);
    const post = {
      key: 'bluesky:' + href,
      id: href.split('/post/')[1],
      site: 'bluesky',
      kind: 'post',
      text: D.richText(textEl, (a) => linkTarget(a)), // shown link text is truncated; the href is whole
      author: handle,
      author_name: name,
      author_url: 'https://bsky.app/profile/' + handle,
      created_at: isNaN(when) ? undefined : new Date(when).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      links: D.unique(links),
      mentions: D.unique(mentions),
      hashtags: D.unique(hashtags),
      is_reply: !!reply,
      is_repost: !!repost,
    };
    if (reply) {
      const a = reply.querySelector(SEL.profileLink) || (reply.matches('a') ? reply : null);
      const m = a && /^\/profile\/([^/]+)/.exec(a.getAttribute('href'));
      if (m) post.reply_to = m[1];
    }
    return post;
  }

  Notwork.adapters.register({
    id: 'bluesky',
    matches(loc) { return loc.hostname === 'bsky.app'; },
    findPosts(root) { return D.within(root, SEL.post); },
    extract,
    badgeAnchor(item) {
      const handle = handleOf(item);
      const own = [...item.querySelectorAll(SEL.permalink)].find((a) => (a.getAttribute('href') || '').startsWith(`/profile/${handle}/post/`));
      return (own && own.parentElement) || item;
    },
    composers: {
      find(root) { return D.within(root, SEL.composer); },
      readDraft(el) { return (el.innerText !== undefined ? el.innerText : el.textContent || '').trim(); },
      kind(el) {
        const dialog = el.closest(SEL.composerDialog);
        if (!dialog) return 'post';
        if (/\bReply to\b|\bReplying to\b/.test(dialog.textContent || '')) return 'reply';
        return dialog.querySelector(SEL.text) ? 'quote' : 'post';
      },
      replyContext(el) {
        const dialog = el.closest(SEL.composerDialog);
        const t = dialog && dialog.querySelector(SEL.text);
        if (!t) return null;
        const who = dialog.querySelector('a[href^="/profile/"]');
        const m = who && /^\/profile\/([^/]+)/.exec(who.getAttribute('href'));
        return { author: m ? m[1] : undefined, text: D.text(t) };
      },
      anchor(el) { return el.parentElement || el; },
    },
    currentUser(loc, doc) {
      const a = doc.querySelector(SEL.navProfile);
      const m = a && /^\/profile\/([^/?#]+)\/?$/.exec(a.getAttribute('href') || '');
      return m ? decodeURIComponent(m[1]) : null;
    },
    profile: {
      isProfilePage(loc) { return /^\/profile\/[^/]+\/?$/.test(loc.pathname); },
      handle(loc) {
        const m = /^\/profile\/([^/]+)\/?$/.exec(loc.pathname);
        return m ? decodeURIComponent(m[1]) : null;
      },
    },
    linkTarget,
  });
})();
