// Bluesky (bsky.app). All Bluesky selectors live here.
// Checked against bluesky-social/social-app (2026-12-01), see docs/sites.md:
// - view/com/posts/PostFeedItem.tsx: feedItem-by-<handle>, the reason row ("Reposted by", a link
//   to the reposter with the repost icon) above the avatar row, PostMeta (name, handle, the
//   time link a[href*="/post/"]), components/Post/PostRepliedTo.tsx (an icon and "Replied to
//   NAME", no link), the text in RichText testID="postText".
// - screens/PostThread/components/ThreadItemAnchor.tsx (the focused post) and ThreadItemPost.tsx
//   (the thread's other posts): postThreadItem-by-<handle>; RichText without a testID; the anchor
//   has no link to itself (its permalink is the page's URL).
// - view/com/composer/Composer.tsx: the publish button [data-testid="composerPublishBtn"], its
//   label "Publish reply" for a reply (translated).
'use strict';
(() => {
  const D = Notwork.dom;
  const FEED = 'feedItem-by-';
  const THREAD = 'postThreadItem-by-';
  const SEL = {
    post: `[data-testid^="${FEED}"], [data-testid^="${THREAD}"]`,
    threadItem: `[data-testid^="${THREAD}"]`,
    text: '[data-testid="postText"]',
    permalink: 'a[href*="/post/"]',
    profileLink: 'a[href^="/profile/"]',
    richText: 'div[dir="auto"]',
    notText: 'a, button, [role="button"], [data-testid="contentHider-post"] a',
    composer: 'div[role="textbox"][aria-label="Rich-Text Editor"], div[role="textbox"][contenteditable="true"].ProseMirror',
    composerDialog: '[role="dialog"]',
    publish: '[data-testid="composerPublishBtn"]',
    profileHeader: '[data-testid="profileHeaderDisplayName"]',
    // The left navigation's "Profile" entry (its label is translated) is its only profile link.
    navProfile: '[role="navigation"] a[href^="/profile/"], nav a[href^="/profile/"]',
  };
  // Labels that are only text (no structure to read) in social-app's catalogues: en, de, fr,
  // es, pt-BR, it, ja (src/locale/locales/*/messages.po).
  const REPLY_LABEL = /^(Replied to|Reply to|Antwort an|Hat geantwortet|A répondu à|Réponse à|Respondió a|Respondeu a|Ha risposto a|Risposta a|返信先)(?!\p{L})/u;
  const PUBLISH_REPLY = /^(Publish reply|Antwort veröffentlichen|Publier la réponse|Publicar respuesta|Publicar resposta|Pubblica risposta|返信を(投稿|公開))/u;
  const REPOST_LABEL = /^(Reposted by|Repostet von|Reposté par|Republicado por|Repostado por|Ripubblicato da|.+がリポスト)/u;

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

  /** Is `el` inside something matching `sel`, looking no higher than `item`? */
  function insideWithin(el, item, sel) {
    for (let n = el; n && n !== item; n = n.parentElement) if (n.matches(sel)) return true;
    return false;
  }

  const before = (a, b) => !!(a && b && (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING));

  /** A link to the post itself (not to its likes, reposts or quotes lists). */
  function ownLink(item, handle) {
    const re = new RegExp(`^/profile/${handle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/post/[^/?#]+$`);
    return [...item.querySelectorAll(SEL.permalink)].find((a) => re.test(a.getAttribute('href') || '')) || null;
  }

  // niceDate() (dateStyle long, timeStyle short) in the UI's language: month names of en, de, fr,
  // es, pt, it; ja writes numbers (2026年3月14日 9:00).
  const MONTHS = ['january|januar|janvier|enero|janeiro|gennaio', 'february|februar|février|febrero|fevereiro|febbraio',
    'march|märz|mars|marzo|março', 'april|avril|abril|aprile', 'may|mai|mayo|maio|maggio', 'june|juni|juin|junio|junho|giugno',
    'july|juli|juillet|julio|julho|luglio', 'august|août|agosto', 'september|septembre|septiembre|setembro|settembre',
    'october|oktober|octobre|octubre|outubro|ottobre', 'november|novembre|noviembre|novembro', 'december|dezember|décembre|diciembre|dezembro|dicembre'];
  function parseStamp(stamp) {
    const t = stamp.toLowerCase();
    const year = /(\d{4})/.exec(t);
    const time = /(\d{1,2})[:h](\d{2})\s*(am|pm|午前|午後)?/.exec(t.replace(year ? year[1] : '', ''));
    let month = -1;
    let day = null;
    const ja = /(\d{4})年(\d{1,2})月(\d{1,2})日/.exec(t);
    if (ja) { month = Number(ja[2]) - 1; day = Number(ja[3]); } else {
      MONTHS.forEach((names, i) => { if (month < 0 && new RegExp(`(^|[^\\p{L}])(${names})([^\\p{L}]|$)`, 'u').test(t)) month = i; });
      const d = /(^|\D)(\d{1,2})(?!\d|[:h]\d)/.exec(t.replace(year ? year[1] : '', '').replace(time ? time[0] : '', ''));
      day = d ? Number(d[2]) : null;
    }
    if (!year || month < 0 || !day) return NaN;
    let hour = time ? Number(time[1]) : 0;
    if (time && (time[3] === 'pm' || time[3] === '午後') && hour < 12) hour += 12;
    if (time && (time[3] === 'am' || time[3] === '午前') && hour === 12) hour = 0;
    return new Date(Number(year[1]), month, day, hour, time ? Number(time[2]) : 0).getTime();
  }

  /** The post's own permalink in its meta row; the thread's anchor has none (the page URL is it). */
  function permalinkOf(item, handle) {
    const own = ownLink(item, handle);
    if (own) return { href: own.getAttribute('href'), el: own };
    if (item.matches(SEL.threadItem)) {
      const m = /^\/profile\/[^/]+\/post\/[^/?#]+/.exec(location.pathname);
      const anchors = document.querySelectorAll(SEL.threadItem);
      const isAnchor = [...anchors].find((t) => !ownLink(t, handleOf(t))) === item;
      if (m && isAnchor) return { href: `/profile/${handle}/post/${m[0].split('/post/')[1]}`, el: null };
    }
    return null;
  }

  /** Thread posts render RichText without a test id: the first top-level text of the item that
   *  is not a link, a button or a punctuation mark (name and handle sit inside the author link). */
  function threadText(item) {
    for (const el of item.querySelectorAll(SEL.richText)) {
      if (el.parentElement && el.parentElement.closest(SEL.richText) && item.contains(el.parentElement.closest(SEL.richText))) continue;
      if (insideWithin(el, item, SEL.notText)) continue;
      if (!/[\p{L}\p{N}]/u.test(el.textContent || '')) continue;
      return el;
    }
    return null;
  }

  /** The anchor's date line (ExpandedPostDetails, after the text): the first text that reads as a date. */
  function anchorDate(item, textEl) {
    for (const el of item.querySelectorAll(SEL.richText)) {
      if (textEl && (textEl.contains(el) || !before(textEl, el))) continue;
      if (insideWithin(el, item, SEL.notText)) continue;
      const t = D.text(el);
      if (t.length < 60 && /\d{4}/.test(t) && !isNaN(parseStamp(t))) return t;
    }
    return '';
  }

  /** A selector for the links to a profile. The handle is page text (hostile): escaped, so a
   *  handle like `"-prompt(8)-"` is a value to match, never selector syntax (which would throw
   *  and leave the post unbadged). */
  const profileHref = (handle) => `a[href="${CSS.escape('/profile/' + handle)}"]`;

  /** The reason row above the avatar: a link to the reposter's profile with the repost icon. */
  function repostRow(item, handle) {
    const avatar = item.querySelector(profileHref(handle));
    for (const a of item.querySelectorAll(SEL.profileLink)) {
      if (avatar && !before(a, avatar)) break;
      const h = (/^\/profile\/([^/?#]+)\/?$/.exec(a.getAttribute('href') || '') || [])[1];
      if (h && h !== handle && (a.querySelector('svg') || REPOST_LABEL.test(a.getAttribute('aria-label') || ''))) return a;
    }
    return null;
  }

  /** PostRepliedTo: an icon and a short text between the meta row and the text, with no link. */
  function repliedRow(item, permalink, textEl) {
    for (const svg of item.querySelectorAll('svg')) {
      const row = svg.parentElement;
      if (!row || (textEl && (textEl.contains(row) || !before(row, textEl))) || (permalink && !before(permalink, row))) continue;
      if (insideWithin(row, item, 'a, button, [role="button"]')) continue;
      const t = D.text(row);
      if (t && t.length < 120) return row;
    }
    for (const el of item.querySelectorAll('div, span')) {
      if (textEl && textEl.contains(el)) continue;
      if (el.children.length <= 2 && REPLY_LABEL.test((el.textContent || '').trim())) return el;
    }
    return null;
  }

  function extract(item) {
    const handle = handleOf(item);
    const own = handle && permalinkOf(item, handle);
    if (!handle || !own) return null;
    const href = own.href;
    const textEl = item.querySelector(SEL.text) || (item.matches(SEL.threadItem) ? threadText(item) : null);
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
    const stamp = own.el ? own.el.getAttribute('data-tooltip') || own.el.getAttribute('aria-label') || '' : anchorDate(item, textEl);
    const when = stamp ? parseStamp(stamp) : NaN;
    const repost = repostRow(item, handle);
    let reply = repliedRow(item, own.el, textEl);
    // In a thread every post but the first (the root, or the topmost parent shown) answers another.
    const threadReply = item.matches(SEL.threadItem) && document.querySelector(SEL.threadItem) !== item;
    const lang = textEl && textEl.getAttribute('lang');
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
      is_reply: !!reply || threadReply,
      is_repost: !!repost,
    };
    if (lang) post.lang = lang;
    if (reply) {
      const a = reply.querySelector(SEL.profileLink) || (reply.matches('a[href]') ? reply : null);
      const m = a && /^\/profile\/([^/]+)/.exec(a.getAttribute('href'));
      if (m) post.reply_to = m[1];
    }
    // "Replied to NAME" names no handle; a reply that opens with a mention answers that account.
    if (post.is_reply && !post.reply_to && /^@/.test(post.text) && mentions.length) post.reply_to = mentions[0];
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
      if (own) return own.parentElement || item;
      // The anchor post: beside its author link.
      const author = item.querySelector(profileHref(handle) + '[aria-label]') || item.querySelector(profileHref(handle));
      return (author && author.parentElement) || item;
    },
    composers: {
      find(root) { return D.within(root, SEL.composer); },
      readDraft(el) { return (el.innerText !== undefined ? el.innerText : el.textContent || '').trim(); },
      kind(el) {
        const dialog = el.closest(SEL.composerDialog);
        if (!dialog) return 'post';
        const publish = dialog.querySelector(SEL.publish);
        if (publish && PUBLISH_REPLY.test(publish.getAttribute('aria-label') || '')) return 'reply';
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
    /** Every selector this adapter uses, for the selector-health suite. */
    selectors: SEL,
  });
})();
