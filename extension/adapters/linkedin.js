// LinkedIn (www.linkedin.com). All LinkedIn selectors live here.
// LinkedIn's web client is closed source: these are the selectors maintained public extensions
// and scripts target (checked 2026-12-01, see docs/sites.md): feed posts
// div.feed-shared-update-v2[data-urn^="urn:li:activity:"] (older [data-id^="urn:li:activity:"],
// newer [role="article"][data-urn]), the actor block .update-components-actor__* with its
// profile link, the text .update-components-text, the header .update-components-header
// ("… reposted this"), link cards .update-components-article; the composers (Quill
// .ql-editor / role=textbox contenteditables), messaging .msg-form__contenteditable, and the
// connect dialog's "Add a note" textarea[name="message"] (#custom-message): the invitation note,
// where P13 belongs; on newer pages that dialog lives in the open shadow root of div#interop-outlet
// (as connection-request scripts note), which find() looks into.
'use strict';
(() => {
  const D = Notwork.dom;
  const SEL = {
    post: 'div.feed-shared-update-v2[data-urn^="urn:li:activity:"], div[data-id^="urn:li:activity:"]:not(:has(div.feed-shared-update-v2)), div[role="article"][data-urn^="urn:li:activity:"]:not(.feed-shared-update-v2):not(:has(div.feed-shared-update-v2))',
    text: '.update-components-text, .feed-shared-update-v2__description, .feed-shared-inline-show-more-text',
    actor: '.update-components-actor',
    actorLink: 'a.update-components-actor__meta-link[href], a.update-components-actor__image[href], a[href*="/in/"], a[href*="/company/"]',
    actorName: '.update-components-actor__title span[aria-hidden="true"], .update-components-actor__name span[aria-hidden="true"], .update-components-actor__title',
    actorSub: '.update-components-actor__sub-description, .update-components-actor__description',
    header: '.update-components-header',
    article: '.update-components-article a[href], .update-components-article__meta a[href]',
    hashtag: 'a[href*="/feed/hashtag/"], a[href*="/search/results/all/?keywords=%23"]',
    mention: 'a[href*="/in/"], a[href*="/company/"]',
    // Composers: the share box and comment boxes, messaging, the invitation note.
    composer: '.share-creation-state__editor [contenteditable="true"], .share-box [role="textbox"][contenteditable="true"], .comments-comment-box [contenteditable="true"], .comments-comment-texteditor [contenteditable="true"], .msg-form__contenteditable[contenteditable="true"], textarea[name="message"]#custom-message, [role="dialog"] textarea[name="message"]',
    shareBox: '.share-creation-state, .share-box',
    commentBox: '.comments-comment-box, .comments-comment-texteditor',
    messaging: '.msg-form',
    invitation: 'textarea[name="message"]',
    dialog: '[role="dialog"]',
    // Newer pages render the invitation modal in an open shadow root under div#interop-outlet.
    interop: '#interop-outlet',
    me: '.feed-identity-module a[href*="/in/"], .profile-card a[href*="/in/"]',
    profileHeader: '.pv-top-card, .scaffold-layout__main .ph5',
  };
  // "Promoted" and "… reposted this" are only text: LinkedIn's en, de, fr, es, pt, it, ja UIs.
  const PROMOTED = /^(Promoted|Gesponsert|Sponsorisé|Promocionado|Promovido|Promosso|プロモーション)(?!\p{L})/u;
  const REPOSTED = /(reposted this|hat das repostet|hat dies repostet|a republié ceci|ha republicado esto|republicou isso|ha diffuso questo post|ha ripubblicato|さんが再投稿しました)/iu;

  function slugOf(href) {
    const m = /\/(in|company)\/([^/?#]+)/.exec(href || '');
    return m ? { kind: m[1], slug: decodeURIComponent(m[2]) } : null;
  }

  function linkTarget(a) {
    const href = a.getAttribute('href') || '';
    const u = D.httpUrl(href, 'https://www.linkedin.com/');
    if (!u) return null;
    const url = new URL(u);
    if (/(^|\.)linkedin\.com$/.test(url.hostname)) {
      // LinkedIn's own redirector keeps the target in ?url=.
      if (url.pathname.startsWith('/redir/redirect')) return D.httpUrl(url.searchParams.get('url') || '');
      return null;
    }
    return u;
  }

  function extract(el) {
    const urn = el.getAttribute('data-urn') || el.getAttribute('data-id');
    if (!urn) return null;
    // A reshare holds the original's actor block second; the outer actor is the poster.
    const actor = el.querySelector(SEL.actor);
    const link = actor && actor.querySelector(SEL.actorLink);
    const who = link && slugOf(link.getAttribute('href'));
    if (!who) return null;
    const nameEl = actor.querySelector(SEL.actorName);
    const name = D.text(nameEl).replace(/\s*(•|·).*$/, '');
    const textEl = el.querySelector(SEL.text);
    const links = [];
    const mentions = [];
    const hashtags = [];
    if (textEl) {
      for (const a of textEl.querySelectorAll('a[href]')) {
        if (a.matches(SEL.hashtag)) hashtags.push(D.text(a).replace(/^(hashtag)?#/i, ''));
        else if (a.matches(SEL.mention)) { const s = slugOf(a.getAttribute('href')); if (s) mentions.push(s.slug); }
        else links.push(linkTarget(a));
      }
    }
    for (const a of el.querySelectorAll(SEL.article)) links.push(linkTarget(a));
    const promoted = [...actor.querySelectorAll(SEL.actorSub)].some((e) => PROMOTED.test(D.text(e)));
    const header = D.text(el.querySelector(SEL.header));
    const post = {
      key: 'linkedin:' + urn,
      id: urn.replace(/^urn:li:activity:/, ''),
      site: 'linkedin',
      kind: 'post',
      text: D.richText(textEl, (a) => (a.matches(SEL.hashtag) || a.matches(SEL.mention) ? null : linkTarget(a))),
      author: who.slug,
      author_name: name || undefined,
      author_url: `https://www.linkedin.com/${who.kind}/${encodeURIComponent(who.slug)}/`,
      links: D.unique(links),
      mentions: D.unique(mentions),
      hashtags: D.unique(hashtags),
      is_reply: false,
      is_repost: REPOSTED.test(header) && !textEl,
    };
    if (promoted) post.promoted = true;
    const lang = textEl && (textEl.getAttribute('lang') || (textEl.querySelector('[lang]') || { getAttribute: () => null }).getAttribute('lang'));
    if (lang) post.lang = lang;
    return post;
  }

  function composerKind(el) {
    if (el.matches(SEL.invitation)) return 'invitation';
    if (el.closest(SEL.messaging)) return 'dm';
    if (el.closest(SEL.commentBox)) return el.closest('.comments-comment-item, .comments-comment-entity') ? 'reply' : 'comment';
    return 'post';
  }

  function profileSlug(loc) {
    const m = /^\/in\/([^/?#]+)\/?$/.exec(loc.pathname);
    return m ? decodeURIComponent(m[1]) : null;
  }

  Notwork.adapters.register({
    id: 'linkedin',
    matches(loc) { return loc.hostname === 'www.linkedin.com' || loc.hostname === 'linkedin.com'; },
    findPosts(root) { return D.within(root, SEL.post); },
    extract,
    badgeAnchor(el) { return el.querySelector('.update-components-actor__content') || el.querySelector(SEL.actor) || el; },
    composers: {
      find(root) {
        const found = D.within(root, SEL.composer);
        for (const host of D.within(root, SEL.interop)) {
          if (host.shadowRoot) found.push(...host.shadowRoot.querySelectorAll(SEL.composer));
        }
        return found;
      },
      readDraft(el) {
        if (el.localName === 'textarea') return el.value || '';
        return (el.innerText !== undefined ? el.innerText : el.textContent || '').trim();
      },
      kind: composerKind,
      replyContext(el) {
        const post = el.closest(SEL.post);
        const p = post && extract(post);
        return p && composerKind(el) !== 'post' ? { author: p.author, text: p.text } : null;
      },
      anchor(el) {
        if (el.matches(SEL.invitation)) return el.parentElement || el;
        return el.closest(SEL.messaging) || el.closest(SEL.commentBox) || el.closest(SEL.shareBox) || el.parentElement || el;
      },
    },
    currentUser(loc, doc) {
      const a = doc.querySelector(SEL.me);
      const s = a && slugOf(a.getAttribute('href'));
      return s ? s.slug : null;
    },
    profile: {
      isProfilePage(loc) { return !!profileSlug(loc); },
      handle(loc) { return profileSlug(loc); },
    },
    linkTarget,
    /** Every selector this adapter uses, for the selector-health suite. */
    selectors: SEL,
  });
})();
