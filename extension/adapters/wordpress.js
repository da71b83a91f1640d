// WordPress comment threads (blogs the user adds in the options). All WordPress selectors live here.
'use strict';
(() => {
  const D = Notwork.dom;
  const SEL = {
    list: 'ol.comment-list, ul.comment-list, ol.commentlist',
    post: '.comment-list li.comment > .comment-body, .commentlist li.comment > .comment-body, .comment-list li.pingback, .comment-list li.trackback, .commentlist li.pingback',
    content: '.comment-content',
    author: '.comment-author .fn',
    time: '.comment-metadata time[datetime], .comment-meta time[datetime]',
    editLink: '.edit-link',
    wpMarker: 'meta[name="generator"][content^="WordPress"], link[href*="/wp-content/"], link[href*="/wp-includes/"], #commentform, .wp-block-comment-template',
    composer: '#commentform textarea#comment',
    loggedInAs: '#commentform .logged-in-as a[aria-label], .comment-respond .logged-in-as a[aria-label]',
    guestName: '#commentform input#author',
    guestUrl: '#commentform input#url',
  };

  /** The commenter: a logged-in user is named in "Logged in as NAME. Edit your profile.";
   *  a guest types (or the comment cookie pre-fills) the Name field. Comments show the same name. */
  function currentUser(loc, doc) {
    const a = doc.querySelector(SEL.loggedInAs);
    const m = a && /^Logged in as (.+?)\.\s/.exec(a.getAttribute('aria-label') || '');
    if (m) return m[1].trim();
    const input = doc.querySelector(SEL.guestName);
    return (input && input.value.trim()) || null;
  }

  function linkTarget(a) { return D.httpUrl(a.getAttribute('href') || ''); }

  function commentItem(el) { return el.matches('li') ? el : el.closest('li'); }

  function extract(el) {
    const li = commentItem(el);
    const num = li && /(\d+)$/.exec(li.id || '');
    if (!num) return null;
    const key = `wordpress:${location.host}:${num[1]}`;
    if (li.classList.contains('pingback') || li.classList.contains('trackback')) {
      const a = el.querySelector('a[href]');
      const url = a && linkTarget(a);
      const title = D.text(a);
      let host = 'pingback';
      try { host = new URL(url).hostname; } catch (_) { /* unknown source */ }
      const label = li.classList.contains('trackback') ? 'Trackback' : 'Pingback';
      return {
        key, id: num[1], site: 'wordpress', kind: 'comment',
        text: `${label}: ${title}${url ? ' ' + url : ''}`,
        author: host, author_name: title || undefined, author_url: url || undefined,
        links: url ? [url] : [], automated: true, source_client: label.toLowerCase(),
      };
    }
    const fn = el.querySelector(SEL.author);
    const contentEl = el.querySelector(SEL.content);
    if (!fn || !contentEl) return null;
    const nameLink = fn.matches('a') ? fn : fn.querySelector('a[href]');
    const name = D.text(fn);
    const time = el.querySelector(SEL.time);
    const links = [...contentEl.querySelectorAll('a[href]')].map(linkTarget);
    const parentLi = li.parentElement && li.parentElement.closest('li.comment');
    const post = {
      key, id: num[1], site: 'wordpress', kind: 'comment',
      text: D.richText(contentEl),
      author: name,
      author_name: name,
      author_url: nameLink ? linkTarget(nameLink) || undefined : undefined,
      created_at: D.iso(time && time.getAttribute('datetime')),
      links: D.unique(links),
      is_reply: !!parentLi,
    };
    if (parentLi) {
      const pfn = parentLi.querySelector(':scope > .comment-body ' + SEL.author);
      if (pfn) post.reply_to = D.text(pfn);
    }
    return post;
  }

  Notwork.adapters.register({
    id: 'wordpress',
    matches(loc, doc) { return !!doc.querySelector(SEL.list) && !!doc.querySelector(SEL.wpMarker); },
    findPosts(root) { return D.within(root, SEL.post); },
    extract,
    badgeAnchor(el) {
      if (el.matches('li')) return el.querySelector('.comment-body') || el;
      return el.querySelector('.comment-author') || el;
    },
    composers: {
      find(root) { return D.within(root, SEL.composer); },
      readDraft(el) { return el.value || ''; },
      kind(el) { return el.closest('li.comment') ? 'reply' : 'comment'; },
      replyContext(el) {
        const li = el.closest('li.comment');
        const body = li && li.querySelector(':scope > .comment-body');
        const p = body && extract(body);
        return p ? { author: p.author, text: p.text } : null;
      },
      anchor(el) { return el.closest('.comment-form-comment') || el.parentElement || el; },
      /** The guest's Website field: the commenter's own site (P2 own links). */
      authorUrl(el) {
        const input = (el.form || document).querySelector(SEL.guestUrl);
        return (input && input.value.trim() && D.httpUrl(input.value.trim().replace(/^(?!https?:)/i, 'https://'))) || null;
      },
    },
    currentUser,
    profile: {
      isProfilePage() { return false; }, // blogs have no author profiles to audit
      handle() { return null; },
    },
    linkTarget,
  });
})();
