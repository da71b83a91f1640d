// X (x.com, twitter.com). Markup notes: ../../../shared/spec/sites.md. All X selectors live here.
// X's web client is closed source: selectors follow what maintained public extensions and
// scripts target (checked 2026-12-01, see docs/sites.md): Control Panel for Twitter
// (insin/control-panel-for-twitter: tweet, tweetText, User-Name, socialContext, cellInnerDiv,
// the Chat pages /i/chat with [data-testid="dm-container"]), and DM automation scripts that
// write into X Chat's textarea[data-testid="dm-composer-textarea"] and press
// [data-testid="dm-composer-send-button"], besides the older DM drawer's dmComposerTextInput.
'use strict';
(() => {
  const D = Notwork.dom;
  const SEL = {
    post: 'article[data-testid="tweet"]',
    text: '[data-testid="tweetText"]',
    userName: '[data-testid="User-Name"]',
    permalinkTime: 'a[href*="/status/"] > time[datetime]',
    socialContext: '[data-testid="socialContext"]',
    card: '[data-testid="card.wrapper"]',
    promoted: '[data-testid="placementTracking"]',
    // Draft.js editors on the desktop site; the mobile web composer is a textarea inside the test id.
    composer: 'div[data-testid^="tweetTextarea"][contenteditable="true"], div[data-testid^="tweetTextarea"] [contenteditable="true"], [data-testid^="tweetTextarea"] textarea, textarea[data-testid^="tweetTextarea"]',
    composerRoot: '[data-testid^="tweetTextarea"]',
    // Direct messages: the older drawer (Draft.js) and X Chat (/i/chat, a textarea).
    dmComposer: '[data-testid="dmComposerTextInput"], [data-testid="dm-composer-textarea"], [data-testid="dm-composer-form"]',
    dmEditor: '[data-testid="dmComposerTextInput"][contenteditable="true"], [data-testid="dmComposerTextInput"] [contenteditable="true"], textarea[data-testid="dmComposerTextInput"], textarea[data-testid="dm-composer-textarea"]',
    dmSend: '[data-testid="dmComposerSendButton"], [data-testid="dm-composer-send-button"]',
    dmContainer: '[data-testid="dm-container"]',
    profileLink: 'a[data-testid="AppTabBar_Profile_Link"]',
    primaryColumn: '[data-testid="primaryColumn"]',
    profileHeader: '[data-testid="UserName"]',
  };
  const HOSTS = new Set(['x.com', 'twitter.com', 'mobile.x.com', 'mobile.twitter.com']);
  const SHORTENER = /^https?:\/\/t\.co\//i;
  // Labels X only gives as text, in its en, de, fr, es, pt, it and ja UIs.
  const AUTOMATED = /^(Automated|Automatisiert|Automatisé|Automatizado|Automatizzato|自動)/u;
  const REPLYING_TO = /^(Replying to|Antwort an|En réponse à|Respondiendo a|Em resposta a|Respondendo a|In risposta a|返信先)/u;
  const REPOSTED = /(?:^|[^\p{L}])(reposted|retweeted|hat repostet|hat retweetet|a reposté|a retweeté|reposteó|ha reposteado|retuiteó|repostou|retweetou|ha ripostato|ha ritwittato)(?!\p{L})|がリポスト|さんがリツイート/iu;
  const RESERVED = new Set(['home', 'explore', 'notifications', 'messages', 'i', 'search', 'settings',
    'compose', 'hashtag', 'login', 'logout', 'signup', 'tos', 'privacy', 'jobs', 'communities']);

  /** X anchors show the real URL: hidden spans carry "https://" and the tail; "…" marks truncation. */
  function linkTarget(a) {
    const href = a.getAttribute('href') || '';
    if (!SHORTENER.test(href)) {
      if (href.startsWith('/')) return null; // in-app link (profile, hashtag)
      return D.httpUrl(href);
    }
    const title = a.getAttribute('title');
    if (title && /^https?:\/\//i.test(title)) return D.httpUrl(title);
    let t = (a.textContent || '').trim().replace(/\u2026$/, '');
    if (!t || /\s/.test(t)) return null;
    if (!/^https?:\/\//i.test(t)) t = 'https://' + t;
    return D.httpUrl(t);
  }

  function handleFromHref(href) {
    const m = /^\/([A-Za-z0-9_]{1,15})\/?$/.exec(href || '');
    return m && !RESERVED.has(m[1].toLowerCase()) ? m[1] : null;
  }

  function userOf(userName) {
    if (!userName) return {};
    let handle = null;
    for (const a of userName.querySelectorAll('a[href^="/"]')) {
      handle = handleFromHref(a.getAttribute('href'));
      if (handle) break;
    }
    const first = userName.querySelector('a[href^="/"]');
    const name = first ? D.text(first) : '';
    return { handle, name };
  }

  function cardLink(card) {
    if (!card) return null;
    for (const a of card.querySelectorAll('a[href]')) {
      const title = a.getAttribute('title');
      if (title && /^https?:\/\//i.test(title)) return D.httpUrl(title);
      // Large cards label their link "<domain> <title>".
      const label = a.getAttribute('aria-label') || '';
      const m = /^([a-z0-9-]+(?:\.[a-z0-9-]+)+)(?:\s|$)/i.exec(label);
      if (m) return 'https://' + m[1].toLowerCase() + '/';
      const direct = linkTarget(a);
      if (direct && !SHORTENER.test(direct)) return direct;
    }
    // Small cards show "From <domain>" (translated): take the domain-shaped word, not the words.
    for (const span of card.querySelectorAll('span')) {
      const m = /(?:^|\s)((?:[a-z0-9-]+\.)+[a-z]{2,})$/i.exec((span.textContent || '').trim());
      if (m) return 'https://' + m[1].toLowerCase() + '/';
    }
    return null;
  }

  function isAutomated(article, textEl) {
    for (const span of article.querySelectorAll('span')) {
      if ((textEl && textEl.contains(span)) || span.closest(SEL.userName)) continue;
      const t = (span.textContent || '').trim();
      if (t.length < 60 && AUTOMATED.test(t)) return true;
    }
    return false;
  }

  function replyTo(article, textEl) {
    // "Replying to @someone" sits between the header and the text (no test id).
    for (const div of article.querySelectorAll('div[dir]')) {
      if (textEl && textEl.contains(div)) continue;
      if (REPLYING_TO.test((div.textContent || '').trim())) {
        const a = div.querySelector('a[href^="/"]');
        return (a && handleFromHref(a.getAttribute('href'))) || true;
      }
    }
    return null;
  }

  function extract(article) {
    const texts = article.querySelectorAll(SEL.text);
    const names = article.querySelectorAll(SEL.userName);
    const textEl = texts[0] || null;
    const { handle, name } = userOf(names[0]);
    const time = article.querySelector(SEL.permalinkTime);
    const permalink = time ? time.parentElement.getAttribute('href') : null;
    const idMatch = permalink && /\/status\/(\d+)/.exec(permalink);
    if (!handle || !idMatch) return null; // a placeholder or an unrendered cell
    const text = D.richText(textEl, (a) => {
      const href = a.getAttribute('href') || '';
      return SHORTENER.test(href) ? (linkTarget(a) || '') : null;
    });
    const links = [];
    const mentions = [];
    const hashtags = [];
    if (textEl) {
      for (const a of textEl.querySelectorAll('a[href]')) {
        const href = a.getAttribute('href');
        const label = D.text(a);
        if (href.startsWith('/hashtag/') || label.startsWith('#')) hashtags.push(label.replace(/^#/, ''));
        else if (label.startsWith('@')) mentions.push(label.slice(1));
        else links.push(linkTarget(a));
      }
    }
    const card = cardLink(article.querySelector(SEL.card));
    // The card repeats a link of the text (X may hide that link from the text): add it only if new.
    const hostOf = (u) => { try { return new URL(u).hostname; } catch (_) { return null; } };
    if (card && !links.some((l) => l && hostOf(l) === hostOf(card))) links.push(card);
    // A repost's social context links the reposter's profile ("Pinned" and the like link nowhere).
    const socialEl = article.querySelector(SEL.socialContext);
    const socialLink = socialEl && socialEl.closest('a[href]');
    const social = D.text(socialEl);
    const reposter = socialLink && handleFromHref(socialLink.getAttribute('href'));
    const reply = replyTo(article, textEl);
    const post = {
      key: 'x:' + idMatch[1],
      id: idMatch[1],
      site: 'x',
      kind: 'post',
      text: text || (card ? card : ''),
      author: handle,
      author_name: name || undefined,
      author_url: 'https://x.com/' + handle,
      created_at: D.iso(time.getAttribute('datetime')),
      links: D.unique(links),
      mentions: D.unique(mentions),
      hashtags: D.unique(hashtags),
      is_reply: !!reply,
      is_repost: (!!reposter && reposter.toLowerCase() !== handle.toLowerCase()) || REPOSTED.test(social),
      automated: isAutomated(article, textEl),
    };
    if (typeof reply === 'string') post.reply_to = reply;
    if (names[1]) {
      const quoted = userOf(names[1]).handle;
      if (quoted) post.quoted_author = quoted;
    }
    if (article.closest(SEL.promoted)) post.promoted = true;
    const lang = textEl && textEl.getAttribute('lang');
    if (lang && lang !== 'und' && lang !== 'zxx') post.lang = lang; // X's "undetermined" / "no text" codes
    return post;
  }

  function composerKind(el) {
    if (el.closest(SEL.dmComposer) || el.matches(SEL.dmComposer) || el.closest(SEL.dmContainer)) return 'dm';
    const dialog = el.closest('[role="dialog"]');
    const scope = dialog || el.closest(SEL.primaryColumn) || document;
    if (scope.querySelector(`${SEL.post} ${SEL.text}`) && dialog) {
      const replying = [...dialog.querySelectorAll('div[dir], span')].some((d) => REPLYING_TO.test((d.textContent || '').trim()));
      return replying ? 'reply' : 'quote';
    }
    if (/^\/[^/]+\/status\/\d+/.test(location.pathname) && !dialog) return 'reply';
    return 'post';
  }

  Notwork.adapters.register({
    id: 'x',
    matches(loc) { return HOSTS.has(loc.hostname); },
    findPosts(root) { return D.within(root, SEL.post); },
    extract,
    badgeAnchor(article) { return article.querySelector(SEL.userName) || article; },
    composers: {
      find(root) {
        return D.within(root, `${SEL.composer}, ${SEL.dmEditor}`).filter((el) => el.localName === 'textarea' || el.isContentEditable !== false);
      },
      readDraft(el) {
        if (el.localName === 'textarea') return el.value || '';
        return (el.innerText !== undefined ? el.innerText : el.textContent || '').trim();
      },
      kind: composerKind,
      replyContext(el) {
        const dialog = el.closest('[role="dialog"]');
        let article = dialog && dialog.querySelector(SEL.post);
        if (!article && /\/status\/\d+/.test(location.pathname)) article = document.querySelector(SEL.post);
        if (!article) return null;
        const p = extract(article);
        return p ? { author: p.author, text: p.text } : null;
      },
      anchor(el) {
        if (el.closest(SEL.dmComposer) || el.closest(SEL.dmContainer)) {
          // The DM composer row: the nearest ancestor that also holds the send button.
          for (let n = el.parentElement; n && n !== document.body; n = n.parentElement) if (n.querySelector(SEL.dmSend)) return n;
          return el.closest(SEL.dmComposer) || el.parentElement || el;
        }
        return el.closest(SEL.composerRoot) || el;
      },
    },
    /** The logged-in user: the "Profile" tab of the side navigation links to their page. */
    currentUser(loc, doc) {
      const a = doc.querySelector(SEL.profileLink);
      return a ? handleFromHref(a.getAttribute('href')) : null;
    },
    profile: {
      isProfilePage(loc, doc) {
        const h = handleFromHref(loc.pathname.replace(/\/(with_replies|media|likes|highlights)$/, ''));
        return !!h && !!doc.querySelector(SEL.profileHeader);
      },
      handle(loc) { return handleFromHref(loc.pathname.replace(/\/(with_replies|media|likes|highlights)$/, '')); },
    },
    linkTarget,
    /** Every selector this adapter uses, for the selector-health suite. */
    selectors: SEL,
  });
})();
