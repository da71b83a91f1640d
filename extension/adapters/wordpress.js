// WordPress comment threads (blogs the user adds in the options). All WordPress selectors live here.
// Checked against WordPress core (WordPress/wordpress-develop, 2026-12-01), see docs/sites.md:
// - HTML5 comments, Walker_Comment::html5_comment() (src/wp-includes/class-walker-comment.php):
//   li#comment-N.comment > article#div-comment-N.comment-body > footer.comment-meta
//   (.comment-author b.fn, .comment-metadata time[datetime]) + div.comment-content; ol.children.
// - Classic comments without html5 support, Walker_Comment::comment(): li#comment-N.comment >
//   div#div-comment-N.comment-body > .comment-author cite.fn (a.url when given), .comment-meta a
//   (no <time>), the comment's paragraphs directly inside .comment-body, div.reply.
//   Theme callbacks written after the old codex example use li#li-comment-N > div#comment-N.
// - Pings, Walker_Comment::ping(): li#comment-N.pingback > div.comment-body "Pingback: <a>".
// - Block themes, core/comment-template (src/wp-includes/blocks/comment-template.php):
//   ol.wp-block-comment-template > li#comment-N.comment (comment_class: pingback/trackback too)
//   with the template's blocks, then <ol> (no class) for replies; the blocks are
//   .wp-block-comment-author-name (comment-author-name.php: a link when isLink, href may be empty),
//   .wp-block-comment-content (comment-content.php), .wp-block-comment-date time[datetime]
//   (comment-date.php).
// - comment_form() (src/wp-includes/comment-template.php): #respond > form#commentform,
//   textarea#comment, input#author / #url for guests, p.logged-in-as "Logged in as NAME. <a>Edit
//   your profile</a>. <a>Log out?</a>" (translated; older releases: an aria-label on the first link).
// - The admin bar of a logged-in user: #wp-admin-bar-my-account .display-name (no UI text).
'use strict';
(() => {
  const D = Notwork.dom;
  const SEL = {
    list: 'ol.comment-list, ul.comment-list, ol.commentlist, ul.commentlist, ol.wp-block-comment-template',
    // Post roots (one per comment, never containing a reply): the .comment-body of classic and
    // HTML5 comments, a theme callback's div#comment-N, a ping's li, and in block themes the
    // li's first block (not its <ol> of replies) that holds the author name or the content.
    post: [
      '.comment-list li.comment > .comment-body', '.commentlist li.comment > .comment-body',
      '.comment-list li.comment > div[id^="comment-"]', '.commentlist li.comment > div[id^="comment-"]',
      '.comment-list li.pingback', '.comment-list li.trackback', '.commentlist li.pingback', '.commentlist li.trackback',
      '.wp-block-comment-template li > :not(ol):is(:has(.wp-block-comment-author-name), :has(.wp-block-comment-content), .wp-block-comment-author-name, .wp-block-comment-content)',
    ].join(', '),
    item: 'li[id^="comment-"], li[id^="li-comment-"]',
    author: '.wp-block-comment-author-name, .comment-author .fn, .comment-author cite',
    content: '.wp-block-comment-content, .comment-content',
    time: '.wp-block-comment-date time[datetime], .comment-metadata time[datetime], .comment-meta time[datetime]',
    // What is not the comment's text inside a classic .comment-body.
    notText: '.comment-author, .comment-meta, .commentmetadata, .comment-metadata, .reply, .comment-awaiting-moderation, .edit-link, ol.children, ul.children, script, style',
    wpMarker: 'meta[name="generator"][content^="WordPress"], link[href*="/wp-content/"], link[href*="/wp-includes/"], link[id^="wp-block-library"], style[id^="wp-block-library"], #commentform input[name="comment_post_ID"], form[action$="/wp-comments-post.php"], .wp-block-comment-template',
    commentForm: '#commentform',
    composer: '#commentform textarea#comment',
    adminBarName: '#wp-admin-bar-my-account .display-name',
    loggedInAs: '#commentform .logged-in-as, .comment-respond .logged-in-as',
    guestName: '#commentform input#author',
    guestUrl: '#commentform input#url',
  };
  // comment_form()'s "Logged in as %s." in WordPress' own translations (en, de, fr, es, pt_PT,
  // pt_BR, it, ja); the older aria-label "Logged in as %s. Edit your profile." starts the same.
  const LOGGED_IN_AS = [
    /^Logged in as (.+?)\.(?:\s|$)/, /^Angemeldet als (.+?)\.(?:\s|$)/, /^Connecté(?:e)? en tant que (.+?)\.(?:\s|$)/,
    /^Conectado como (.+?)\.(?:\s|$)/, /^Sessão iniciada como (.+?)\.(?:\s|$)/, /^Logado como (.+?)\.(?:\s|$)/,
    /^Connesso come (.+?)\.(?:\s|$)/, /^(.+?)\s*としてログイン/,
  ];

  function nameFromLoggedInText(t) {
    for (const re of LOGGED_IN_AS) {
      const m = re.exec(t);
      if (m && m[1].trim()) return m[1].trim();
    }
    return null;
  }

  /** The commenter: the admin bar names a logged-in user; else the comment form's "Logged in as
   *  NAME." line (read by its text, in the languages above); a guest types (or the comment cookie
   *  pre-fills) the Name field. Comments show the same name. */
  function currentUser(loc, doc) {
    const bar = D.text(doc.querySelector(SEL.adminBarName));
    if (bar) return bar;
    const p = doc.querySelector(SEL.loggedInAs);
    if (p) {
      const labelled = p.querySelector('a[aria-label]');
      const name = nameFromLoggedInText(D.text(p)) || (labelled && nameFromLoggedInText(labelled.getAttribute('aria-label') || ''));
      if (name) return name;
    }
    const input = doc.querySelector(SEL.guestName);
    return (input && input.value.trim()) || null;
  }

  /** A link's target; WordPress writes href="" for a commenter without a website. */
  function linkTarget(a) {
    const href = (a.getAttribute('href') || '').trim();
    if (!href || href.startsWith('#')) return null;
    return D.httpUrl(href);
  }

  function commentItem(el) { return el.matches('li') ? el : el.closest('li'); }

  /** The first element matching `sel` inside this comment, not inside one of its replies. */
  function own(li, sel) {
    for (const el of li.querySelectorAll(sel)) if (el.closest('li') === li) return el;
    return null;
  }

  function commentNumber(li, el) {
    for (const id of [li && li.id, el && el.id]) {
      const m = /^(?:li-|div-)?comment-(\d+)$/.exec(id || '');
      if (m) return m[1];
    }
    return null;
  }

  /** Block themes can put the template's blocks directly in the li: one root per comment. */
  function findPosts(root) {
    const seen = new Set();
    return D.within(root, SEL.post).filter((el) => {
      const li = commentItem(el);
      if (!li || seen.has(li)) return false;
      seen.add(li);
      return true;
    });
  }

  /** A classic comment's text: what .comment-body holds besides its author, meta and reply parts. */
  function classicText(body) {
    const parts = [];
    const links = [];
    for (const child of body.children) {
      if (child.matches(SEL.notText)) continue;
      const t = D.richText(child);
      if (t) parts.push(t);
      for (const a of (child.matches('a[href]') ? [child] : child.querySelectorAll('a[href]'))) links.push(linkTarget(a));
    }
    return { text: parts.join('\n'), links };
  }

  function pageLang(doc) {
    const l = (doc.documentElement.getAttribute('lang') || '').trim();
    return /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/.test(l) ? l : undefined;
  }

  function extract(el) {
    const li = commentItem(el);
    const num = li && commentNumber(li, el);
    if (!num) return null;
    const key = `wordpress:${location.host}:${num}`;
    const lang = pageLang(document);
    const fn = own(li, SEL.author);
    const nameLink = fn && (fn.matches('a') ? fn : fn.querySelector('a[href]'));
    const authorUrl = nameLink ? linkTarget(nameLink) : null;
    if (li.classList.contains('pingback') || li.classList.contains('trackback')) {
      // Classic: "Pingback: <a href=source>title</a>"; block themes: the author-name block links
      // the source, the content block holds its excerpt.
      const a = nameLink || own(li, 'a[href]');
      const url = a && linkTarget(a);
      const title = D.text(a);
      let host = 'pingback';
      try { host = new URL(url).hostname; } catch (_) { /* unknown source */ }
      const label = li.classList.contains('trackback') ? 'Trackback' : 'Pingback';
      const excerpt = D.richText(own(li, SEL.content));
      return {
        key, id: num, site: 'wordpress', kind: 'comment',
        text: `${label}: ${title}${url ? ' ' + url : ''}${excerpt ? '\n' + excerpt : ''}`,
        author: host, author_name: title || undefined, author_url: url || undefined,
        links: url ? [url] : [], automated: true, source_client: label.toLowerCase(), lang,
      };
    }
    if (!fn) return null;
    const name = D.text(fn).replace(/\s+says:$/, '');
    const contentEl = own(li, SEL.content);
    let text;
    let links;
    if (contentEl) {
      text = D.richText(contentEl);
      links = [...contentEl.querySelectorAll('a[href]')].map(linkTarget);
    } else {
      const body = el.matches('li') ? (own(li, '.comment-body') || el) : el;
      ({ text, links } = classicText(body));
    }
    const time = own(li, SEL.time);
    const parentLi = li.parentElement && li.parentElement.closest(SEL.item);
    const post = {
      key, id: num, site: 'wordpress', kind: 'comment',
      text,
      author: name,
      author_name: name,
      author_url: authorUrl || undefined,
      created_at: D.iso(time && time.getAttribute('datetime')),
      links: D.unique(links),
      is_reply: !!parentLi,
      lang,
    };
    if (parentLi) {
      const pfn = own(parentLi, SEL.author);
      if (pfn) post.reply_to = D.text(pfn).replace(/\s+says:$/, '');
    }
    return post;
  }

  Notwork.adapters.register({
    id: 'wordpress',
    // A WordPress page with comments or a comment form (a post without comments yet still gets
    // the comment-form nudge).
    matches(loc, doc) { return !!(doc.querySelector(SEL.list) || doc.querySelector(SEL.commentForm)) && !!doc.querySelector(SEL.wpMarker); },
    findPosts,
    extract,
    badgeAnchor(el) {
      const li = commentItem(el);
      const fn = li && own(li, SEL.author);
      if (fn && el.contains(fn)) return fn.closest('.comment-author') || fn;
      if (el.matches('li')) return el.querySelector('.comment-body') || el;
      return el;
    },
    composers: {
      find(root) { return D.within(root, SEL.composer); },
      readDraft(el) { return el.value || ''; },
      // comment-reply.js moves #respond into the comment being answered.
      kind(el) { return el.closest(SEL.item) ? 'reply' : 'comment'; },
      replyContext(el) {
        const li = el.closest(SEL.item);
        const root = li && findPosts(li).find((r) => commentItem(r) === li);
        const p = root && extract(root);
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
    /** Every selector this adapter uses, for the selector-health suite. */
    selectors: SEL,
  });
})();
